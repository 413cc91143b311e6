using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetUsageTracker.Bench
{
    /// <summary>The one table the benchmark prints.</summary>
    internal static class ResultTable
    {
        private static readonly string[] Headers = { "name", "median", "spread", "vs floor", "target", "result" };

        public static string Render(IReadOnlyList<BenchRow> rows)
        {
            List<string[]> cells = rows.Select(r => new[]
            {
                r.Name,
                $"{Format(r.Median)} {r.Unit}",
                r.Spread.HasValue ? $"±{r.Spread.Value * 50:0.0}%" : "-",
                r.RatioToFloor.HasValue ? $"{r.RatioToFloor.Value:0.00}x" : "-",
                r.Target,
                (r.Pass switch { true => "pass", false => "FAIL", null => "" }) + (r.Judged.Length > 0 ? $" {r.Judged}" : ""),
            }).ToList();

            int[] widths = Headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
            var text = new StringBuilder();
            void Line(string[] values) => text.AppendLine(string.Join("  ", values.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
            Line(Headers);
            Line(widths.Select(w => new string('-', w)).ToArray());
            cells.ForEach(Line);
            text.AppendLine("spread: half the interquartile range over the rounds, relative to the median.");
            return text.ToString();
        }

        private static string Format(double value) => value.ToString(
            Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 1 ? "0.00" : "0.000", CultureInfo.InvariantCulture);
    }
}
