using System;
using NetUsageTracker.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.Scheduling
{
    public class RecorderCommandTests
    {
        private const string Manifest = "/m/NetUsageTracker.psd1";

        [Theory]
        [InlineData("/opt/microsoft/powershell/7/pwsh", "/opt/microsoft/powershell/7", true, false, "/opt/microsoft/powershell/7/pwsh", "")]
        [InlineData(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0", false, true, @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "")]
        [InlineData(@"C:\Program Files\PowerShell\7\pwsh.exe", @"C:\Program Files\PowerShell\7", true, true, @"C:\Program Files\PowerShell\7\pwsh.exe", "")]
        [InlineData("/usr/share/dotnet/dotnet", "/root/.nuget/packages/powershell/7.6.9/tools/net10.0/any/unix", true, false, "/usr/share/dotnet/dotnet", "/root/.nuget/packages/powershell/7.6.9/tools/net10.0/any/unix/pwsh.dll")]
        [InlineData("/usr/share/code/code", "/opt/microsoft/powershell/7", true, false, "/opt/microsoft/powershell/7/pwsh", "")]
        public void RunsThePowerShellOfThisHost(string process, string psHome, bool core, bool windows, string executable, string hostArgument)
        {
            // Path.Combine uses this platform's separator; the Windows cases are built with backslashes already.
            RecorderCommand command = RecorderCommand.ForHost(process, psHome, core, windows, Manifest, null);
            Assert.Equal(executable.Replace('\\', System.IO.Path.DirectorySeparatorChar), command.Executable.Replace('\\', System.IO.Path.DirectorySeparatorChar));
            Assert.Equal(hostArgument == "" ? Array.Empty<string>() : new[] { hostArgument }, command.HostArguments);
        }

        [Fact]
        public void WindowsPowerShellIseRunsTheConsolePowerShell()
        {
            RecorderCommand command = RecorderCommand.ForHost(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell_ise.exe", "psh", false, true, Manifest, null);
            Assert.Equal(System.IO.Path.Combine("psh", "powershell.exe"), command.Executable);
        }

        [Fact]
        public void ArgumentsAreExactlyTheSwitchesAndTheScript()
        {
            var command = new RecorderCommand("/usr/bin/dotnet", new[] { "/p/pwsh.dll" }, "/m/N.psd1", "/d/u.db");
            Assert.Equal(
                new[] { "/usr/bin/dotnet", "/p/pwsh.dll", "-NoProfile", "-NonInteractive", "-Command", "Import-Module -Name '/m/N.psd1'; Update-NetUsageHistory -Path '/d/u.db'" },
                command.Argv(forWindowsTask: false));
            Assert.Equal(
                new[] { "/p/pwsh.dll", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-WindowStyle", "Hidden", "-Command", "Import-Module -Name '/m/N.psd1'; Update-NetUsageHistory -Path '/d/u.db'" },
                command.Arguments(forWindowsTask: true));
        }

        [Fact]
        public void WithoutADatabaseTheRecorderUsesItsDefault()
        {
            var command = new RecorderCommand("pwsh", Array.Empty<string>(), "/m/N.psd1", null);
            Assert.Equal("Import-Module -Name '/m/N.psd1'; Update-NetUsageHistory", command.Script());
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.WindowsCases), MemberType = typeof(AdversarialPaths))]
        public void TheWindowsTaskScriptHoldsNoPercentSign(string path)
        {
            var command = new RecorderCommand(@"C:\pwsh.exe", Array.Empty<string>(), path, path);
            Assert.DoesNotContain("%", command.Script(RecorderCommand.TaskSchedulerSpecials));
            Assert.DoesNotContain(command.Arguments(forWindowsTask: true), a => a.Contains('%'));
        }

        [Fact]
        public void ByNameTheScriptImportsTheModuleByItsName()
        {
            var command = new RecorderCommand("/usr/bin/pwsh", Array.Empty<string>(), "/m/NetUsageTracker.psd1", null).WithModule(RecorderCommand.ModuleName);
            Assert.True(command.ImportsByName);
            Assert.Equal("Import-Module -Name NetUsageTracker; Update-NetUsageHistory", command.Script());
        }

        [Fact]
        public void AResidentRecorderRecordsEveryIntervalIntoItsDatabase()
        {
            var command = new RecorderCommand("/usr/bin/pwsh", Array.Empty<string>(), RecorderCommand.ModuleName, "/d/u.db", TimeSpan.FromMinutes(5));
            Assert.Equal("Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Every 00:05:00 -Path '/d/u.db'", command.Script());
            Assert.Equal("Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Every 1.00:00:00", new RecorderCommand("p", Array.Empty<string>(), RecorderCommand.ModuleName, null, TimeSpan.FromDays(1)).Script());
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        [MemberData(nameof(AdversarialPaths.WindowsCases), MemberType = typeof(AdversarialPaths))]
        public void EveryCommandReadsBackFromItsArgv(string path)
        {
            foreach (string module in new[] { path, RecorderCommand.ModuleName })
            {
                foreach (TimeSpan? every in new TimeSpan?[] { null, TimeSpan.FromMinutes(15) })
                {
                    foreach ((string? database, string? metrics) in new[] { (null, null), (path, null), (null, path), (path, path + ".prom") })
                    {
                        foreach (string[] host in new[] { Array.Empty<string>(), new[] { path } })
                        {
                            var command = new RecorderCommand(host.Length == 0 ? path : "/usr/share/dotnet/dotnet", host, module, database, every, metrics);
                            foreach (bool windows in new[] { false, true })
                            {
                                RecorderCommand read = RecorderCommand.Read(command.Argv(windows, "\r\n"))!;
                                Assert.Equal(command.Executable, read.Executable);
                                Assert.Equal(command.HostArguments, read.HostArguments);
                                Assert.Equal(module, read.Module);
                                Assert.Equal(database, read.DatabasePath);
                                Assert.Equal(every, read.Every);
                                Assert.Equal(metrics, read.MetricsPath);
                            }
                        }
                    }
                }
            }
        }

        [Fact]
        public void AJobKeepingAMetricsFileWritesItAfterEachRecording()
        {
            var command = new RecorderCommand("/usr/bin/pwsh", Array.Empty<string>(), RecorderCommand.ModuleName, "/d/u.db", TimeSpan.FromMinutes(5), "/var/lib/prometheus/node-exporter/netusagetracker.prom");
            Assert.Equal("Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Every 00:05:00 -Path '/d/u.db' -MetricsPath '/var/lib/prometheus/node-exporter/netusagetracker.prom'", command.Script());
            Assert.Equal("/var/lib/prometheus/node-exporter/netusagetracker.prom", command.WithModule("/m/N.psd1").MetricsPath);
        }

        [Theory]
        [InlineData("pwsh|-Command|Import-Module -Name NetUsageTracker; Update-NetUsageHistory -MetricsPath '/m.prom' -Path '/d/u.db'")]
        [InlineData("pwsh|-Command|Import-Module -Name NetUsageTracker; Update-NetUsageHistory -MetricsPath /m.prom")]
        [InlineData("pwsh|-Command|Update-NetUsageHistory")]
        [InlineData("pwsh|-Command|Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Verbose")]
        [InlineData("pwsh|-Command|Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Every soon")]
        [InlineData("pwsh|-Command|Import-Module -Name Other; Update-NetUsageHistory")]
        [InlineData("pwsh|-Command|Import-Module -Name '/m/N.psd1'; Get-NetUsage")]
        [InlineData("pwsh|-File|x.ps1")]
        [InlineData("pwsh")]
        public void ACommandItDidNotWriteIsNotRead(string argv)
        {
            Assert.Null(RecorderCommand.Read(argv.Split('|')));
        }

        [Fact]
        public void ThePowerShellHomeIsTheFolderOfPwshOrOfPwshDll()
        {
            Assert.Equal("/opt/microsoft/powershell/7", new RecorderCommand("/opt/microsoft/powershell/7/pwsh", Array.Empty<string>(), "m", null).PowerShellHome);
            Assert.Equal("/p/tools", new RecorderCommand("/usr/bin/dotnet", new[] { "/p/tools/pwsh.dll" }, "m", null).PowerShellHome);
            Assert.False(new RecorderCommand("/opt/microsoft/powershell/7/pwsh", Array.Empty<string>(), "m", null).IsWindowsPowerShell);
        }
    }
}
