using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>A scheduler's command failed, or the program it needs is not installed.</summary>
    public sealed class SchedulerException : Exception
    {
        public SchedulerException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// The schedulers' commands (schtasks, systemctl, crontab, launchctl, kill) through <see cref="ProcessRunner"/>:
    /// a program that is not installed is no answer, a command that must succeed and does not is a
    /// <see cref="SchedulerException"/>. Unix programs are found on PATH as the process sees it now, so tests
    /// can put stand-ins first on PATH; Windows programs are run by their full path in System32
    /// (<see cref="ProcessRunner.WindowsSystemProgram"/>).
    /// </summary>
    internal static class SystemCommand
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        /// <summary>Runs a program; null when it is not installed.</summary>
        public static ProcessResult? TryRun(string program, string[] arguments, byte[]? input = null, Encoding? outputEncoding = null)
        {
            var start = new ProcessStartInfo(program, CommandLineQuoting.WindowsCommandLine(arguments));
            if (outputEncoding != null)
            {
                start.StandardOutputEncoding = outputEncoding;
            }

            try
            {
                return ProcessRunner.Run(start, Timeout, input);
            }
            catch (Win32Exception)
            {
                return null;
            }
            catch (ProcessTimeoutException)
            {
                throw new SchedulerException($"'{program} {string.Join(" ", arguments)}' did not finish within {Timeout.TotalSeconds} seconds.");
            }
        }

        /// <summary>Runs a program and requires it to succeed.</summary>
        public static ProcessResult Run(string program, string[] arguments, byte[]? input = null)
        {
            ProcessResult result = TryRun(program, arguments, input)
                ?? throw new SchedulerException($"'{program}' was not found on PATH.");
            if (result.ExitCode != 0)
            {
                string detail = (result.Error.Trim().Length > 0 ? result.Error : result.Output).Trim();
                throw new SchedulerException($"'{program} {string.Join(" ", arguments)}' failed with exit code {result.ExitCode}: {detail}");
            }

            return result;
        }
    }
}
