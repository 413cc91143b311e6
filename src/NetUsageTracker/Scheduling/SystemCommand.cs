using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace NetUsageTracker.Scheduling
{
    /// <summary>What a system command printed and returned.</summary>
    internal sealed class CommandResult
    {
        public CommandResult(int exitCode, string output, string error)
        {
            ExitCode = exitCode;
            Output = output;
            Error = error;
        }

        public int ExitCode { get; }

        public string Output { get; }

        public string Error { get; }
    }

    /// <summary>A scheduler's command failed, or the program it needs is not installed.</summary>
    public sealed class SchedulerException : Exception
    {
        public SchedulerException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Runs schtasks, systemctl, crontab, launchctl and kill. Unix programs are found on PATH as the process
    /// sees it now, so tests can put stand-ins first on PATH; Windows programs are run by their full path
    /// in System32 (<see cref="WindowsSystemProgram"/>).
    /// </summary>
    internal static class SystemCommand
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        /// <summary>
        /// A program of Windows' System32 by its full path. A bare name would be looked up in the current
        /// directory before System32, so a schtasks.exe in the folder the user is in would run instead.
        /// The root is $env:SystemRoot, as Windows sets it (tests point it at stand-ins).
        /// </summary>
        public static string WindowsSystemProgram(string name)
        {
            string? root = Environment.GetEnvironmentVariable("SystemRoot");
            return Path.Combine(string.IsNullOrEmpty(root) ? Environment.GetFolderPath(Environment.SpecialFolder.Windows) : root, "System32", name);
        }

        /// <summary>The full path of a Unix program on PATH as the process sees it now, or null.</summary>
        public static string? FindProgram(string name)
        {
            foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                string candidate = Path.Combine(folder, name);
                if (folder.Length > 0 && Path.IsPathRooted(folder) && File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>Runs a program; null when it is not installed.</summary>
        public static CommandResult? TryRun(string program, string[] arguments, byte[]? input = null, Encoding? outputEncoding = null)
        {
            var start = new ProcessStartInfo(program, CommandLineQuoting.WindowsCommandLine(arguments))
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            if (outputEncoding != null)
            {
                start.StandardOutputEncoding = outputEncoding;
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new SchedulerException($"'{program}' did not start.");
            }
            catch (Win32Exception)
            {
                return null;
            }

            using (process)
            {
                // Both streams are drained at once so a chatty program cannot block on a full pipe.
                Task<string> output = process.StandardOutput.ReadToEndAsync();
                Task<string> error = process.StandardError.ReadToEndAsync();
                try
                {
                    if (input != null)
                    {
                        // Bytes, not text: a crontab is handed back exactly as it was read.
                        process.StandardInput.BaseStream.Write(input, 0, input.Length);
                    }

                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The program exited without reading all its input; its exit code and message tell why.
                }

                if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
                {
                    process.Kill();
                    throw new SchedulerException($"'{program} {string.Join(" ", arguments)}' did not finish within {Timeout.TotalSeconds} seconds.");
                }

                return new CommandResult(process.ExitCode, output.Result, error.Result);
            }
        }

        /// <summary>Runs a program and requires it to succeed.</summary>
        public static CommandResult Run(string program, string[] arguments, byte[]? input = null)
        {
            CommandResult result = TryRun(program, arguments, input)
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
