using System;
using System.Globalization;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Dashboard
{
    /// <summary>How the view shows rates: bytes per second (binary units, as sizes are) or bits per second (decimal, as link speeds are).</summary>
    public enum RateUnit
    {
        BytesPerSecond,
        BitsPerSecond,
    }

    /// <summary>Rates as text in either unit; the numbers underneath stay bytes per second.</summary>
    public static class RateFormat
    {
        private static readonly string[] BitUnits = { "bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s" };

        /// <summary>The step between two units: 1024 for bytes (1 KB = 1024 B), 1000 for bits (1 kbit = 1000 bit).</summary>
        public static double UnitStep(RateUnit unit) => unit == RateUnit.BitsPerSecond ? 1000 : 1024;

        /// <summary>A rate in bytes per second expressed in the unit's own scale (bits are 8 per byte).</summary>
        public static double InUnit(double bytesPerSecond, RateUnit unit) =>
            unit == RateUnit.BitsPerSecond ? bytesPerSecond * 8 : bytesPerSecond;

        public static string Format(double bytesPerSecond, RateUnit unit)
        {
            if (unit == RateUnit.BytesPerSecond)
            {
                return ByteSize.FormatRate(bytesPerSecond);
            }

            double value = Math.Abs(InUnit(bytesPerSecond, unit));
            int index = 0;
            while (value >= 1000 && index < BitUnits.Length - 1)
            {
                value /= 1000;
                index++;
            }

            string sign = bytesPerSecond < 0 ? "-" : "";
            return index == 0
                ? string.Format(CultureInfo.CurrentCulture, "{0}{1:0} {2}", sign, value, BitUnits[0])
                : string.Format(CultureInfo.CurrentCulture, "{0}{1:0.##} {2}", sign, value, BitUnits[index]);
        }

        /// <summary>The other unit: what the u key switches to.</summary>
        public static RateUnit Other(RateUnit unit) =>
            unit == RateUnit.BytesPerSecond ? RateUnit.BitsPerSecond : RateUnit.BytesPerSecond;
    }
}
