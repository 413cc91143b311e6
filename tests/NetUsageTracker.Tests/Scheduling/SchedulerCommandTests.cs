using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using NetUsageTracker.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.Scheduling
{
    /// <summary>
    /// The commands the Windows and macOS schedulers send, captured by stand-ins (neither system exists
    /// here): schtasks.exe in the System32 of a SystemRoot made for the test, launchctl first on PATH. HOME
    /// points into a temporary folder. All three are process-wide, so these tests run alone.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class SchedulerCommandTests : IDisposable
    {
        private readonly string _state = Path.Combine(Path.GetTempPath(), "nut-fake-" + Guid.NewGuid().ToString("N"));
        private readonly string? _path = Environment.GetEnvironmentVariable("PATH");
        private readonly string? _home = Environment.GetEnvironmentVariable("HOME");
        private readonly string? _systemRoot = Environment.GetEnvironmentVariable("SystemRoot");

        public SchedulerCommandTests()
        {
            string bin = Path.Combine(_state, "bin");
            Directory.CreateDirectory(bin);
            Directory.CreateDirectory(Path.Combine(_state, "home"));
            Directory.CreateDirectory(Path.Combine(_state, "Windows", "System32"));
            WriteScript(Path.Combine(_state, "Windows", "System32", "schtasks.exe"),
                "printf '%s\\n' \"$*\" >> \"$NUT_FAKE_STATE/calls.log\"\n"
                + "[ -f \"$NUT_FAKE_STATE/wine\" ] && exit 0\n"
                + "case \"$1\" in\n"
                + "  /Create) cp \"$3\" \"$NUT_FAKE_STATE/task.xml\" ;;\n"
                + "  /Query) [ -f \"$NUT_FAKE_STATE/task.xml\" ] || { echo 'ERROR: The system cannot find the file specified.' >&2; exit 1; }\n"
                + "          case \"$4 $7\" in\n"
                + "            /XML*) iconv -f UTF-16 -t UTF-8 \"$NUT_FAKE_STATE/task.xml\" ;;\n"
                + "            *\" /V\") echo '\"PC\",\"\\NetUsageTracker\\Recorder\",\"N/A\",\"Running\",\"Interactive only\",\"11/25/2026 10:00:00 PM\",\"267009\",\"ada\"' ;;\n"
                + "            *) echo '\"\\NetUsageTracker\\Record\",\"11/25/2026 10:05:00 PM\",\"Ready\"' ;;\n"
                + "          esac ;;\n"
                + "  /End) ;;\n"
                + "  /Delete) rm \"$NUT_FAKE_STATE/task.xml\" ;;\n"
                + "  *) exit 2 ;;\n"
                + "esac\n");
            WriteScript(Path.Combine(bin, "launchctl"),
                "printf '%s\\n' \"$*\" >> \"$NUT_FAKE_STATE/calls.log\"\n"
                + "[ \"$1\" = bootstrap ] && [ -f \"$NUT_FAKE_STATE/old-macos\" ] && exit 64\n"
                + "exit 0\n");
            Environment.SetEnvironmentVariable("NUT_FAKE_STATE", _state);
            Environment.SetEnvironmentVariable("PATH", bin + Path.PathSeparator + _path);
            Environment.SetEnvironmentVariable("HOME", Path.Combine(_state, "home"));
            Environment.SetEnvironmentVariable("SystemRoot", Path.Combine(_state, "Windows"));
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("PATH", _path);
            Environment.SetEnvironmentVariable("HOME", _home);
            Environment.SetEnvironmentVariable("SystemRoot", _systemRoot);
            Environment.SetEnvironmentVariable("NUT_FAKE_STATE", null);
            Directory.Delete(_state, recursive: true);
        }

        private static RecordingSchedule Schedule() => new RecordingSchedule(TimeSpan.FromMinutes(10),
            new RecorderCommand(@"C:\Program Files\PowerShell\7\pwsh.exe", Array.Empty<string>(), @"C:\M\NetUsageTracker.psd1", @"C:\Users\O'Brien\50% off\u.db"));

        private string[] Calls() => File.Exists(Path.Combine(_state, "calls.log")) ? File.ReadAllLines(Path.Combine(_state, "calls.log")) : Array.Empty<string>();

        private static void WriteScript(string path, string body)
        {
            File.WriteAllText(path, "#!/bin/sh\n" + body);
            Process.Start("chmod", $"+x \"{path}\"")!.WaitForExit();
        }

        [Fact]
        public void TaskSchedulerGetsTheXmlAsAUtf16FileAndIsAskedByTaskName()
        {
            var scheduler = new WindowsTaskScheduler(resident: false);
            Assert.Null(scheduler.Find());

            NetUsageTask plan = scheduler.Plan(Schedule());
            scheduler.Install(plan);

            string[] create = Calls()[1].Split(' ');
            Assert.Equal(new[] { "/Create", "/XML" }, create.Take(2));
            Assert.Equal(new[] { "/TN", @"\NetUsageTracker\Record", "/F" }, create.Skip(3));
            Assert.False(File.Exists(create[2]), "the temporary XML file is deleted");
            byte[] file = File.ReadAllBytes(Path.Combine(_state, "task.xml"));
            Assert.Equal(new byte[] { 0xFF, 0xFE }, file.Take(2));
            Assert.Equal(plan.Artefacts[0].Content, Encoding.Unicode.GetString(file, 2, file.Length - 2));

            NetUsageTask found = scheduler.Find()!;
            Assert.True(found.Registered);
            Assert.Equal(TimeSpan.FromMinutes(10), found.Interval);
            Assert.Equal(plan.Command, found.Command);
            Assert.Equal(new DateTime(2026, 11, 25, 22, 5, 0), found.NextRunTime);

            scheduler.Remove(found);
            Assert.Equal(@"/Delete /TN \NetUsageTracker\Record /F", Calls().Last());
            Assert.Null(scheduler.Find());
        }

        [Fact]
        public void ASchtasksThatAnswersNothingMeansNoTaskAsUnderWine()
        {
            File.WriteAllText(Path.Combine(_state, "wine"), "");
            var scheduler = new WindowsTaskScheduler(resident: false);

            Assert.Null(scheduler.Find());
            Assert.Equal(@"/Query /TN \NetUsageTracker\Record /XML", Calls().Single());
        }

        [Fact]
        public void LaunchdAgentIsWrittenThenBootstrappedIntoTheGuiDomain()
        {
            var scheduler = new LaunchdScheduler(resident: false);
            Assert.Null(scheduler.Find());
            string uid = Process.Start(new ProcessStartInfo("id", "-u") { RedirectStandardOutput = true })!.StandardOutput.ReadToEnd().Trim();
            string plist = Path.Combine(_state, "home", "Library", "LaunchAgents", "com.netusagetracker.record.plist");

            NetUsageTask plan = scheduler.Plan(Schedule());
            Assert.Equal(plist, plan.ArtefactPaths.Single());
            Assert.False(File.Exists(plist));
            scheduler.Install(plan);

            Assert.Equal(plan.Artefacts[0].Content, File.ReadAllText(plist));
            Assert.Equal(new[] { $"bootout gui/{uid}/com.netusagetracker.record", $"bootstrap gui/{uid} {plist}" }, Calls());

            NetUsageTask found = scheduler.Find()!;
            Assert.Equal(TimeSpan.FromMinutes(10), found.Interval);
            Assert.Equal(plan.Command, found.Command);

            scheduler.Remove(found);
            Assert.Equal($"bootout gui/{uid}/com.netusagetracker.record", Calls().Last());
            Assert.False(File.Exists(plist));
        }

        [Fact]
        public void LaunchdFallsBackToLoadWhereBootstrapIsMissing()
        {
            File.WriteAllText(Path.Combine(_state, "old-macos"), "");
            var scheduler = new LaunchdScheduler(resident: false);
            NetUsageTask plan = scheduler.Plan(Schedule());
            scheduler.Install(plan);
            Assert.Equal($"load -w {plan.ArtefactPaths.Single()}", Calls().Last());
        }

        private static RecordingSchedule ResidentSchedule() => new RecordingSchedule(TimeSpan.FromMinutes(10),
            new RecorderCommand(@"C:\Program Files\PowerShell\7\pwsh.exe", Array.Empty<string>(), RecorderCommand.ModuleName, @"C:\Users\O'Brien\u.db", TimeSpan.FromMinutes(10)), resident: true);

        [Fact]
        public void TheResidentRecorderIsItsOwnTaskThatSchtasksReportsRunningAndEndsBeforeDeleting()
        {
            var scheduler = new WindowsTaskScheduler(resident: true);
            NetUsageTask plan = scheduler.Plan(ResidentSchedule());
            Assert.Equal(@"\NetUsageTracker\Recorder", plan.Name);
            Assert.True(plan.Resident);
            Assert.Null(plan.NextRunTime);
            scheduler.Install(plan);
            Assert.Equal(new[] { "/TN", @"\NetUsageTracker\Recorder", "/F" }, Calls().Last().Split(' ').Skip(3));

            NetUsageTask found = scheduler.Find()!;
            Assert.True(found.Resident);
            Assert.Equal(TimeSpan.FromMinutes(10), found.Interval);
            Assert.True(found.Running);
            Assert.Null(found.ProcessId);
            Assert.Equal(@"/Query /TN \NetUsageTracker\Recorder /FO CSV /NH /V", Calls().Last());
            Assert.Equal(RecorderCommand.ModuleName, found.Recorder!.Module);

            scheduler.Remove(found);
            Assert.Equal(new[] { @"/End /TN \NetUsageTracker\Recorder", @"/Delete /TN \NetUsageTracker\Recorder /F" }, Calls().Skip(Calls().Length - 2));
        }

        [Fact]
        public void TheResidentAgentHasItsOwnLabelAndReportsThePidLaunchctlLists()
        {
            WriteScript(Path.Combine(_state, "bin", "launchctl"),
                "printf '%s\\n' \"$*\" >> \"$NUT_FAKE_STATE/calls.log\"\n"
                + "[ \"$1\" = list ] && printf '{\\n\\t\"Label\" = \"%s\";\\n\\t\"PID\" = 4242;\\n};\\n' \"$2\"\n"
                + "exit 0\n");
            var scheduler = new LaunchdScheduler(resident: true);
            NetUsageTask plan = scheduler.Plan(new RecordingSchedule(TimeSpan.FromMinutes(10),
                new RecorderCommand("/usr/local/bin/pwsh", Array.Empty<string>(), RecorderCommand.ModuleName, "/Users/a/u.db", TimeSpan.FromMinutes(10)), resident: true));
            Assert.EndsWith("/Library/LaunchAgents/com.netusagetracker.recorder.plist", plan.ArtefactPaths.Single());
            scheduler.Install(plan);

            NetUsageTask found = scheduler.Find()!;
            Assert.Equal("list com.netusagetracker.recorder", Calls().Last());
            Assert.Equal((true, 4242), (found.Running, found.ProcessId));
            Assert.Equal(TimeSpan.FromMinutes(10), found.Interval);
        }
    }

    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
        public const string Name = "Process environment";
    }
}
