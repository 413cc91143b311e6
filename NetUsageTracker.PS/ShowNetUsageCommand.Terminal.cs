using System;
using System.IO;
using System.Management.Automation;
using NetUsageTracker.Dashboard;

namespace NetUsageTracker.Commands
{
    /// <summary>Show-NetUsage and its terminal: whether there is an interactive one, and whether it may use colour.</summary>
    public sealed partial class ShowNetUsageCommand
    {
        /// <summary>Why this session cannot show the view; null when it can.</summary>
        private string? NonInteractiveReason()
        {
            string host = Host.Name;
            if (host == "ServerRemoteHost")
            {
                return "this is a remote session, whose terminal is on the other side";
            }

            if (host == "Windows PowerShell ISE Host")
            {
                return "the PowerShell ISE has no terminal";
            }

            if (Console.IsOutputRedirected)
            {
                return "the output is redirected";
            }

            if (Console.IsInputRedirected)
            {
                return "the input is redirected, so no key can be read";
            }

            if (HostCommandLine.IsNonInteractive(Environment.GetCommandLineArgs()))
            {
                return "PowerShell was started with -NonInteractive";
            }

            try
            {
                return Console.WindowWidth > 0 && Console.WindowHeight > 0 ? null : "there is no console window";
            }
            catch (IOException)
            {
                return "there is no console";
            }
        }

        private static ErrorRecord InteractiveTerminalRequired(string reason) => new ErrorRecord(
            new PSInvalidOperationException(
                $"Show-NetUsage needs an interactive terminal, and {reason}. For logs, scripts and pipelines use Watch-NetUsage, " +
                "which writes an object per interval (for example: Watch-NetUsage -Limit 5GB | Export-Csv usage.csv)."),
            "InteractiveTerminalRequired",
            ErrorCategory.InvalidOperation,
            null);

        /// <summary>
        /// Colour as PowerShell itself would: PowerShell 7.2+ says with $PSStyle.OutputRendering (PlainText
        /// when NO_COLOR is set); Windows PowerShell 5.1 has no $PSStyle, so NO_COLOR is read directly.
        /// </summary>
        private bool UseColour()
        {
            object? style = SessionState.PSVariable.GetValue("PSStyle");
            if (style != null)
            {
                object? rendering = PSObject.AsPSObject(style).Properties["OutputRendering"]?.Value;
                return rendering == null || rendering.ToString() != "PlainText";
            }

            return string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        }
    }
}
