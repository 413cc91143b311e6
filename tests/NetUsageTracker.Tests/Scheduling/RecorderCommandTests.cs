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
    }
}
