using System;
using System.Linq;
using System.Xml;
using NetUsageTracker.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.Scheduling
{
    public class TaskSchedulerXmlTests
    {
        private static readonly DateTime Start = new DateTime(2026, 11, 25, 21, 50, 0, DateTimeKind.Local);

        private static RecordingSchedule Schedule(string manifest, string? database, TimeSpan? every = null) =>
            new RecordingSchedule(every ?? TimeSpan.FromMinutes(5),
                new RecorderCommand(@"C:\Program Files\PowerShell\7\pwsh.exe", Array.Empty<string>(), manifest, database));

        private static (XmlDocument Document, XmlNamespaceManager Names) Parse(string xml)
        {
            var document = new XmlDocument();
            document.LoadXml(xml);
            var names = new XmlNamespaceManager(document.NameTable);
            names.AddNamespace("t", TaskSchedulerXml.Namespace);
            return (document, names);
        }

        private static string Text(XmlDocument document, XmlNamespaceManager names, string path) =>
            document.SelectSingleNode(path, names)?.InnerText ?? throw new Xunit.Sdk.XunitException($"{path} is missing");

        private static string[] Children(XmlDocument document, XmlNamespaceManager names, string path) =>
            document.SelectSingleNode(path, names)!.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).ToArray();

        [Fact]
        public void EveryElementHasTheValueTheTaskNeeds()
        {
            string xml = TaskSchedulerXml.Build(Schedule(@"C:\M\NetUsageTracker.psd1", @"C:\D\usage.db"), @"\NetUsageTracker\Record", @"CONTOSO\ada", Start, null);
            (XmlDocument d, XmlNamespaceManager n) = Parse(xml);

            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-16\"?>", xml);
            Assert.Equal("Task", d.DocumentElement!.LocalName);
            Assert.Equal(TaskSchedulerXml.Namespace, d.DocumentElement.NamespaceURI);
            Assert.Equal("1.2", d.DocumentElement.GetAttribute("version"));
            Assert.Equal(new[] { "RegistrationInfo", "Triggers", "Principals", "Settings", "Actions" }, Children(d, n, "/t:Task"));

            Assert.Equal(new[] { "Author", "Description", "URI" }, Children(d, n, "/t:Task/t:RegistrationInfo"));
            Assert.Equal(@"CONTOSO\ada", Text(d, n, "/t:Task/t:RegistrationInfo/t:Author"));
            Assert.Equal(@"\NetUsageTracker\Record", Text(d, n, "/t:Task/t:RegistrationInfo/t:URI"));
            Assert.Contains("every 5 minutes", Text(d, n, "/t:Task/t:RegistrationInfo/t:Description"));

            // The schema's trigger sequence: Enabled, StartBoundary, Repetition.
            Assert.Equal(new[] { "TimeTrigger" }, Children(d, n, "/t:Task/t:Triggers"));
            Assert.Equal(new[] { "Enabled", "StartBoundary", "Repetition" }, Children(d, n, "/t:Task/t:Triggers/t:TimeTrigger"));
            Assert.Equal("true", Text(d, n, "//t:TimeTrigger/t:Enabled"));
            Assert.Equal("2026-11-25T21:50:00", Text(d, n, "//t:TimeTrigger/t:StartBoundary"));
            Assert.Equal(new[] { "Interval", "StopAtDurationEnd" }, Children(d, n, "//t:TimeTrigger/t:Repetition"));
            Assert.Equal("PT5M", Text(d, n, "//t:Repetition/t:Interval"));
            Assert.Equal("false", Text(d, n, "//t:Repetition/t:StopAtDurationEnd"));

            Assert.Equal("Author", ((XmlElement)d.SelectSingleNode("//t:Principals/t:Principal", n)!).GetAttribute("id"));
            Assert.Equal(new[] { "UserId", "LogonType", "RunLevel" }, Children(d, n, "//t:Principals/t:Principal"));
            Assert.Equal(@"CONTOSO\ada", Text(d, n, "//t:Principal/t:UserId"));
            Assert.Equal("InteractiveToken", Text(d, n, "//t:Principal/t:LogonType"));
            Assert.Equal("LeastPrivilege", Text(d, n, "//t:Principal/t:RunLevel"));

            var settings = new[]
            {
                ("MultipleInstancesPolicy", "IgnoreNew"), ("DisallowStartIfOnBatteries", "false"), ("StopIfGoingOnBatteries", "false"),
                ("AllowHardTerminate", "true"), ("StartWhenAvailable", "true"), ("RunOnlyIfNetworkAvailable", "false"),
                ("IdleSettings", "falsefalse"), ("AllowStartOnDemand", "true"), ("Enabled", "true"), ("Hidden", "false"),
                ("RunOnlyIfIdle", "false"), ("WakeToRun", "false"), ("ExecutionTimeLimit", "PT5M"), ("Priority", "7"),
            };
            Assert.Equal(settings.Select(s => s.Item1), Children(d, n, "/t:Task/t:Settings"));
            foreach ((string name, string value) in settings)
            {
                Assert.Equal(value, Text(d, n, "/t:Task/t:Settings/t:" + name));
            }

            Assert.Equal("Author", ((XmlElement)d.SelectSingleNode("//t:Actions", n)!).GetAttribute("Context"));
            Assert.Equal(new[] { "Exec" }, Children(d, n, "/t:Task/t:Actions"));
            Assert.Equal(new[] { "Command", "Arguments" }, Children(d, n, "//t:Actions/t:Exec"));
            Assert.Equal("\"C:\\Program Files\\PowerShell\\7\\pwsh.exe\"", Text(d, n, "//t:Exec/t:Command"));
            Assert.Equal(
                "-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -Command \"Import-Module -Name 'C:\\M\\NetUsageTracker.psd1'; Update-NetUsageHistory -Path 'C:\\D\\usage.db'\"",
                Text(d, n, "//t:Exec/t:Arguments"));
        }

        [Fact]
        public void WithAConsoleHostPowerShellStartsThroughConhostHeadlessSoNoWindowAppears()
        {
            string xml = TaskSchedulerXml.Build(Schedule(@"C:\M\NetUsageTracker.psd1", null), @"\NetUsageTracker\Record", "u", Start, @"C:\Windows\System32\conhost.exe");
            (XmlDocument d, XmlNamespaceManager n) = Parse(xml);

            Assert.Equal(@"C:\Windows\System32\conhost.exe", Text(d, n, "//t:Exec/t:Command"));
            Assert.Equal(
                "--headless \"C:\\Program Files\\PowerShell\\7\\pwsh.exe\" -NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -Command \"Import-Module -Name 'C:\\M\\NetUsageTracker.psd1'; Update-NetUsageHistory\"",
                Text(d, n, "//t:Exec/t:Arguments"));
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.WindowsCases), MemberType = typeof(AdversarialPaths))]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        public void AdversarialPathsReachPowerShellAsOneArgumentEach(string path)
        {
            RecordingSchedule schedule = Schedule(path, path);
            foreach (string? consoleHost in new[] { null, @"C:\Windows\System32\conhost.exe" })
            {
                string xml = TaskSchedulerXml.Build(schedule, @"\NetUsageTracker\Record", "<&\"'>", Start, consoleHost);
                (XmlDocument d, XmlNamespaceManager n) = Parse(xml);

                Assert.Equal("<&\"'>", Text(d, n, "//t:Principal/t:UserId"));
                string arguments = Text(d, n, "//t:Exec/t:Arguments");
                Assert.DoesNotContain("%", arguments);
                string[] received = AdversarialPaths.Run(AdversarialPaths.ArgvPrinter(), arguments);
                // conhost.exe --headless starts the rest of its command line: PowerShell's path, then its arguments.
                string[] prefix = consoleHost == null ? Array.Empty<string>() : new[] { "--headless", schedule.Command.Executable };
                Assert.Equal(prefix.Concat(schedule.Command.Arguments(forWindowsTask: true)), received);

                (TimeSpan? interval, string command, RecorderCommand? recorder) = TaskSchedulerXml.Read(xml);
                Assert.Equal(TimeSpan.FromMinutes(5), interval);
                Assert.Equal(TaskSchedulerXml.ExecCommand(schedule, consoleHost) + " " + arguments, command);
                Assert.Equal(schedule.Command.Argv(forWindowsTask: false), recorder!.Argv(forWindowsTask: false));
            }
        }

        [Theory]
        [InlineData(1, "PT1M", "PT1M")]
        [InlineData(90, "PT1H30M", "PT1H")]
        [InlineData(60 * 24 * 2, "P2D", "PT1H")]
        public void IntervalAndRunLimitUseXmlDurations(int minutes, string interval, string limit)
        {
            string xml = TaskSchedulerXml.Build(Schedule("m", null, TimeSpan.FromMinutes(minutes)), @"\N\R", "u", Start, null);
            (XmlDocument d, XmlNamespaceManager n) = Parse(xml);
            Assert.Equal(interval, Text(d, n, "//t:Repetition/t:Interval"));
            Assert.Equal(limit, Text(d, n, "/t:Task/t:Settings/t:ExecutionTimeLimit"));
            Assert.Equal(TimeSpan.FromMinutes(minutes), TaskSchedulerXml.Read(xml).Interval);
        }

        [Fact]
        public void TheResidentTaskStartsAtLogonAndEveryMinuteWhenNotRunningWithoutARunLimit()
        {
            var command = new RecorderCommand(@"C:\Program Files\PowerShell\7\pwsh.exe", Array.Empty<string>(), RecorderCommand.ModuleName, @"C:\D\usage.db", TimeSpan.FromMinutes(5));
            var schedule = new RecordingSchedule(TimeSpan.FromMinutes(5), command, resident: true);
            string xml = TaskSchedulerXml.Build(schedule, @"\NetUsageTracker\Recorder", @"CONTOSO\ada", Start, @"C:\Windows\System32\conhost.exe");
            (XmlDocument d, XmlNamespaceManager n) = Parse(xml);

            Assert.Contains("started at logon and again whenever it is not running", Text(d, n, "/t:Task/t:RegistrationInfo/t:Description"));
            Assert.Equal(new[] { "LogonTrigger", "TimeTrigger" }, Children(d, n, "/t:Task/t:Triggers"));
            Assert.Equal(new[] { "Enabled", "UserId" }, Children(d, n, "//t:LogonTrigger"));
            Assert.Equal(@"CONTOSO\ada", Text(d, n, "//t:LogonTrigger/t:UserId"));
            Assert.Equal("2026-11-25T21:50:00", Text(d, n, "//t:TimeTrigger/t:StartBoundary"));
            Assert.Equal("PT1M", Text(d, n, "//t:TimeTrigger/t:Repetition/t:Interval"));
            Assert.Equal("IgnoreNew", Text(d, n, "/t:Task/t:Settings/t:MultipleInstancesPolicy"));
            Assert.Equal("PT0S", Text(d, n, "/t:Task/t:Settings/t:ExecutionTimeLimit"));
            Assert.Equal("InteractiveToken", Text(d, n, "//t:Principal/t:LogonType"));
            Assert.Equal(
                "--headless \"C:\\Program Files\\PowerShell\\7\\pwsh.exe\" -NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -Command \"Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Every 00:05:00 -Path 'C:\\D\\usage.db'\"",
                Text(d, n, "//t:Exec/t:Arguments"));

            (_, _, RecorderCommand? read) = TaskSchedulerXml.Read(xml);
            Assert.Equal(command.Argv(forWindowsTask: true), read!.Argv(forWindowsTask: true));
            Assert.Equal(TimeSpan.FromMinutes(5), read.Every);
        }
    }
}
