using NetUsageTracker.Dashboard;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class HostCommandLineTests
    {
        [Theory]
        [InlineData(true, "pwsh", "-NonInteractive")]
        [InlineData(true, "pwsh", "-noni")]
        [InlineData(true, "pwsh", "-NONINTERACTIVE", "-Command", "Show-NetUsage")]
        [InlineData(true, "pwsh.dll", "-NoProfile", "--noninteractive")]
        [InlineData(true, "powershell.exe", "/NonInteractive", "-File", "x.ps1")]
        [InlineData(true, "pwsh", "-ExecutionPolicy", "Bypass", "-noninter")]
        [InlineData(false, "pwsh")]
        [InlineData(false, "pwsh", "-NoProfile", "-NoExit")]
        [InlineData(false, "pwsh", "-non")]                                  // too short to be -NonInteractive
        [InlineData(false, "pwsh", "-Command", "Show-NetUsage -noni")]
        [InlineData(false, "pwsh", "-c", "x", "-NonInteractive")]            // the script's own arguments
        [InlineData(false, "pwsh", "-File", "view.ps1", "-NonInteractive")]
        [InlineData(false, "pwsh", "view.ps1", "-NonInteractive")]
        [InlineData(false, "pwsh", "-EncodedCommand", "AAAA", "-noni")]
        public void FindsNonInteractiveAmongPowerShellsOwnArguments(bool expected, params string[] arguments)
        {
            Assert.Equal(expected, HostCommandLine.IsNonInteractive(arguments));
        }
    }
}
