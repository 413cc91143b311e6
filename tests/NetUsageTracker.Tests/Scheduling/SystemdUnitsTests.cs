using System;
using System.Diagnostics;
using System.IO;
using NetUsageTracker.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.Scheduling
{
    public class SystemdUnitsTests
    {
        private static RecordingSchedule Schedule(string executable, string manifest, string? database, int minutes = 5) =>
            new RecordingSchedule(TimeSpan.FromMinutes(minutes), new RecorderCommand(executable, Array.Empty<string>(), manifest, database));

        [Fact]
        public void ServiceAndTimerAreExactlyTheseUnits()
        {
            RecordingSchedule schedule = Schedule("/usr/bin/pwsh", "/opt/m/NetUsageTracker.psd1", "/home/a/My Data/usage 100%.db");

            Assert.Equal(
                "# Installed by Register-NetUsageTask (NetUsageTracker); remove it with Unregister-NetUsageTask.\n"
                + "[Unit]\n"
                + "Description=Record network usage into the NetUsageTracker history\n"
                + "\n"
                + "[Service]\n"
                + "Type=oneshot\n"
                + "Environment=POWERSHELL_TELEMETRY_OPTOUT=1\n"
                + "ExecStart=\"/usr/bin/pwsh\" \"-NoProfile\" \"-NonInteractive\" \"-Command\" \"Import-Module -Name '/opt/m/NetUsageTracker.psd1'; Update-NetUsageHistory -Path '/home/a/My Data/usage 100%%.db'\"\n",
                SystemdUnits.Service(schedule));

            Assert.Equal(
                "# Installed by Register-NetUsageTask (NetUsageTracker); remove it with Unregister-NetUsageTask.\n"
                + "[Unit]\n"
                + "Description=Record network usage every 5 minutes (NetUsageTracker)\n"
                + "\n"
                + "[Timer]\n"
                + "OnBootSec=1min\n"
                + "OnUnitActiveSec=5min\n"
                + "AccuracySec=30s\n"
                + "Persistent=true\n"
                + "Unit=netusagetracker-record.service\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=timers.target\n",
                SystemdUnits.Timer(schedule));
        }

        [Theory]
        [InlineData(1, "1min", "6s")]
        [InlineData(90, "1h 30min", "1min")]
        [InlineData(60 * 24 * 2 + 5, "2d 5min", "1min")]
        public void TimerSpansUseSystemdSyntaxAndReadBack(int minutes, string active, string accuracy)
        {
            string timer = SystemdUnits.Timer(Schedule("/usr/bin/pwsh", "m", null, minutes));
            Assert.Equal(active, SystemdUnits.Setting(timer, "OnUnitActiveSec"));
            Assert.Equal(accuracy, SystemdUnits.Setting(timer, "AccuracySec"));
            Assert.Equal(TimeSpan.FromMinutes(minutes), SystemdUnits.ReadInterval(timer));
        }

        [Theory]
        [InlineData("OnUnitActiveSec=5 min\n")]
        [InlineData("OnUnitActiveSec=5weeks\n")]
        [InlineData("OnBootSec=1min\n")]
        public void IntervalsItDidNotWriteReadAsUnknown(string timer)
        {
            Assert.Null(SystemdUnits.ReadInterval(timer));
        }

        [Fact]
        public void AnExecutableSystemdRefusesIsRunThroughSh()
        {
            string exec = SystemdUnits.ExecStart(Schedule("/opt/o'brien/pwsh", "m", null));
            Assert.StartsWith("\"/bin/sh\" \"-c\" \"exec \\\"$$0\\\" \\\"$$@\\\"\" \"/opt/o'brien/pwsh\" \"-NoProfile\"", exec);
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        public void SystemdAnalyzeAcceptsTheUnits(string path)
        {
            string folder = Path.Combine(Path.GetTempPath(), "nut-systemd-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                string executable = Path.Combine(folder, "pwsh 50% $HOME;x");
                File.Copy(AdversarialPaths.ArgvPrinter(), executable);
                foreach (string exe in new[] { executable, AdversarialPaths.ArgvPrinter() })
                {
                    RecordingSchedule schedule = Schedule(exe, path, path);
                    File.WriteAllText(Path.Combine(folder, SystemdUnits.ServiceName), SystemdUnits.Service(schedule));
                    File.WriteAllText(Path.Combine(folder, SystemdUnits.TimerName), SystemdUnits.Timer(schedule));
                    AssertSystemdAccepts(folder, SystemdUnits.TimerName, SystemdUnits.ServiceName);
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void ListTimersNextColumnReadsAsLocalTime()
        {
            DateTime? next = SystemdTimerScheduler.ParseListTimersNext(
                "Wed 2026-11-25 22:05:00 UTC 2min 10s left Wed 2026-11-25 22:00:00 UTC 2min 49s ago netusagetracker-record.timer netusagetracker-record.service\n");
            Assert.Equal(new DateTime(2026, 11, 25, 22, 5, 0), next);
            Assert.Null(SystemdTimerScheduler.ParseListTimersNext("- - - - netusagetracker-record.timer netusagetracker-record.service"));
        }

        /// <summary>systemd's own parser (no manager needed) checks the syntax, the escapes and that the executable exists.</summary>
        private static void AssertSystemdAccepts(string folder, params string[] units)
        {
            var start = new ProcessStartInfo("systemd-analyze", "verify " + string.Join(" ", units))
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process verify = Process.Start(start)!;
            string output = verify.StandardOutput.ReadToEnd() + verify.StandardError.ReadToEnd();
            verify.WaitForExit();
            Assert.True(verify.ExitCode == 0 && output.Trim().Length == 0, $"systemd-analyze verify: exit {verify.ExitCode}: {output}");
        }

        private static RecordingSchedule Resident(string executable, string module, string database, int minutes = 5) =>
            new RecordingSchedule(TimeSpan.FromMinutes(minutes), new RecorderCommand(executable, Array.Empty<string>(), module, database, TimeSpan.FromMinutes(minutes)), resident: true);

        [Fact]
        public void TheResidentServiceIsExactlyThisUnit()
        {
            Assert.Equal(
                "# Installed by Register-NetUsageTask (NetUsageTracker); remove it with Unregister-NetUsageTask.\n"
                + "[Unit]\n"
                + "Description=Record network usage every 5 minutes in one resident PowerShell (NetUsageTracker)\n"
                + "\n"
                + "[Service]\n"
                + "Type=simple\n"
                + "Environment=POWERSHELL_TELEMETRY_OPTOUT=1\n"
                + "Environment=DOTNET_TieredCompilation=0\n"
                + "Environment=MALLOC_ARENA_MAX=1\n"
                + "ExecStart=\"/usr/bin/pwsh\" \"-NoProfile\" \"-NonInteractive\" \"-Command\" \"Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Every 00:05:00 -Path '/home/a/u.db'\"\n"
                + "Restart=always\n"
                + "RestartSec=1min\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=default.target\n",
                SystemdUnits.ResidentService(Resident("/usr/bin/pwsh", RecorderCommand.ModuleName, "/home/a/u.db")));
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        public void SystemdAnalyzeAcceptsTheResidentServiceAndItsCommandReadsBack(string path)
        {
            string folder = Path.Combine(Path.GetTempPath(), "nut-systemd-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                // The second executable holds an apostrophe, which systemd refuses: it runs through sh.
                string odd = Path.Combine(folder, "o'brien pwsh");
                File.Copy(AdversarialPaths.ArgvPrinter(), odd);
                foreach (string exe in new[] { AdversarialPaths.ArgvPrinter(), odd })
                {
                    RecordingSchedule schedule = Resident(exe, path, path);
                    string service = SystemdUnits.ResidentService(schedule);
                    File.WriteAllText(Path.Combine(folder, SystemdUnits.ResidentServiceName), service);
                    AssertSystemdAccepts(folder, SystemdUnits.ResidentServiceName);

                    RecorderCommand read = SystemdUnits.ReadCommand(service)!;
                    Assert.Equal(schedule.Command.Argv(forWindowsTask: false), read.Argv(forWindowsTask: false));
                    Assert.Equal(TimeSpan.FromMinutes(5), read.Every);
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void TheScheduledServiceCommandReadsBackToo()
        {
            RecordingSchedule schedule = Schedule("/usr/bin/pwsh", "/opt/m/NetUsageTracker.psd1", "/home/a/u 100%.db");
            RecorderCommand read = SystemdUnits.ReadCommand(SystemdUnits.Service(schedule))!;
            Assert.Equal("/opt/m/NetUsageTracker.psd1", read.Module);
            Assert.Equal("/home/a/u 100%.db", read.DatabasePath);
            Assert.Null(read.Every);
            Assert.Null(SystemdUnits.ReadCommand("[Service]\nExecStart=/usr/bin/pwsh -c 'Update-NetUsageHistory'\n"));
        }

        [Theory]
        [InlineData("MainPID=4242\nActiveState=active\n", true, 4242)]
        [InlineData("ActiveState=active\nMainPID=4242\n", true, 4242)]
        [InlineData("MainPID=0\nActiveState=inactive\n", false, null)]
        [InlineData("MainPID=0\nActiveState=activating\n", false, null)]
        [InlineData("", false, null)]
        public void SystemctlShowSaysWhetherTheRecorderRunsAndItsPid(string show, bool running, int? pid)
        {
            Assert.Equal(((bool?)running, pid), SystemdServiceScheduler.ParseShow(show));
        }
    }
}
