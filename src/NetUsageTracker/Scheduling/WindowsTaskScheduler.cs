using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>Windows: a Task Scheduler task of the current user, managed with schtasks.</summary>
    internal sealed class WindowsTaskScheduler : RecordingScheduler
    {
        public const string RecordTaskPath = @"\NetUsageTracker\Record";

        public const string ResidentTaskPath = @"\NetUsageTracker\Recorder";

        /// <summary>SCHED_S_TASK_RUNNING: the "Last Result" schtasks shows while the task runs (in every language).</summary>
        private const string TaskRunning = "267009";

        /// <summary>
        /// The first Windows build (Windows 10 2004) whose conhost.exe passes the command line after --headless
        /// on with its quotes (microsoft/terminal#1815). The builds before it that have --headless (1809 to
        /// 1909, Server 2019) join the words back without quotes, which splits a path with spaces.
        /// </summary>
        private const int HeadlessConsoleBuild = 19041;

        public WindowsTaskScheduler(bool resident)
            : base("Windows", "TaskScheduler", resident)
        {
        }

        private string TaskPath => Resident ? ResidentTaskPath : RecordTaskPath;

        public override bool IsAvailable() => true;

        /// <summary>
        /// A task's environment is built from the registry: the user's variables over the machine's, so its
        /// PSModulePath is the user's when set, else the machine's, not this session's.
        /// </summary>
        public override IReadOnlyList<string> ModuleFolders(RecorderCommand command) => ModuleSearchPath.Windows(
            command.IsWindowsPowerShell,
            Environment.GetFolderPath(Environment.SpecialFolder.MyDocuments),
            Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles),
            command.PowerShellHome,
            Environment.GetEnvironmentVariable("PSModulePath", EnvironmentVariableTarget.User)
                ?? Environment.GetEnvironmentVariable("PSModulePath", EnvironmentVariableTarget.Machine));

        public override NetUsageTask Plan(RecordingSchedule schedule)
        {
            string user = Environment.UserDomainName + "\\" + Environment.UserName;
            DateTime now = DateTime.Now;
            var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Local).AddMinutes(1);
            string? consoleHost = HeadlessConsoleHost();
            string xml = TaskSchedulerXml.Build(schedule, TaskPath, user, start, consoleHost);
            NetUsageTask task = Planned(TaskPath, schedule, schedule.Interval,
                TaskSchedulerXml.ExecCommand(schedule, consoleHost) + " " + TaskSchedulerXml.ExecArguments(schedule, consoleHost),
                new NetUsageTaskArtefact("TaskXml", TaskPath, xml));
            task.NextRunTime = Resident ? (DateTime?)null : start;
            return task;
        }

        public override void Install(NetUsageTask plan)
        {
            // schtasks reads the definition from a file; UTF-16 with a byte order mark matches the declaration.
            string file = Path.Combine(Path.GetTempPath(), "NetUsageTracker-" + Guid.NewGuid().ToString("N") + ".xml");
            File.WriteAllText(file, plan.Artefacts[0].Content, Encoding.Unicode);
            try
            {
                if (Resident)
                {
                    // A recorder of an earlier registration keeps running its command after /Create /F replaces the
                    // task; ended, it is started again within a minute with the new one.
                    SystemCommand.TryRun(Schtasks, new[] { "/End", "/TN", TaskPath });
                }

                SystemCommand.Run(Schtasks, new[] { "/Create", "/XML", file, "/TN", TaskPath, "/F" });
            }
            finally
            {
                File.Delete(file);
            }
        }

        public override NetUsageTask? Find()
        {
            ProcessResult? query = SystemCommand.TryRun(Schtasks, new[] { "/Query", "/TN", TaskPath, "/XML" });
            // A task always has a definition: an empty answer (Wine's schtasks, which keeps no tasks) is no task.
            if (query == null || query.ExitCode != 0 || query.Output.Trim().Length == 0)
            {
                return null;
            }

            (TimeSpan? interval, string command, RecorderCommand? recorder) = TaskSchedulerXml.Read(query.Output);
            NetUsageTask task = Installed(TaskPath, interval, command, recorder, new NetUsageTaskArtefact("TaskXml", TaskPath, query.Output));
            if (Resident)
            {
                // Task Scheduler runs the recorder; schtasks tells whether it runs, not its process id.
                string[]? verbose = QueryCsv(verbose: true);
                task.Running = verbose == null || verbose.Length < 7 ? (bool?)null : verbose[6] == TaskRunning;
            }
            else
            {
                task.NextRunTime = NextRun();
            }

            return task;
        }

        public override void Remove(NetUsageTask installed)
        {
            if (Resident)
            {
                // Task Scheduler ends the process (no last recording: the next recorder counts that traffic).
                SystemCommand.TryRun(Schtasks, new[] { "/End", "/TN", TaskPath });
            }

            SystemCommand.Run(Schtasks, new[] { "/Delete", "/TN", TaskPath, "/F" });
        }

        private static string Schtasks => ProcessRunner.WindowsSystemProgram("schtasks.exe");

        /// <summary>
        /// conhost.exe, to start PowerShell through --headless: a console program started by Task Scheduler
        /// gets a console window, which flashes up and takes the focus at every run (-WindowStyle Hidden hides
        /// it only once PowerShell has started). Null where conhost.exe cannot do it.
        /// </summary>
        private static string? HeadlessConsoleHost()
        {
            string conhost = ProcessRunner.WindowsSystemProgram("conhost.exe");
            return Environment.OSVersion.Version.Build >= HeadlessConsoleBuild && File.Exists(conhost) ? conhost : null;
        }

        /// <summary>The "Next Run Time" column of schtasks' CSV, written in the user's culture.</summary>
        private DateTime? NextRun()
        {
            string[]? fields = QueryCsv(verbose: false);
            return fields != null && fields.Length >= 2 && DateTime.TryParse(fields[1], CultureInfo.CurrentCulture, DateTimeStyles.AssumeLocal, out DateTime next)
                ? next
                : (DateTime?)null;
        }

        /// <summary>
        /// The fields of the task's first row of schtasks /Query /FO CSV /NH: TaskName, Next Run Time, Status;
        /// with /V, HostName, TaskName, Next Run Time, Status, Logon Mode, Last Run Time, Last Result, ...
        /// (a task with several triggers has a row per trigger). Null when schtasks does not answer.
        /// </summary>
        private string[]? QueryCsv(bool verbose)
        {
            var arguments = new List<string> { "/Query", "/TN", TaskPath, "/FO", "CSV", "/NH" };
            if (verbose)
            {
                arguments.Add("/V");
            }

            ProcessResult? query = SystemCommand.TryRun(Schtasks, arguments.ToArray());
            string row = query == null || query.ExitCode != 0 ? "" : query.Output.Trim().Split('\n')[0].Trim();
            return row.Length == 0 ? null : row.Trim('"').Split(new[] { "\",\"" }, StringSplitOptions.None);
        }
    }
}
