using System;
using System.Collections.Generic;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Dashboard
{
    /// <summary>
    /// What the live view shows, without drawing it: the traffic of all watched interfaces and of each
    /// one, which of them the graph follows, whether the graph is paused, and the rate unit.
    /// </summary>
    public sealed class DashboardModel
    {
        /// <summary>Samples kept per series: about 17 minutes at one per second, wider than any terminal.</summary>
        public const int DefaultCapacity = 1024;

        private readonly int _capacity;
        private readonly List<TrafficTrack> _interfaces = new List<TrafficTrack>();
        private readonly HashSet<string> _tracked = new HashSet<string>(StringComparer.Ordinal);
        private readonly RateSeries _frozenReceived;
        private readonly RateSeries _frozenSent;

        public DashboardModel(Func<string, bool> includeInterface, int capacity = DefaultCapacity)
        {
            _capacity = capacity;
            All = new TrafficTrack("all", includeInterface, capacity);
            _frozenReceived = new RateSeries(capacity);
            _frozenSent = new RateSeries(capacity);
        }

        /// <summary>Every watched interface together: what the limit counts.</summary>
        public TrafficTrack All { get; }

        /// <summary>One track per watched interface, in the order first seen.</summary>
        public IReadOnlyList<TrafficTrack> Interfaces => _interfaces;

        /// <summary>The interface the graph follows, as an index into <see cref="Interfaces"/>; -1 for all of them.</summary>
        public int Selected { get; private set; } = -1;

        public TrafficTrack SelectedTrack => Selected < 0 ? All : _interfaces[Selected];

        public bool Paused { get; private set; }

        public RateUnit Unit { get; private set; } = RateUnit.BytesPerSecond;

        /// <summary>What the download graph draws: the selected track's rates, or a copy taken when it was paused.</summary>
        public RateSeries GraphReceived => Paused ? _frozenReceived : SelectedTrack.Received;

        public RateSeries GraphSent => Paused ? _frozenSent : SelectedTrack.Sent;

        public void Start(CounterSnapshot baseline)
        {
            All.Start(baseline);
            foreach (string name in All.InterfaceNames)
            {
                Track(name, baseline);
            }
        }

        /// <summary>Counts the traffic up to <paramref name="current"/>; <paramref name="notices"/> gets resets, wraps and interfaces that come or go.</summary>
        public void Advance(CounterSnapshot current, IList<CounterNotice>? notices)
        {
            All.Advance(current, notices);
            foreach (TrafficTrack track in _interfaces)
            {
                // The sum above already told of every reset and wrap; the same notice per interface would repeat it.
                track.Advance(current, null);
            }

            IReadOnlyList<string> names = All.InterfaceNames;
            for (int i = 0; i < names.Count; i++)
            {
                // A new interface is counted from its first sighting on, as the sum counts it.
                Track(names[i], current);
            }
        }

        /// <summary>Restarts the session counters (bytes, peaks, averages) at <paramref name="current"/>; the graphs keep their history.</summary>
        public void ResetSession(CounterSnapshot current)
        {
            All.Start(current);
            foreach (TrafficTrack track in _interfaces)
            {
                track.Start(current);
            }
        }

        /// <summary>Moves the graph's selection by <paramref name="step"/> through all interfaces together, then each one, round.</summary>
        public void Select(int step)
        {
            int choices = _interfaces.Count + 1;
            int position = ((Selected + 1 + step) % choices + choices) % choices;
            Selected = position - 1;
            if (Paused)
            {
                Freeze();
            }
        }

        public void TogglePause()
        {
            Paused = !Paused;
            if (Paused)
            {
                Freeze();
            }
        }

        public void ToggleUnit() => Unit = RateFormat.Other(Unit);

        private void Freeze()
        {
            SelectedTrack.Received.CopyTo(_frozenReceived);
            SelectedTrack.Sent.CopyTo(_frozenSent);
        }

        private void Track(string name, CounterSnapshot start)
        {
            if (!_tracked.Add(name))
            {
                return;
            }

            var track = new TrafficTrack(name, n => string.Equals(n, name, StringComparison.Ordinal), _capacity);
            track.Start(start);
            _interfaces.Add(track);
        }
    }
}
