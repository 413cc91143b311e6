using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Xml;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// The Task Scheduler definition (Task schema 1.2) of the scheduled job or of the resident recorder,
    /// written with an XmlWriter so that paths and names are escaped by the writer, and read back for
    /// Get-NetUsageTask.
    /// </summary>
    internal static class TaskSchedulerXml
    {
        public const string Namespace = "http://schemas.microsoft.com/windows/2004/02/mit/task";

        // A hung run must not block later runs for long (MultipleInstancesPolicy is IgnoreNew).
        private static readonly TimeSpan LongestRun = TimeSpan.FromHours(1);

        /// <summary>The Exec action's Command element: <paramref name="consoleHost"/> (conhost.exe) when PowerShell
        /// starts through it with no window, else PowerShell itself.</summary>
        public static string ExecCommand(RecordingSchedule schedule, string? consoleHost) =>
            CommandLineQuoting.WindowsArgument(consoleHost ?? schedule.Command.Executable);

        /// <summary>The Exec action's Arguments element: the PowerShell switches and the -Command script, after
        /// "--headless" and PowerShell's path when a console host starts it.</summary>
        public static string ExecArguments(RecordingSchedule schedule, string? consoleHost)
        {
            string powerShell = CommandLineQuoting.WindowsCommandLine(schedule.Command.Arguments(forWindowsTask: true));
            return consoleHost == null
                ? powerShell
                : "--headless " + CommandLineQuoting.WindowsArgument(schedule.Command.Executable) + " " + powerShell;
        }

        /// <summary>
        /// The task XML. <paramref name="start"/> is local time: the first run and the anchor of the repetition.
        /// A resident recorder's task starts at logon and, through a trigger repeated every
        /// <see cref="RecordingSchedule.RestartDelay"/>, whenever it is not running (IgnoreNew drops the
        /// repetitions while it runs); it has no run time limit.
        /// </summary>
        public static string Build(RecordingSchedule schedule, string taskPath, string userId, DateTime start, string? consoleHost)
        {
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineHandling = NewLineHandling.Entitize };
            using (var text = new StringWriter(CultureInfo.InvariantCulture))
            {
                using (XmlWriter xml = XmlWriter.Create(text, settings))
                {
                    xml.WriteStartDocument();
                    xml.WriteStartElement("Task", Namespace);
                    xml.WriteAttributeString("version", "1.2");

                    xml.WriteStartElement("RegistrationInfo", Namespace);
                    xml.WriteElementString("Author", Namespace, userId);
                    xml.WriteElementString("Description", Namespace, schedule.Resident
                        ? $"Keeps one PowerShell recording network usage into the NetUsageTracker history every {RecordingSchedule.Describe(schedule.Interval)}, started at logon and again whenever it is not running. Installed by Register-NetUsageTask -Resident; remove it with Unregister-NetUsageTask."
                        : $"Records network usage into the NetUsageTracker history every {RecordingSchedule.Describe(schedule.Interval)}. Installed by Register-NetUsageTask; remove it with Unregister-NetUsageTask.");
                    xml.WriteElementString("URI", Namespace, taskPath);
                    xml.WriteEndElement();

                    // triggerBaseType is a sequence: Enabled, StartBoundary, EndBoundary, Repetition, ExecutionTimeLimit.
                    xml.WriteStartElement("Triggers", Namespace);
                    if (schedule.Resident)
                    {
                        xml.WriteStartElement("LogonTrigger", Namespace);
                        xml.WriteElementString("Enabled", Namespace, "true");
                        xml.WriteElementString("UserId", Namespace, userId);
                        xml.WriteEndElement();
                    }

                    xml.WriteStartElement("TimeTrigger", Namespace);
                    xml.WriteElementString("Enabled", Namespace, "true");
                    xml.WriteElementString("StartBoundary", Namespace, start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                    xml.WriteStartElement("Repetition", Namespace);
                    xml.WriteElementString("Interval", Namespace, XmlConvert.ToString(schedule.Resident ? RecordingSchedule.RestartDelay : schedule.Interval));
                    xml.WriteElementString("StopAtDurationEnd", Namespace, "false");
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                    xml.WriteEndElement();

                    // The current user's interactive token: the job runs only while the user is logged on,
                    // needs no stored password, and can show toasts on the user's desktop.
                    xml.WriteStartElement("Principals", Namespace);
                    xml.WriteStartElement("Principal", Namespace);
                    xml.WriteAttributeString("id", "Author");
                    xml.WriteElementString("UserId", Namespace, userId);
                    xml.WriteElementString("LogonType", Namespace, "InteractiveToken");
                    xml.WriteElementString("RunLevel", Namespace, "LeastPrivilege");
                    xml.WriteEndElement();
                    xml.WriteEndElement();

                    xml.WriteStartElement("Settings", Namespace);
                    xml.WriteElementString("MultipleInstancesPolicy", Namespace, "IgnoreNew");
                    xml.WriteElementString("DisallowStartIfOnBatteries", Namespace, "false");
                    xml.WriteElementString("StopIfGoingOnBatteries", Namespace, "false");
                    xml.WriteElementString("AllowHardTerminate", Namespace, "true");
                    xml.WriteElementString("StartWhenAvailable", Namespace, "true");
                    xml.WriteElementString("RunOnlyIfNetworkAvailable", Namespace, "false");
                    xml.WriteStartElement("IdleSettings", Namespace);
                    xml.WriteElementString("StopOnIdleEnd", Namespace, "false");
                    xml.WriteElementString("RestartOnIdle", Namespace, "false");
                    xml.WriteEndElement();
                    xml.WriteElementString("AllowStartOnDemand", Namespace, "true");
                    xml.WriteElementString("Enabled", Namespace, "true");
                    xml.WriteElementString("Hidden", Namespace, "false");
                    xml.WriteElementString("RunOnlyIfIdle", Namespace, "false");
                    xml.WriteElementString("WakeToRun", Namespace, "false");
                    // PT0S: no limit (Task Scheduler would otherwise end a resident recorder after 72 hours).
                    TimeSpan limit = schedule.Resident ? TimeSpan.Zero : schedule.Interval < LongestRun ? schedule.Interval : LongestRun;
                    xml.WriteElementString("ExecutionTimeLimit", Namespace, XmlConvert.ToString(limit));
                    xml.WriteElementString("Priority", Namespace, "7");
                    xml.WriteEndElement();

                    xml.WriteStartElement("Actions", Namespace);
                    xml.WriteAttributeString("Context", "Author");
                    xml.WriteStartElement("Exec", Namespace);
                    xml.WriteElementString("Command", Namespace, ExecCommand(schedule, consoleHost));
                    xml.WriteElementString("Arguments", Namespace, ExecArguments(schedule, consoleHost));
                    xml.WriteEndElement();
                    xml.WriteEndElement();

                    xml.WriteEndElement();
                    xml.WriteEndDocument();
                }

                return text.ToString();
            }
        }

        /// <summary>
        /// The repetition interval, the command line and the recorder's command of a task XML (as schtasks
        /// /Query /XML prints it); the recorder is null when the action is not one this class writes.
        /// </summary>
        public static (TimeSpan? Interval, string Command, RecorderCommand? Recorder) Read(string taskXml)
        {
            var document = new XmlDocument { XmlResolver = null };
            document.LoadXml(taskXml);
            var names = new XmlNamespaceManager(document.NameTable);
            names.AddNamespace("t", Namespace);
            string? interval = document.SelectSingleNode("/t:Task/t:Triggers/t:TimeTrigger/t:Repetition/t:Interval", names)?.InnerText;
            string command = document.SelectSingleNode("/t:Task/t:Actions/t:Exec/t:Command", names)?.InnerText ?? "";
            string arguments = document.SelectSingleNode("/t:Task/t:Actions/t:Exec/t:Arguments", names)?.InnerText ?? "";
            List<string> argv = CommandLineWords.Windows(command);
            argv.AddRange(CommandLineWords.Windows(arguments));
            if (argv.Count > 2 && string.Equals(Path.GetFileName(argv[0].Replace('\\', '/')), "conhost.exe", StringComparison.OrdinalIgnoreCase) && argv[1] == "--headless")
            {
                argv.RemoveRange(0, 2);
            }

            return (interval == null ? (TimeSpan?)null : XmlConvert.ToTimeSpan(interval), (command + " " + arguments).Trim(), RecorderCommand.Read(argv));
        }
    }
}
