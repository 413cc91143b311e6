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

        public string Mechanism => "TaskScheduler";

        public bool IsAvailable() => true;

        public NetUsageTask Plan(RecordingSchedule schedule)
        {
            string user = Environment.UserDomainName + "\\" + Environment.UserName;
            DateTime now = DateTime.Now;
            var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Local).AddMinutes(1);
            string xml = TaskSchedulerXml.Build(schedule, TaskPath, user, start);
            return new NetUsageTask
            {
                Platform = "Windows",
                Mechanism = Mechanism,
                Name = TaskPath,
                Interval = schedule.Interval,
                Command = TaskSchedulerXml.ExecCommand(schedule) + " " + TaskSchedulerXml.ExecArguments(schedule),
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
                SystemCommand.Run("schtasks", new[] { "/Create", "/XML", file, "/TN", TaskPath, "/F" });
            }
            finally
            {
                File.Delete(file);
            }
        }

        public NetUsageTask? Find()
        {
            CommandResult? query = SystemCommand.TryRun("schtasks", new[] { "/Query", "/TN", TaskPath, "/XML" });
            if (query == null || query.ExitCode != 0)
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
            SystemCommand.Run("schtasks", new[] { "/Delete", "/TN", TaskPath, "/F" });

        /// <summary>The "Next Run Time" column of schtasks' CSV, written in the user's culture.</summary>
        private static DateTime? NextRun()
        {
            CommandResult? query = SystemCommand.TryRun("schtasks", new[] { "/Query", "/TN", TaskPath, "/FO", "CSV", "/NH" });
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
