using System;
using System.Globalization;

namespace NetUsageTracker.History
{
    /// <summary>
    /// Reads the cells of one logged row (Get-NetUsage | Export-Csv, then Import-Csv: every cell is text) without
    /// guessing: a counter is a whole number of bytes written in digits, and nothing else; a timestamp is a date
    /// and time object, round-trip ISO 8601 in any culture, or the exact general format that Export-Csv writes in
    /// one named culture. What does not fit is a problem in words, so the row is refused, never counted as zero.
    /// </summary>
    public static class LogRowParser
    {
        /// <summary>The earliest time a log row may hold: before it there were no such logs.</summary>
        public static readonly DateTime EarliestUtc = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>How far after now a log row may be (clocks of two machines differ a little, never by more).</summary>
        public static readonly TimeSpan LatestAhead = TimeSpan.FromDays(1);

        // Every ISO 8601 form the round-trip and sortable formats write, with or without a zone.
        private static readonly string[] IsoFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK",
            "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK",
        };

        /// <summary>A counter cell as bytes; false with the problem in words when it is not a whole number of bytes.</summary>
        public static bool TryCounter(object? value, out ulong bytes, out string problem)
        {
            bytes = 0;
            problem = "";
            switch (value)
            {
                case null:
                    problem = "is missing";
                    return false;
                case ulong u: bytes = u; return true;
                case uint u: bytes = u; return true;
                case ushort u: bytes = u; return true;
                case byte u: bytes = u; return true;
                case long or int or short or sbyte:
                    long signed = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    if (signed < 0)
                    {
                        problem = $"is negative ({signed})";
                        return false;
                    }

                    bytes = (ulong)signed;
                    return true;
                case double or float or decimal:
                    decimal number;
                    try
                    {
                        number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    }
                    catch (OverflowException)
                    {
                        problem = $"'{value}' is not a byte count";
                        return false;
                    }

                    if (number < 0 || number != decimal.Truncate(number) || number > ulong.MaxValue)
                    {
                        problem = $"'{Convert.ToString(value, CultureInfo.InvariantCulture)}' is not a whole number of bytes";
                        return false;
                    }

                    bytes = (ulong)number;
                    return true;
                case string text:
                    return TryCounterText(text, out bytes, out problem);
                default:
                    problem = $"is a {value.GetType().Name}, not a byte count";
                    return false;
            }
        }

        private static bool TryCounterText(string text, out ulong bytes, out string problem)
        {
            bytes = 0;
            string trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                problem = "is empty";
                return false;
            }

            foreach (char c in trimmed)
            {
                if (c < '0' || c > '9')
                {
                    // "1,5", "1.5", "1 500", "-5", "1e9": none of them says how many bytes without a guess.
                    problem = $"'{text}' is not a whole number of bytes written in digits only";
                    return false;
                }
            }

            if (!ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out bytes))
            {
                problem = $"'{text}' is larger than any byte counter";
                return false;
            }

            problem = "";
            return true;
        }

        /// <summary>
        /// A timestamp cell as UTC. Text is read as ISO 8601 first (a zone or Z says which; without one it is
        /// local time), then in <paramref name="culture"/>'s own general format exactly as Export-Csv writes it
        /// there, so a day and a month can never swap silently. The time must lie between
        /// <see cref="EarliestUtc"/> and <paramref name="nowUtc"/> plus <see cref="LatestAhead"/>.
        /// </summary>
        public static bool TryTimestamp(object? value, CultureInfo culture, DateTime nowUtc, out DateTime utc, out string problem)
        {
            utc = default;
            problem = "";
            DateTime parsed;
            switch (value)
            {
                case null:
                    problem = "is missing";
                    return false;
                case DateTime time:
                    parsed = time;
                    break;
                case DateTimeOffset offset:
                    parsed = offset.UtcDateTime;
                    break;
                case string text:
                    if (!TryTimestampText(text, culture, out parsed, out problem))
                    {
                        return false;
                    }

                    break;
                default:
                    problem = $"is a {value.GetType().Name}, not a date and time";
                    return false;
            }

            // Without a zone a log's time is local (Export-Csv writes none).
            try
            {
                utc = parsed.Kind == DateTimeKind.Utc ? parsed : DateTime.SpecifyKind(parsed, DateTimeKind.Local).ToUniversalTime();
            }
            catch (ArgumentException)
            {
                utc = DateTime.MaxValue;
            }

            if (utc < EarliestUtc || utc > nowUtc + LatestAhead)
            {
                problem = $"{parsed:yyyy-MM-dd HH:mm:ss} is {(utc < EarliestUtc ? "before " + EarliestUtc.Year : "in the future")}: " +
                    "a log cannot hold it (a clock was wrong when it was written)";
                return false;
            }

            return true;
        }

        private static bool TryTimestampText(string text, CultureInfo culture, out DateTime parsed, out string problem)
        {
            problem = "";
            string trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                parsed = default;
                problem = "is empty";
                return false;
            }

            if (DateTime.TryParseExact(trimmed, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out parsed)
                && HasZone(trimmed))
            {
                parsed = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
                return true;
            }

            if (DateTime.TryParseExact(trimmed, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out parsed))
            {
                parsed = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
                return true;
            }

            DateTimeFormatInfo format = culture.DateTimeFormat;
            string[] patterns =
            {
                format.ShortDatePattern + " " + format.LongTimePattern,
                format.ShortDatePattern + " " + format.ShortTimePattern,
                format.FullDateTimePattern,
            };
            if (DateTime.TryParseExact(trimmed, patterns, culture, DateTimeStyles.AllowWhiteSpaces, out parsed))
            {
                parsed = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
                return true;
            }

            string name = culture.Name.Length > 0 ? culture.Name : "the invariant culture";
            problem = $"'{text}' is neither ISO 8601 (such as {new DateTime(2026, 12, 6, 18, 35, 24):yyyy-MM-ddTHH:mm:ss}) nor {name}'s format " +
                $"({patterns[0]}); if the log was written in another culture, name it with -Culture (for example -Culture de-DE)";
            return false;
        }

        private static bool HasZone(string text)
        {
            if (text.EndsWith("Z", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // An offset follows the time: a '+' or a '-' after the date's own dashes (position 10 onwards).
            int sign = Math.Max(text.LastIndexOf('+'), text.LastIndexOf('-'));
            return sign > 10;
        }
    }
}
