using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace NetUsageTracker.Platform
{
    /// <summary>What a program printed and the code it exited with.</summary>
    internal sealed class ProcessResult
    {
        public ProcessResult(int exitCode, string output, string error)
        {
            ExitCode = exitCode;
            Output = output;
            Error = error;
        }

        public int ExitCode { get; }

        public string Output { get; }

        public string Error { get; }
    }

    /// <summary>A program did not finish within its deadline; it was ended.</summary>
    internal sealed class ProcessTimeoutException : Exception
    {
        public ProcessTimeoutException(string program, TimeSpan timeout)
            : base($"{program} did not finish within {timeout.TotalSeconds:0.#} s")
        {
            Timeout = timeout;
        }

        public TimeSpan Timeout { get; }
    }

    /// <summary>
    /// Runs the programs the module hands work to: the schedulers' commands (schtasks, systemctl, crontab,
    /// launchctl, kill) and the notifiers' helpers (powershell.exe, osascript). One way for all of them:
    /// no window, standard input given then closed, both output streams drained at once so a chatty
    /// program cannot block on a full pipe, and a deadline after which the program is ended.
    /// </summary>
    internal static class ProcessRunner
    {
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

        /// <summary>
        /// Runs the program of <paramref name="start"/> to its end. Throws <see cref="Win32Exception"/> when it
        /// cannot be started (not installed, not executable) and <see cref="ProcessTimeoutException"/> when it
        /// outlives <paramref name="timeout"/>.
        /// </summary>
        /// <param name="input">Bytes for its standard input, not text: a crontab is handed back exactly as it was read.</param>
        public static ProcessResult Run(ProcessStartInfo start, TimeSpan timeout, byte[]? input = null)
        {
            using Process process = StartDrained(start, out Task<string> output, out Task<string> error);
            try
            {
                if (input != null)
                {
                    process.StandardInput.BaseStream.Write(input, 0, input.Length);
                }

                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program exited without reading all its input; its exit code and message tell why.
            }

            if (!process.WaitForExit((int)Math.Ceiling(timeout.TotalMilliseconds)))
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // It exited between the wait and the kill: nothing left to end.
                }

                throw new ProcessTimeoutException(Path.GetFileName(start.FileName), timeout);
            }

            // The wait without a deadline also waits for the output streams to reach their end.
            process.WaitForExit();
            return new ProcessResult(process.ExitCode, output.Result, error.Result);
        }

        /// <summary>
        /// Starts the program with no window and its streams redirected, both output streams already being read
        /// to their end (so a chatty program cannot block on a full pipe); its standard input is left open for
        /// the caller to write and close. Throws <see cref="Win32Exception"/> when it cannot be started.
        /// </summary>
        public static Process StartDrained(ProcessStartInfo start, out Task<string> output, out Task<string> error)
        {
            start.UseShellExecute = false;
            start.CreateNoWindow = true;
            start.RedirectStandardInput = true;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            Process process = Process.Start(start) ?? throw new Win32Exception($"{start.FileName} did not start");
            output = process.StandardOutput.ReadToEndAsync();
            error = process.StandardError.ReadToEndAsync();
            return process;
        }

        /// <summary>Enough of a program's output to say why it failed, on one line.</summary>
        public static string FirstLines(string text)
        {
            string oneLine = string.Join(" ", text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries)).Trim();
            return oneLine.Length <= 300 ? oneLine : oneLine.Substring(0, 300) + "...";
        }
    }
}
