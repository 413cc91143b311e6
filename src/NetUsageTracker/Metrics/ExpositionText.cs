using System.Collections.Generic;
using System.Text;

namespace NetUsageTracker.Metrics
{
    /// <summary>
    /// Prometheus's text exposition format, version 0.0.4: what node_exporter's and windows_exporter's
    /// textfile collectors read. Every family gets HELP and TYPE; samples carry no timestamps (the textfile
    /// collectors reject a file that has them); lines end in LF, the last one too. Counters are named with
    /// <c>_total</c>, so the names are the same in OpenMetrics. All escaping happens in <see cref="AppendEscaped"/>.
    /// </summary>
    public static class ExpositionText
    {
        /// <summary>The media type of this text, as an HTTP server or a Pushgateway client would send it.</summary>
        public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

        /// <summary>The first line of every text this module writes: a comment to the format, and how a
        /// metrics file is known to be ours before it is replaced.</summary>
        public const string Header = "# NetUsageTracker metrics (Prometheus text format 0.0.4)";

        public static string Write(IEnumerable<MetricFamily> families)
        {
            var text = new StringBuilder(4096);
            text.Append(Header).Append('\n');
            foreach (MetricFamily family in families)
            {
                if (family.Samples.Count == 0)
                {
                    // A family without samples says nothing, and a HELP line alone can read as a series that vanished.
                    continue;
                }

                text.Append("# HELP ").Append(family.Name).Append(' ');
                AppendEscaped(text, family.Help, inQuotes: false);
                text.Append("\n# TYPE ").Append(family.Name).Append(' ').Append(family.Type == MetricType.Counter ? "counter" : "gauge").Append('\n');
                foreach (MetricSample sample in family.Samples)
                {
                    text.Append(family.Name);
                    if (family.LabelNames.Count > 0)
                    {
                        text.Append('{');
                        for (int i = 0; i < family.LabelNames.Count; i++)
                        {
                            text.Append(i == 0 ? "" : ",").Append(family.LabelNames[i]).Append("=\"");
                            AppendEscaped(text, sample.LabelValues[i], inQuotes: true);
                            text.Append('"');
                        }

                        text.Append('}');
                    }

                    text.Append(' ');
                    sample.Value.AppendTo(text);
                    text.Append('\n');
                }
            }

            return text.ToString();
        }

        /// <summary>
        /// The one place text is escaped: a backslash and a line feed always (\\ and \n), a double quote inside
        /// a label value's quotes (\"). Everything else, other letters and scripts included, stays as it is.
        /// </summary>
        internal static void AppendEscaped(StringBuilder text, string value, bool inQuotes)
        {
            foreach (char c in value)
            {
                switch (c)
                {
                    case '\\':
                        text.Append("\\\\");
                        break;
                    case '\n':
                        text.Append("\\n");
                        break;
                    case '"' when inQuotes:
                        text.Append("\\\"");
                        break;
                    default:
                        text.Append(c);
                        break;
                }
            }
        }
    }
}
