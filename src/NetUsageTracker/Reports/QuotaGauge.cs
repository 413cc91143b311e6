using System;
using NetUsageTracker.History;

namespace NetUsageTracker.Reports
{
    /// <summary>How close a quota is to its limit, as the gauge colours it.</summary>
    public enum QuotaLevel
    {
        /// <summary>Under 80 % and not forecast to reach the limit.</summary>
        Ok,

        /// <summary>At 80 % or more, or forecast to reach the limit before the period ends.</summary>
        Warning,

        /// <summary>The limit is reached.</summary>
        Exceeded,
    }

    /// <summary>
    /// A quota as a horizontal gauge: the track runs to the limit, or further when the usage or the
    /// forecast goes past it, so every mark fits; positions are fractions of the track.
    /// </summary>
    public sealed class QuotaGauge
    {
        /// <summary>From 80 % of the limit the gauge warns.</summary>
        public const double WarningPercent = 80;

        private QuotaGauge(NetUsageQuota quota, double used, double limit, double? forecast, QuotaLevel level)
        {
            Quota = quota;
            UsedFraction = used;
            LimitFraction = limit;
            ForecastFraction = forecast;
            Level = level;
        }

        public NetUsageQuota Quota { get; }

        public double UsedFraction { get; }

        public double LimitFraction { get; }

        /// <summary>Null when the quota has no forecast yet.</summary>
        public double? ForecastFraction { get; }

        public QuotaLevel Level { get; }

        public static QuotaGauge For(NetUsageQuota quota)
        {
            double limit = Math.Max(0, quota.Limit);
            double end = Math.Max(limit, Math.Max(quota.Used, quota.Forecast ?? 0));
            double Fraction(double bytes) => end > 0 ? bytes / end : 0;
            QuotaLevel level = quota.Exceeded ? QuotaLevel.Exceeded
                : quota.PercentUsed >= WarningPercent || quota.Forecast > (ulong)limit ? QuotaLevel.Warning
                : QuotaLevel.Ok;
            return new QuotaGauge(quota, Fraction(quota.Used), Fraction(limit), quota.Forecast.HasValue ? Fraction(quota.Forecast.Value) : (double?)null, level);
        }
    }
}
