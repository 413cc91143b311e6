using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetUsageTracker.Platform;
using NetUsageTracker.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.Scheduling
{
    public class CrontabTests
    {
        private const string Ours = "*/5 * * * * /usr/bin/pwsh -Command x # netusagetracker-record";

        [Theory]
        [InlineData(1, 1, "* * * * *", false)]
        [InlineData(5, 5, "*/5 * * * *", false)]
        [InlineData(7, 6, "*/6 * * * *", true)]
        [InlineData(45, 30, "*/30 * * * *", true)]
        [InlineData(60, 60, "0 * * * *", false)]
        [InlineData(90, 60, "0 * * * *", true)]
        [InlineData(180, 180, "0 */3 * * *", false)]
        [InlineData(300, 240, "0 */4 * * *", true)]
        [InlineData(720, 720, "0 */12 * * *", false)]
        [InlineData(1440, 1440, "0 0 * * *", false)]
        [InlineData(1440 * 3, 1440, "0 0 * * *", true)]
        public void IntervalsRoundDownToOnesCronKeepsEvenly(int asked, int runs, string expression, bool noted)
        {
            (TimeSpan interval, string cron, string? note) = Crontab.ScheduleFor(TimeSpan.FromMinutes(asked));
            Assert.Equal(TimeSpan.FromMinutes(runs), interval);
            Assert.Equal(expression, cron);
            Assert.Equal(noted, note != null);
            if (note != null)
            {
                Assert.Contains(RecordingSchedule.Describe(TimeSpan.FromMinutes(asked)), note);
                Assert.Contains(RecordingSchedule.Describe(interval), note);
            }
        }

        [Fact]
        public void TheLineIsScheduleCommandAndMarker()
        {
            var command = new RecorderCommand("/usr/bin/pwsh", Array.Empty<string>(), "/m/N.psd1", "/d/50% off.db");
            Assert.Equal(
                "*/5 * * * * POWERSHELL_TELEMETRY_OPTOUT=1 /usr/bin/pwsh -NoProfile -NonInteractive -Command 'Import-Module -Name '\\''/m/N.psd1'\\''; Update-NetUsageHistory -Path '\\''/d/50\\% off.db'\\''' # netusagetracker-record",
                Crontab.Line("*/5 * * * *", command));
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        public void TheLineRunsTheExactArgumentsUnderCronAndSh(string path)
        {
            // The host argument (a pwsh.dll path) stands for an install folder, which never holds a line break.
            var command = new RecorderCommand(AdversarialPaths.ArgvPrinter(), new[] { path.Replace("\n", " ") }, path, path);
            string line = Crontab.Line("*/5 * * * *", command);
            Assert.Single(line.Split('\n'));
            Assert.True(Crontab.IsOurs(line));

            // What cron hands to sh: the sixth field on, with '\%' made '%' (crontab(5)).
            string shell = Crontab.Read(line).Command.Replace("\\%", "%");
            string[] received = AdversarialPaths.Run("/bin/sh", CommandLineQuoting.WindowsCommandLine("-c", shell));
            Assert.Equal(command.Arguments(forWindowsTask: false, spelledOut: "\r\n"), received);
        }

        [Fact]
        public void BothKindsOfLineRunTheRecorderWithTheirVariablesUnderRealSh()
        {
            // The "PowerShell" is sh printing the variable: what cron's sh hands the recorder's process.
            string probe = Path.Combine(Path.GetTempPath(), "nut-env-probe-" + Guid.NewGuid().ToString("N") + ".sh");
            File.WriteAllText(probe, "#!/bin/sh\nprintf '%s\\0' \"telemetry=$POWERSHELL_TELEMETRY_OPTOUT\" \"tiering=${DOTNET_TieredCompilation-unset}\" \"arenas=${MALLOC_ARENA_MAX-unset}\"\n");
            Process.Start("chmod", $"+x \"{probe}\"")!.WaitForExit();
            try
            {
                var scheduled = new RecorderCommand(probe, Array.Empty<string>(), RecorderCommand.ModuleName, null);
                var resident = new RecorderCommand(probe, Array.Empty<string>(), RecorderCommand.ModuleName, null, TimeSpan.FromMinutes(5));
                string lockPath = probe + ".lock"; // absent: the guard lets the recorder start
                string[] Run(string command) => AdversarialPaths.Run("/bin/sh", CommandLineQuoting.WindowsCommandLine("-c", command.Replace("\\%", "%")));

                // A job starts every time: it keeps the runtime's tiered compilation (a quick start); a resident
                // compiles once, optimised, and keeps one malloc arena.
                Assert.Equal(new[] { "telemetry=1", "tiering=unset", "arenas=unset" }, Run(Crontab.Read(Crontab.Line("*/5 * * * *", scheduled)).Command));
                foreach (string line in Crontab.ResidentLines(Resident(resident), "/usr/bin/flock", lockPath))
                {
                    Assert.Equal(new[] { "telemetry=1", "tiering=0", "arenas=1" }, Run(Crontab.Read(line, Crontab.ResidentMarker).Command));
                }
            }
            finally
            {
                File.Delete(probe);
            }
        }

        [Fact]
        public void LinesWrittenBeforeTheTelemetryVariableStillReadBack()
        {
            var command = new RecorderCommand("/usr/bin/pwsh", Array.Empty<string>(), RecorderCommand.ModuleName, null, TimeSpan.FromMinutes(5));
            string script = "'Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Every 00:05:00'";
            RecorderCommand? resident = Crontab.ReadCommand("[ ! -e /l ] || /usr/bin/flock -n /l true && exec /usr/bin/pwsh -NoProfile -NonInteractive -Command " + script);
            Assert.Equal(command.Argv(false), resident!.Argv(false));
            RecorderCommand? scheduled = Crontab.ReadCommand("/usr/bin/pwsh -NoProfile -NonInteractive -Command 'Import-Module -Name NetUsageTracker; Update-NetUsageHistory'");
            Assert.Equal(RecorderCommand.ModuleName, scheduled!.Module);
            Assert.Null(Crontab.ReadCommand("[ ! -e /l ] || /usr/bin/flock -n /l true && POWERSHELL_TELEMETRY_OPTOUT=1 /usr/bin/pwsh -NoProfile -NonInteractive -Command " + script));
            // A resident line written before the resident's own variables (telemetry off alone) reads back too.
            RecorderCommand? older = Crontab.ReadCommand("[ ! -e /l ] || /usr/bin/flock -n /l true && POWERSHELL_TELEMETRY_OPTOUT=1 exec /usr/bin/pwsh -NoProfile -NonInteractive -Command " + script);
            Assert.Equal(command.Argv(false), older!.Argv(false));
        }

        [Fact]
        public void AnExecutablePathWithALineBreakIsRefused()
        {
            var command = new RecorderCommand("/opt/odd\npwsh", Array.Empty<string>(), "/m", null);
            SchedulerException e = Assert.Throws<SchedulerException>(() => Crontab.Line("* * * * *", command));
            Assert.Contains("line break", e.Message);
        }

        [Fact]
        public void MergeAppendsAndKeepsEveryOtherByte()
        {
            string existing = "# m h dom mon dow command\r\nMAILTO=\"\"\n\n  0 3 * * * /usr/bin/backup --all %x\t\n\u00ff\u00fe raw bytes";
            string merged = Crontab.Merge(existing, Ours);
            Assert.Equal(existing + "\n" + Ours + "\n", merged);
        }

        [Fact]
        public void MergeReplacesOurLineInPlaceAndDropsDuplicates()
        {
            string before = "A=1\n*/6 * * * * old # netusagetracker-record\nB=2\n*/7 * * * * older # netusagetracker-record  \r\nC=3";
            Assert.Equal("A=1\n" + Ours + "\nB=2\nC=3", Crontab.Merge(before, Ours));
        }

        [Fact]
        public void MergeIsIdempotent()
        {
            string once = Crontab.Merge("X=1\n", Ours);
            Assert.Equal(once, Crontab.Merge(once, Ours));
            Assert.Equal(Ours + "\n", Crontab.Merge("", Ours));
        }

        [Fact]
        public void RemovingLeavesTheRestExactly()
        {
            string others = "# keep\n0 * * * * a # not ours: netusagetracker-record-extra\n  \n";
            Assert.Equal(others, Crontab.Merge(Crontab.Merge(others, Ours), null));
            Assert.Equal("", Crontab.Merge(Ours + "\n", null));
            Assert.Equal(others, Crontab.Merge(others, null));
        }

        [Fact]
        public void ALineThatOnlyMentionsTheMarkerIsNotOurs()
        {
            Assert.False(Crontab.IsOurs("0 * * * * echo '# netusagetracker-record' > /tmp/x"));
            Assert.False(Crontab.IsOurs("#0 * * * * x# netusagetracker-record"));
            Assert.True(Crontab.IsOurs(Ours + "\r\n"));
        }

        [Fact]
        public void ReadGivesBackIntervalAndCommand()
        {
            (TimeSpan? interval, string command) = Crontab.Read(Ours);
            Assert.Equal(TimeSpan.FromMinutes(5), interval);
            Assert.Equal("/usr/bin/pwsh -Command x", command);
            Assert.Null(Crontab.Read("1,31 * * * * x # netusagetracker-record").Interval);
        }

        [Theory]
        [InlineData("2026-11-25 21:53:30", 5, "2026-11-25 21:55:00")]
        [InlineData("2026-11-25 21:55:00", 5, "2026-11-25 22:00:00")]
        [InlineData("2026-11-25 23:59:59", 1, "2026-11-26 00:00:00")]
        [InlineData("2026-11-25 13:00:00", 180, "2026-11-25 15:00:00")]
        [InlineData("2026-11-25 00:00:00", 1440, "2026-11-26 00:00:00")]
        public void NextRunIsTheNextMultipleAfterMidnight(string now, int minutes, string expected)
        {
            Assert.Equal(DateTime.Parse(expected), Crontab.NextRun(TimeSpan.FromMinutes(minutes), DateTime.Parse(now)));
        }

        private static RecordingSchedule Resident(RecorderCommand command) => new RecordingSchedule(command.Every!.Value, command, resident: true);

        [Theory]
        [InlineData(5, "00:05:00", "*/5 * * * *")]
        [InlineData(2, "00:02:00", "*/2 * * * *")]
        [InlineData(60, "01:00:00", "*/5 * * * *")]
        public void TheResidentLinesStartItAtBootAndWheneverItIsNotRunning(int minutes, string every, string check)
        {
            var command = new RecorderCommand("/usr/bin/pwsh", Array.Empty<string>(), RecorderCommand.ModuleName, "/d/50% off.db", TimeSpan.FromMinutes(minutes));
            string guarded = "[ ! -e '/d/50\\% off.db.recorder' ] || /usr/bin/flock -n '/d/50\\% off.db.recorder' true && POWERSHELL_TELEMETRY_OPTOUT=1 DOTNET_TieredCompilation=0 MALLOC_ARENA_MAX=1 exec /usr/bin/pwsh -NoProfile -NonInteractive -Command "
                + "'Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Every " + every + " -Path '\\''/d/50\\% off.db'\\''' # netusagetracker-recorder";
            Assert.Equal(new[] { "@reboot " + guarded, check + " " + guarded }, Crontab.ResidentLines(Resident(command), "/usr/bin/flock", "/d/50% off.db.recorder"));
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        public void BothKindsOfLineReadBackAsTheirCommand(string path)
        {
            var resident = new RecorderCommand("/usr/share/dotnet/dotnet", new[] { path.Replace("\n", " ") }, path, path, TimeSpan.FromMinutes(10));
            var scheduled = new RecorderCommand(AdversarialPaths.ArgvPrinter(), Array.Empty<string>(), RecorderCommand.ModuleName, null);
            string lockPath = path.Replace("\n", " ") + ".recorder";
            foreach (string line in Crontab.ResidentLines(Resident(resident), "/usr/bin/flock", lockPath))
            {
                RecorderCommand read = Crontab.ReadCommand(Crontab.Read(line, Crontab.ResidentMarker).Command)!;
                Assert.Equal(resident.Argv(false, "\r\n"), read.Argv(false, "\r\n"));
                Assert.Equal(path, read.Module);
            }

            Assert.Equal(scheduled.Argv(false), Crontab.ReadCommand(Crontab.Read(Crontab.Line("*/5 * * * *", scheduled)).Command)!.Argv(false));
            Assert.Null(Crontab.ReadCommand("[ ! -e /a ] || /usr/bin/flock -n /b true && exec " + CommandLineQuoting.ShellCommandLine(scheduled.Argv(false))));
        }

        [Fact]
        public void TheGuardStartsTheRecorderOnlyWhileNothingHoldsItsLock()
        {
            // The real sh and flock against a lock held as the recorder holds it (FileShare.None is flock(2) on Linux).
            string folder = Path.Combine(Path.GetTempPath(), "nut-guard '" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                string lockPath = Path.Combine(folder, "usage 50%.db.recorder");
                var command = new RecorderCommand(AdversarialPaths.ArgvPrinter(), Array.Empty<string>(), RecorderCommand.ModuleName, Path.Combine(folder, "usage 50%.db"), TimeSpan.FromMinutes(5));
                string shell = CommandLineWords.FromCronCommand(Crontab.Read(Crontab.ResidentLines(Resident(command), "/usr/bin/flock", lockPath)[1], Crontab.ResidentMarker).Command);
                string[] expected = command.Arguments(forWindowsTask: false);

                Assert.Equal(expected, RunSh(shell, out int noLockFile));
                Assert.Equal(0, noLockFile);
                using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
                {
                    Assert.Empty(RunSh(shell, out int held));
                    Assert.Equal(1, held);
                }

                // A recorder killed outright leaves its lock file, unlocked.
                Assert.True(File.Exists(lockPath));
                Assert.Equal(expected, RunSh(shell, out int freed));
                Assert.Equal(0, freed);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void MergePutsTheResidentLinesWhereTheFirstWasAndLeavesTheScheduledLine()
        {
            string[] lines = { "@reboot r # netusagetracker-recorder", "*/5 * * * * r # netusagetracker-recorder" };
            string before = "A=1\n@reboot old # netusagetracker-recorder\n" + Ours + "\n*/5 * * * * old # netusagetracker-recorder\nB=2\n";
            Assert.Equal("A=1\n" + string.Join("\n", lines) + "\n" + Ours + "\nB=2\n", Crontab.Merge(before, Crontab.ResidentMarker, lines));
            Assert.Equal("A=1\n" + Ours + "\nB=2\n", Crontab.Merge(before, Crontab.ResidentMarker, new string[0]));
            Assert.Equal(lines, Crontab.FindLines(Crontab.Merge(before, Crontab.ResidentMarker, lines), Crontab.ResidentMarker));
            Assert.Equal(new[] { Ours }, Crontab.FindLines(before));
        }

        /// <summary>sh -c as cron runs a command, which must print nothing on stderr: what it printed, NUL-split, and its exit code.</summary>
        private static string[] RunSh(string shell, out int exitCode)
        {
            var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(shell);
            using var process = System.Diagnostics.Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.Equal("", error);
            exitCode = process.ExitCode;
            return output.Length == 0 ? new string[0] : output.TrimEnd('\0').Split('\0');
        }
    }
}
