using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace NetUsageTracker.Platform
{
    /// <summary>
    /// Opens a file with the desktop's program for it (the report in a browser): the shell on Windows,
    /// <c>open</c> on macOS, <c>xdg-open</c> elsewhere. What the opener prints is read, never left to spill
    /// onto the user's terminal after the prompt; a failure comes back as one sentence for a warning.
    /// </summary>
    internal static class FileOpener
    {
        /// <summary>How long an opener has to fail before it is taken to have worked: xdg-open without a
        /// desktop of its own runs the browser in the foreground and returns only when it is closed.</summary>
        private static readonly TimeSpan FailureWindow = TimeSpan.FromSeconds(5);

        /// <summary>Opens <paramref name="file"/>; null when it was handed to an opener, else why not.</summary>
        public static string? Open(string file)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Start(new ProcessStartInfo(file) { UseShellExecute = true }, redirect: false);
            }

            bool mac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
            if (!mac && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
            {
                return "this session has no desktop (neither DISPLAY nor WAYLAND_DISPLAY is set)";
            }

            string name = mac ? "open" : "xdg-open";
            string? program = ProcessRunner.FindProgram(name);
            if (program == null)
            {
                return $"{name} was not found on PATH";
            }

            // .NET splits Arguments by the Windows rules on every system.
            var start = new ProcessStartInfo(program) { Arguments = CommandLineQuoting.WindowsArgument(file) };
            return Start(start, redirect: true);
        }

        private static string? Start(ProcessStartInfo start, bool redirect)
        {
            try
            {
                if (!redirect)
                {
                    using Process? shell = Process.Start(start);
                    return null;
                }

                using Process process = ProcessRunner.StartDrained(start, out Task<string> output, out Task<string> error);
                process.StandardInput.Close();
                if (!process.WaitForExit((int)FailureWindow.TotalMilliseconds))
                {
                    // Still running: the browser it started is in the foreground. Its output is drained
                    // (and dropped) in the background until it ends.
                    return null;
                }

                process.WaitForExit();
                if (process.ExitCode == 0)
                {
                    return null;
                }

                string said = ProcessRunner.FirstLines(error.Result + " " + output.Result);
                return $"{System.IO.Path.GetFileName(start.FileName)} failed with exit code {process.ExitCode}" + (said.Length > 0 ? $": {said}" : "");
            }
            catch (Exception e) when (e is Win32Exception || e is InvalidOperationException || e is PlatformNotSupportedException)
            {
                return $"no program to open it was found ({e.Message})";
            }
        }
    }
}
