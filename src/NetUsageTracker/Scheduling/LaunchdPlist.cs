using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// The launchd agent property list of the scheduled job (started every interval) or of the resident
    /// recorder (kept alive), written with an XmlWriter, and read back.
    /// </summary>
    internal static class LaunchdPlist
    {
        public const string Label = "com.netusagetracker.record";

        public const string ResidentLabel = "com.netusagetracker.recorder";

        public static string Build(RecordingSchedule schedule)
        {
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineHandling = NewLineHandling.Entitize, Encoding = new System.Text.UTF8Encoding(false) };
            using (var bytes = new MemoryStream())
            {
                using (XmlWriter xml = XmlWriter.Create(bytes, settings))
                {
                    xml.WriteStartDocument();
                    xml.WriteDocType("plist", "-//Apple//DTD PLIST 1.0//EN", "http://www.apple.com/DTDs/PropertyList-1.0.dtd", null);
                    xml.WriteStartElement("plist");
                    xml.WriteAttributeString("version", "1.0");
                    xml.WriteStartElement("dict");

                    xml.WriteElementString("key", "Label");
                    xml.WriteElementString("string", schedule.Resident ? ResidentLabel : Label);

                    // An argv array: launchd runs the program without a shell, so nothing needs quoting.
                    xml.WriteElementString("key", "ProgramArguments");
                    xml.WriteStartElement("array");
                    foreach (string argument in schedule.Command.Argv(forWindowsTask: false))
                    {
                        xml.WriteElementString("string", argument);
                    }

                    xml.WriteEndElement();

                    if (schedule.Command.Environment.Count > 0)
                    {
                        xml.WriteElementString("key", "EnvironmentVariables");
                        xml.WriteStartElement("dict");
                        foreach (KeyValuePair<string, string> variable in schedule.Command.Environment)
                        {
                            xml.WriteElementString("key", variable.Key);
                            xml.WriteElementString("string", variable.Value);
                        }

                        xml.WriteEndElement();
                    }

                    if (schedule.Resident)
                    {
                        // Started again whenever it ends, but not sooner than a minute after its last start.
                        xml.WriteElementString("key", "KeepAlive");
                        xml.WriteStartElement("true");
                        xml.WriteEndElement();
                        xml.WriteElementString("key", "ThrottleInterval");
                        xml.WriteElementString("integer", ((long)RecordingSchedule.RestartDelay.TotalSeconds).ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        xml.WriteElementString("key", "StartInterval");
                        xml.WriteElementString("integer", ((long)schedule.Interval.TotalSeconds).ToString(CultureInfo.InvariantCulture));
                    }

                    xml.WriteElementString("key", "RunAtLoad");
                    xml.WriteStartElement("true");
                    xml.WriteEndElement();

                    xml.WriteElementString("key", "ProcessType");
                    xml.WriteElementString("string", "Background");

                    xml.WriteEndElement();
                    xml.WriteEndElement();
                    xml.WriteEndDocument();
                }

                return new System.Text.UTF8Encoding(false).GetString(bytes.ToArray());
            }
        }

        /// <summary>StartInterval and ProgramArguments of a property list (null interval when absent).</summary>
        public static (TimeSpan? Interval, IList<string> Arguments) Read(string plist)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            var document = new XmlDocument { XmlResolver = null };
            using (var reader = XmlReader.Create(new StringReader(plist), settings))
            {
                document.Load(reader);
            }

            XmlNode? Value(string key) => document.SelectSingleNode($"/plist/dict/key[text()='{key}']/following-sibling::*[1]");
            string? seconds = Value("StartInterval")?.InnerText;
            TimeSpan? interval = long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out long s) ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            List<string> arguments = Value("ProgramArguments")?.SelectNodes("string")?.Cast<XmlNode>().Select(n => n.InnerText).ToList() ?? new List<string>();
            return (interval, arguments);
        }
    }
}
