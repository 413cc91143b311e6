using System;
using System.Linq;
using System.Xml;
using NetUsageTracker.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.Scheduling
{
    public class LaunchdPlistTests
    {
        [Fact]
        public void ThePlistIsExactlyThisAgent()
        {
            var schedule = new RecordingSchedule(TimeSpan.FromMinutes(5),
                new RecorderCommand("/usr/local/bin/pwsh", Array.Empty<string>(), "/Users/a/M/NetUsageTracker.psd1", "/Users/a/u.db"));
            Assert.Equal(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n"
                + "  <dict>\n"
                + "    <key>Label</key>\n"
                + "    <string>com.netusagetracker.record</string>\n"
                + "    <key>ProgramArguments</key>\n"
                + "    <array>\n"
                + "      <string>/usr/local/bin/pwsh</string>\n"
                + "      <string>-NoProfile</string>\n"
                + "      <string>-NonInteractive</string>\n"
                + "      <string>-Command</string>\n"
                + "      <string>Import-Module -Name '/Users/a/M/NetUsageTracker.psd1'; Update-NetUsageHistory -Path '/Users/a/u.db'</string>\n"
                + "    </array>\n"
                + "    <key>EnvironmentVariables</key>\n"
                + "    <dict>\n"
                + "      <key>POWERSHELL_TELEMETRY_OPTOUT</key>\n"
                + "      <string>1</string>\n"
                + "    </dict>\n"
                + "    <key>StartInterval</key>\n"
                + "    <integer>300</integer>\n"
                + "    <key>RunAtLoad</key>\n"
                + "    <true />\n"
                + "    <key>ProcessType</key>\n"
                + "    <string>Background</string>\n"
                + "  </dict>\n"
                + "</plist>",
                LaunchdPlist.Build(schedule).Replace("\r\n", "\n"));
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        public void AdversarialPathsReadBackAsTheSameArguments(string path)
        {
            var schedule = new RecordingSchedule(TimeSpan.FromMinutes(90),
                new RecorderCommand(path, new[] { path }, path, path));
            string plist = LaunchdPlist.Build(schedule);

            (TimeSpan? interval, var arguments) = LaunchdPlist.Read(plist);
            Assert.Equal(TimeSpan.FromMinutes(90), interval);
            Assert.Equal(schedule.Command.Argv(forWindowsTask: false), arguments.ToArray());

            // A plain XML parser sees one string element per argument (nothing split or merged).
            var document = new XmlDocument { XmlResolver = null };
            document.Load(XmlReader.Create(new System.IO.StringReader(plist), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
            Assert.Equal(6, document.SelectNodes("/plist/dict/array/string")!.Count);
        }

        [Fact]
        public void TheResidentAgentIsKeptAliveAndThrottledToAMinute()
        {
            var command = new RecorderCommand("/usr/local/bin/pwsh", Array.Empty<string>(), RecorderCommand.ModuleName, "/Users/a/u.db", TimeSpan.FromMinutes(5));
            string plist = LaunchdPlist.Build(new RecordingSchedule(TimeSpan.FromMinutes(5), command, resident: true)).Replace("\r\n", "\n");
            Assert.Contains("    <key>Label</key>\n    <string>com.netusagetracker.recorder</string>\n", plist);
            Assert.Contains("      <string>Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Every 00:05:00 -Path '/Users/a/u.db'</string>\n    </array>\n"
                + "    <key>EnvironmentVariables</key>\n    <dict>\n      <key>POWERSHELL_TELEMETRY_OPTOUT</key>\n      <string>1</string>\n"
                + "      <key>DOTNET_TieredCompilation</key>\n      <string>0</string>\n      <key>MALLOC_ARENA_MAX</key>\n      <string>1</string>\n    </dict>\n"
                + "    <key>KeepAlive</key>\n    <true />\n    <key>ThrottleInterval</key>\n    <integer>60</integer>\n    <key>RunAtLoad</key>\n    <true />\n", plist);
            Assert.DoesNotContain("StartInterval", plist);

            (TimeSpan? interval, var arguments) = LaunchdPlist.Read(plist);
            Assert.Null(interval);
            Assert.Equal(TimeSpan.FromMinutes(5), RecorderCommand.Read(arguments.ToArray())!.Every);
        }

        [Fact]
        public void LaunchctlListGivesThePidOfARunningAgent()
        {
            const string Running = "{\n\t\"LimitLoadToSessionType\" = \"Aqua\";\n\t\"Label\" = \"com.netusagetracker.recorder\";\n\t\"OnDemand\" = false;\n\t\"LastExitStatus\" = 0;\n\t\"PID\" = 4242;\n\t\"Program\" = \"/usr/local/bin/pwsh\";\n};\n";
            Assert.Equal(4242, LaunchdScheduler.ParseListPid(Running));
            Assert.Null(LaunchdScheduler.ParseListPid(Running.Replace("\t\"PID\" = 4242;\n", "")));
        }
    }
}
