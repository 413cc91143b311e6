using System;
using System.Diagnostics;
using System.IO;

namespace NetUsageTracker.Sampling
{
    /// <summary>
    /// Linux: one read of <c>/proc/net/dev</c> gives every interface. The handle stays open and is
    /// re-read from offset 0; the buffer is reused, so a snapshot allocates nothing in steady state.
    /// </summary>
    public sealed class ProcNetDevCounterSource : ICounterSource
    {
        public const string DefaultPath = "/proc/net/dev";

        private readonly FileStream _stream;
        private byte[] _buffer = new byte[8192];

        private readonly Func<string, InterfaceClass> _classify;

        /// <param name="classify">The class of an interface name (sysfs by default; a fixture in tests).</param>
        public ProcNetDevCounterSource(string path = DefaultPath, Func<string, InterfaceClass>? classify = null)
        {
            _classify = classify ?? InterfaceClassifier.Linux;
            // bufferSize 1 disables FileStream's own buffer: every Read goes to the kernel.
            _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            Path = path;
        }

        public string Name => Path;

        public string Path { get; }

        /// <summary>The kernel keeps 64-bit counters on a 64-bit system; a 32-bit kernel's drivers wrap at 2^32.</summary>
        public CounterWidth Width { get; } = Environment.Is64BitOperatingSystem ? CounterWidth.Bits64 : CounterWidth.Bits32;

        public static bool IsAvailable(string path = DefaultPath) => File.Exists(path);

        public void Read(CounterSnapshot snapshot)
        {
            lock (_stream)
            {
                int length = ReadAll();
                long ticks = Stopwatch.GetTimestamp();
                DateTime utc = DateTime.UtcNow;
                snapshot.BeginFill();
                ProcNetDevParser.Parse(_buffer, length, snapshot, _classify);
                snapshot.EndFill(ticks, utc, Width);
            }
        }

        /// <summary>Re-reads the file into the reusable buffer and returns the length, without
        /// parsing (the benchmark's floor). Callers hold the lock on the stream.</summary>
        internal int ReadAll()
        {
            _stream.Seek(0, SeekOrigin.Begin);
            int length = 0;
            while (true)
            {
                if (length == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                int read = _stream.Read(_buffer, length, _buffer.Length - length);
                if (read == 0)
                {
                    return length;
                }

                length += read;
            }
        }

        public void Dispose() => _stream.Dispose();
    }
}
