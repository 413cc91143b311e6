using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// A process's CPU over a window, thread by thread, to the nanosecond (/proc/&lt;pid&gt;/task/*/schedstat),
    /// read every 100 ms so that threads that start and end within the window (the runtime's tiered
    /// compilation worker comes and goes) are counted too: each thread's last reading before it ended.
    /// Lets the resident recorder's row say how much of a window was the runtime compiling its code again
    /// (a one-time cost, however long the runtime takes to finish it) and how much the work itself.
    /// </summary>
    internal sealed class ThreadCpuFollower : IDisposable
    {
        public const string CompilerThread = ".NET Tiered Com";

        private readonly int _pid;
        private readonly Dictionary<string, (string Name, long First, long Last)> _threads = new Dictionary<string, (string, long, long)>();
        private readonly Thread _reader;
        private volatile bool _stop;

        public ThreadCpuFollower(int pid)
        {
            _pid = pid;
            Read(first: true);
            _reader = new Thread(Loop) { IsBackground = true, Name = "thread CPU follower" };
            _reader.Start();
        }

        /// <summary>Stops reading; the figures hold from the first reading to the last.</summary>
        public void Dispose()
        {
            if (!_stop)
            {
                _stop = true;
                _reader.Join();
                Read(first: false);
            }
        }

        /// <summary>CPU seconds in the window of the threads whose name starts with <paramref name="prefix"/>, or of all but them.</summary>
        public double Seconds(string prefix, bool matching)
        {
            long total = 0;
            lock (_threads)
            {
                foreach ((string name, long first, long last) in _threads.Values)
                {
                    if (name.StartsWith(prefix, StringComparison.Ordinal) == matching)
                    {
                        total += last - first;
                    }
                }
            }

            return total / 1e9;
        }

        private void Loop()
        {
            while (!_stop)
            {
                Thread.Sleep(100);
                Read(first: false);
            }
        }

        private void Read(bool first)
        {
            string[] tasks;
            try
            {
                tasks = Directory.GetDirectories($"/proc/{_pid}/task");
            }
            catch (IOException)
            {
                return; // ended
            }

            foreach (string task in tasks)
            {
                try
                {
                    string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                    long ns = long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                    string id = Path.GetFileName(task);
                    lock (_threads)
                    {
                        // A thread that starts in the window counts from zero.
                        _threads[id] = _threads.TryGetValue(id, out var known) ? (name, known.First, ns) : (name, first ? ns : 0, ns);
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // the thread ended between the listing and the read: its last reading stands
                }
            }
        }
    }
}
