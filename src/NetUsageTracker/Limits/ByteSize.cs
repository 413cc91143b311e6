using System;
using System.Globalization;

namespace NetUsageTracker.Limits
{
    /// <summary>
    /// Sizes as people write them. The convention is PowerShell's own: KB, MB, GB, TB and PB are
    /// binary multiples (1KB = 1024 bytes), exactly like the literals 1KB and 5GB, so '5GB' and 5GB mean
    /// the same number. KiB, MiB, ... are accepted as synonyms.
    /// </summary>
    public static class ByteSize
    {
        private static readonly string[] Units = { "B", "KB", "MB", "GB", "TB", "PB" };

        /// <summary>Parses "1.5GB", "500 MB", "1024", "2KiB" (invariant culture, case-insensitive).</summary>
        public static bool TryParse(string? text, out long bytes, out string error)
        {
            bytes = 0;
            string s = (text ?? "").Trim();
            if (s.Length == 0)
            {
                error = "The size is empty.";
                return false;
            }

            int split = s.Length;
            while (split > 0 && char.IsLetter(s[split - 1]))
            {
                split--;
            }

            string number = s.Substring(0, split).Trim();
            if (number.Length == 0)
            {
                error = $"'{text}' is not a size; write a number with an optional unit, such as 500MB or 1.5GB.";
                return false;
            }

            string unit = s.Substring(split).ToUpperInvariant().Replace("IB", "B");
            int power = unit.Length == 0 ? 0 : Array.IndexOf(Units, unit);
            if (power < 0)
            {
                error = $"'{text}' has an unknown unit '{s.Substring(split)}'; use B, KB, MB, GB, TB or PB.";
                return false;
            }

            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || double.IsNaN(value) || double.IsInfinity(value))
            {
                error = $"'{text}' is not a size; write a number with an optional unit, such as 500MB or 1.5GB.";
                return false;
            }

            double result = Math.Round(value * Math.Pow(1024, power));
            if (result > long.MaxValue || result < long.MinValue)
            {
                error = $"'{text}' is too large.";
                return false;
            }

            bytes = (long)result;
            error = "";
            return true;
        }

        /// <summary>Formats bytes with a binary unit and up to 2 decimals, as the format file shows them.</summary>
        public static string Format(double bytes)
        {
            int unit = UnitPower(bytes);
            double value = Math.Abs(bytes) / Math.Pow(1024, unit);
            string sign = bytes < 0 ? "-" : "";
            return unit == 0
                ? string.Format(CultureInfo.CurrentCulture, "{0}{1:0} B", sign, value)
                : string.Format(CultureInfo.CurrentCulture, "{0}{1:0.##} {2}", sign, value, Units[unit]);
        }

        /// <summary>The power of 1024 of the unit a size is shown in: the largest unit it reaches (0 is bytes).</summary>
        internal static int UnitPower(double bytes)
        {
            double value = Math.Abs(bytes);
            int unit = 0;
            while (value >= 1024 && unit < Units.Length - 1)
            {
                value /= 1024;
                unit++;
            }

            return unit;
        }

        /// <summary>The name of the unit 1024^<paramref name="power"/> bytes: B, KB, MB...</summary>
        internal static string UnitName(int power) => Units[power];

        /// <summary>Formats a nullable value; null shows as empty.</summary>
        public static string Format(object? bytes) => bytes switch
        {
            null => "",
            IConvertible c => Format(c.ToDouble(CultureInfo.InvariantCulture)),
            _ => bytes.ToString() ?? "",
        };

        /// <summary>A rate in bytes per second as "1.5 MB/s"; null (unknown) shows as empty.</summary>
        public static string FormatRate(object? bytesPerSecond) =>
            bytesPerSecond is null ? "" : Format(bytesPerSecond) + "/s";
    }
}
