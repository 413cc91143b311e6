using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// A program running in a terminal of its own: one pane of a private tmux server (-L with a unique
    /// socket), read with capture-pane and typed into with send-keys; disposing kills the server.
    /// </summary>
    internal sealed class TmuxPane : IDisposable
    {
        private const string Session = "bench";
        private readonly string _socket = "nut-bench-" + Guid.NewGuid().ToString("N").Substring(0, 12);

        private TmuxPane()
        {
        }

        /// <summary>The pane's process (the program itself: tmux runs it without a shell).</summary>
        public int ProgramPid { get; private set; }

        /// <summary>The tmux server, which draws the pane (a terminal emulator's share of the cost).</summary>
        public int ServerPid { get; private set; }

        public static TmuxPane Start(int width, int height, IReadOnlyDictionary<string, string> environment, IEnumerable<string> command)
        {
            var pane = new TmuxPane();
            var arguments = new List<string> { "new-session", "-d", "-s", Session, "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture) };
            foreach (KeyValuePair<string, string> variable in environment)
            {
                arguments.Add("-e");
                arguments.Add(variable.Key + "=" + variable.Value);
            }

            arguments.Add("--");
            arguments.AddRange(command);
            try
            {
                pane.Run(arguments);
                pane.ProgramPid = int.Parse(pane.Run(new[] { "display-message", "-p", "-t", Session, "#{pane_pid}" }).Trim(), CultureInfo.InvariantCulture);
                pane.ServerPid = int.Parse(pane.Run(new[] { "display-message", "-p", "#{pid}" }).Trim(), CultureInfo.InvariantCulture);
                return pane;
            }
            catch
            {
                pane.Dispose();
                throw;
            }
        }

        /// <summary>The screen, wrapped lines joined.</summary>
        public string Capture() => Run(new[] { "capture-pane", "-p", "-J", "-t", Session });

        public void SendKeys(params string[] keys)
        {
            var arguments = new List<string> { "send-keys", "-t", Session };
            arguments.AddRange(keys);
            Run(arguments);
        }

        /// <summary>Polls the screen until it contains <paramref name="text"/>; returns the screen.</summary>
        public string WaitFor(string text, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            string screen = Capture();
            while (!screen.Contains(text, StringComparison.Ordinal))
            {
                if (clock.Elapsed > timeout)
                {
                    throw new InvalidOperationException($"The pane did not show '{text}' within {timeout.TotalSeconds} s; it shows:\n{screen}");
                }

                Thread.Sleep(50);
                screen = Capture();
            }

            return screen;
        }

        public void Dispose()
        {
            try
            {
                Run(new[] { "kill-server" });
            }
            catch (InvalidOperationException)
            {
                // Already gone: the program ended and took the server with it.
            }
        }

        private string Run(IEnumerable<string> arguments)
        {
            var start = new ProcessStartInfo("tmux")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("-L");
            start.ArgumentList.Add(_socket);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException("tmux did not start.");
            string output = process.StandardOutput.ReadToEnd();
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tmux {string.Join(" ", arguments)} failed: {errors}");
            }

            return output;
        }
    }
}
