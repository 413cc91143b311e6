using System;
using System.Collections.Generic;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Tests.Processes
{
    /// <summary>Interfaces (eth0, wlan0, lo) whose counters rise by what a test adds; each read is a second after the last.</summary>
    internal sealed class FixtureCounters : ICounterSource
    {
        private readonly Dictionary<string, InterfaceCounters> _interfaces = new Dictionary<string, InterfaceCounters>
        {
            ["eth0"] = new InterfaceCounters { Name = "eth0", Class = InterfaceClass.Physical },
            ["wlan0"] = new InterfaceCounters { Name = "wlan0", Class = InterfaceClass.Physical },
            ["lo"] = new InterfaceCounters { Name = "lo", Class = InterfaceClass.Loopback },
        };

        private long _ticks;

        public string Name => "fixture";

        public CounterWidth Width => CounterWidth.Bits64;

        public ulong Received(string name) => _interfaces[name].BytesReceived;

        public ulong Sent(string name) => _interfaces[name].BytesSent;

        public void Add(string name, ulong received, ulong sent, ulong packetsIn, ulong packetsOut)
        {
            InterfaceCounters c = _interfaces[name];
            c.BytesReceived += received;
            c.BytesSent += sent;
            c.PacketsReceived += packetsIn;
            c.PacketsSent += packetsOut;
            _interfaces[name] = c;
        }

        public void Read(CounterSnapshot snapshot)
        {
            snapshot.BeginFill();
            foreach (InterfaceCounters c in _interfaces.Values)
            {
                snapshot.NextSlot() = c;
            }

            _ticks += System.Diagnostics.Stopwatch.Frequency;
            snapshot.EndFill(_ticks, DateTime.UtcNow, Width);
        }

        public void Dispose()
        {
        }
    }
}
