using System;
using NetUsageTracker.History;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Reports
{
    /// <summary>
    /// A quota as a horizontal gauge: the track runs to the limit, or further when the usage or the
    /// forecast goes past it, so every mark fits; positions are fractions of the track.
    /// </summary>
    public sealed class QuotaGauge
    {
        private QuotaGauge(NetUsageQuota quota, double used, double limit, double? forecast, GaugeBand band)
        {
            Quota = quota;
            UsedFraction = used;
            LimitFraction = limit;
            ForecastFraction = forecast;
            Band = band;
        }

        public NetUsageQuota Quota { get; }

        public double UsedFraction { get; }

        public double LimitFraction { get; }

        /// <summary>Null when the quota has no forecast yet.</summary>
        public double? ForecastFraction { get; }

        /// <summary>Warning from 80 % (as a live limit's default thresholds) or a forecast past the limit; Exceeded once it is reached.</summary>
        public GaugeBand Band { get; }

        public static QuotaGauge For(NetUsageQuota quota)
        {
            double limit = Math.Max(0, quota.Limit);
            double end = Math.Max(limit, Math.Max(quota.Used, quota.Forecast ?? 0));
            double Fraction(double bytes) => end > 0 ? bytes / end : 0;
            GaugeBand band = quota.Exceeded ? GaugeBand.Exceeded
                : LimitGauge.BandOf(quota.PercentUsed, LimitGauge.DefaultThresholds) != GaugeBand.Normal || quota.Forecast > (ulong)limit ? GaugeBand.Warning
                : GaugeBand.Normal;
            return new QuotaGauge(quota, Fraction(quota.Used), Fraction(limit), quota.Forecast.HasValue ? Fraction(quota.Forecast.Value) : (double?)null, band);
        }
    }
}
