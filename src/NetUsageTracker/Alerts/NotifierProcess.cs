using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace NetUsageTracker.Alerts
{
    /// <summary>Runs the helper program of a notifier (powershell.exe, osascript) with a deadline.</summary>
    internal static class NotifierProcess
    {
        public static void Run(ProcessStartInfo startInfo, TimeSpan timeout)
        {
            startInfo.UseShellExecute = false;
            startInfo.CreateNoWindow = true;
            startInfo.RedirectStandardInput = true;
            startInfo.RedirectStandardOutput = true;
            startInfo.RedirectStandardError = true;
            string program = Path.GetFileName(startInfo.FileName);
            Process process;
            try
            {
                process = Process.Start(startInfo) ?? throw new Win32Exception($"{startInfo.FileName} did not start");
            }
            catch (Win32Exception e)
            {
                throw new NotificationException($"{startInfo.FileName} cannot be started ({e.Message})", true, e);
            }

            using (process)
            {
                process.StandardInput.Close();
                Task<string> output = process.StandardOutput.ReadToEndAsync();
                Task<string> error = process.StandardError.ReadToEndAsync();
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

                    throw new NotificationException($"{program} did not finish within {timeout.TotalSeconds:0.#} s", false);
                }

                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    string why = FirstLines(error.Result);
                    if (why.Length == 0)
                    {
                        why = FirstLines(output.Result);
                    }

                    throw new NotificationException($"{program} failed with exit code {process.ExitCode}{(why.Length > 0 ? ": " + why : "")}", false);
                }
            }
        }

        /// <summary>Enough of a helper's error output to say why, on one line.</summary>
        private static string FirstLines(string text)
        {
            string oneLine = string.Join(" ", text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries)).Trim();
            return oneLine.Length <= 300 ? oneLine : oneLine.Substring(0, 300) + "...";
        }
    }
}
