using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetUsageTracker.Scheduling
{
    /// <summary>Windows: a Task Scheduler task of the current user, managed with schtasks.</summary>
    internal sealed class WindowsTaskScheduler : IRecordingScheduler
    {
        public const string TaskPath = @"\NetUsageTracker\Record";

        /// <summary>
        /// The first Windows build (Windows 10 2004) whose conhost.exe passes the command line after --headless
        /// on with its quotes (microsoft/terminal#1815). The builds before it that have --headless (1809 to
        /// 1909, Server 2019) join the words back without quotes, which splits a path with spaces.
        /// </summary>
        private const int HeadlessConsoleBuild = 19041;

        public string Mechanism => "TaskScheduler";

        public bool IsAvailable() => true;

        public NetUsageTask Plan(RecordingSchedule schedule)
        {
            string user = Environment.UserDomainName + "\\" + Environment.UserName;
            DateTime now = DateTime.Now;
            var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Local).AddMinutes(1);
            string? consoleHost = HeadlessConsoleHost();
            string xml = TaskSchedulerXml.Build(schedule, TaskPath, user, start, consoleHost);
            return new NetUsageTask
            {
                Platform = "Windows",
                Mechanism = Mechanism,
                Name = TaskPath,
                Interval = schedule.Interval,
                Command = TaskSchedulerXml.ExecCommand(schedule, consoleHost) + " " + TaskSchedulerXml.ExecArguments(schedule, consoleHost),
                NextRunTime = start,
                Artefacts = { new NetUsageTaskArtefact("TaskXml", TaskPath, xml) },
            };
        }

        public void Install(NetUsageTask plan)
        {
            // schtasks reads the definition from a file; UTF-16 with a byte order mark matches the declaration.
            string file = Path.Combine(Path.GetTempPath(), "NetUsageTracker-" + Guid.NewGuid().ToString("N") + ".xml");
            File.WriteAllText(file, plan.Artefacts[0].Content, Encoding.Unicode);
            try
            {
                SystemCommand.Run(Schtasks, new[] { "/Create", "/XML", file, "/TN", TaskPath, "/F" });
            }
            finally
            {
                File.Delete(file);
            }
        }

        public NetUsageTask? Find()
        {
            CommandResult? query = SystemCommand.TryRun(Schtasks, new[] { "/Query", "/TN", TaskPath, "/XML" });
            // A task always has a definition: an empty answer (Wine's schtasks, which keeps no tasks) is no task.
            if (query == null || query.ExitCode != 0 || query.Output.Trim().Length == 0)
            {
                return null;
            }

            (TimeSpan? interval, string command) = TaskSchedulerXml.Read(query.Output);
            return new NetUsageTask
            {
                Platform = "Windows",
                Mechanism = Mechanism,
                Name = TaskPath,
                Interval = interval ?? TimeSpan.Zero,
                Command = command,
                NextRunTime = NextRun(),
                Registered = true,
                Artefacts = { new NetUsageTaskArtefact("TaskXml", TaskPath, query.Output) },
            };
        }

        public void Remove(NetUsageTask installed) =>
            SystemCommand.Run(Schtasks, new[] { "/Delete", "/TN", TaskPath, "/F" });

        private static string Schtasks => SystemCommand.WindowsSystemProgram("schtasks.exe");

        /// <summary>
        /// conhost.exe, to start PowerShell through --headless: a console program started by Task Scheduler
        /// gets a console window, which flashes up and takes the focus at every run (-WindowStyle Hidden hides
        /// it only once PowerShell has started). Null where conhost.exe cannot do it.
        /// </summary>
        private static string? HeadlessConsoleHost()
        {
            string conhost = SystemCommand.WindowsSystemProgram("conhost.exe");
            return Environment.OSVersion.Version.Build >= HeadlessConsoleBuild && File.Exists(conhost) ? conhost : null;
        }

        /// <summary>The "Next Run Time" column of schtasks' CSV, written in the user's culture.</summary>
        private static DateTime? NextRun()
        {
            CommandResult? query = SystemCommand.TryRun(Schtasks, new[] { "/Query", "/TN", TaskPath, "/FO", "CSV", "/NH" });
            if (query == null || query.ExitCode != 0)
            {
                return null;
            }

            string[] fields = query.Output.Trim().Split(new[] { "\",\"" }, StringSplitOptions.None);
            return fields.Length >= 2 && DateTime.TryParse(fields[1].Trim('"'), CultureInfo.CurrentCulture, DateTimeStyles.AssumeLocal, out DateTime next)
                ? next
                : (DateTime?)null;
        }
    }
}
