using System;
using System.Collections.Generic;
using System.Net.NetworkInformation;
using System.Threading;
using System.Threading.Tasks;
using NetUsageTracker.Connection;

namespace NetUsageTracker.Dashboard
{
    /// <summary>
    /// Keeps the view's connection summary current: re-read when the system reports an address or
    /// availability change (a cable pulled, Wi-Fi joined), and every few seconds for what it does not
    /// report (a new DNS server). The optional reachability probe runs in the background, so a slow
    /// endpoint never holds up sampling.
    /// </summary>
    public sealed class ConnectionMonitor : IDisposable
    {
        private readonly Func<IReadOnlyList<NetConnectionInfo>> _read;
        private readonly TimeSpan _refreshEvery;
        private readonly string[]? _probeEndpoints;
        private readonly TimeSpan _probeTimeout;
        private readonly TimeSpan _probeEvery;
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly bool _subscribed;
        private int _changed = 1;
        private TimeSpan? _lastRead;
        private TimeSpan? _lastProbe;
        private Task<ProbeResult>? _probing;
        private ProbeResult? _probe;

        /// <param name="read">Reads every interface (ConnectionInfoProvider.GetAll outside tests).</param>
        /// <param name="probeEndpoints">host:port endpoints to probe (-TestInternet), or null for no probe.</param>
        public ConnectionMonitor(Func<IReadOnlyList<NetConnectionInfo>> read, TimeSpan refreshEvery,
            string[]? probeEndpoints, TimeSpan probeTimeout, TimeSpan probeEvery)
        {
            _read = read;
            _refreshEvery = refreshEvery;
            _probeEndpoints = probeEndpoints;
            _probeTimeout = probeTimeout;
            _probeEvery = probeEvery;
            try
            {
                NetworkChange.NetworkAddressChanged += OnNetworkChanged;
                NetworkChange.NetworkAvailabilityChanged += OnNetworkChanged;
                _subscribed = true;
            }
            catch (Exception e) when (e is PlatformNotSupportedException || e is NetworkInformationException)
            {
                // Without change events the periodic re-read still catches every change, a little later.
            }
        }

        /// <summary>
        /// The live view's monitor: the connection read again every 5 seconds when the system reports no
        /// change, and the probe (with <paramref name="probeEndpoints"/>) every 30 seconds, 3 seconds at most.
        /// </summary>
        public static ConnectionMonitor ForLiveView(Func<IReadOnlyList<NetConnectionInfo>> read, string[]? probeEndpoints) =>
            new ConnectionMonitor(read, TimeSpan.FromSeconds(5), probeEndpoints, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));

        public ConnectionSummary Current { get; private set; } = ConnectionSummary.Unknown;

        /// <summary>True while a probe was asked for and none has answered yet.</summary>
        public bool Probing => _probeEndpoints != null && _probe == null;

        /// <summary>Brings the summary up to date at <paramref name="now"/> (the view's clock); true when it changed.</summary>
        public bool Refresh(TimeSpan now)
        {
            ConnectionSummary next = Current;
            bool probeNow = false;
            if (Interlocked.Exchange(ref _changed, 0) == 1 || _lastRead == null || now - _lastRead.Value >= _refreshEvery)
            {
                _lastRead = now;
                next = ConnectionSummary.From(_read(), _probe);
                // A new route or address may change the answer: probe again at once.
                probeNow = !SameRoute(next, Current);
            }

            if (_probing != null && _probing.IsCompleted)
            {
                _probe = _probing.Status == TaskStatus.RanToCompletion ? _probing.Result : new ProbeResult(false, null, null);
                _probing = null;
                next = next.WithProbe(_probe);
            }

            if (_probeEndpoints != null && _probing == null && (probeNow || _lastProbe == null || now - _lastProbe.Value >= _probeEvery))
            {
                _lastProbe = now;
                string[] endpoints = _probeEndpoints;
                CancellationToken token = _cancel.Token;
                _probing = Task.Run(() => ReachabilityProbe.Probe(endpoints, _probeTimeout, token), token);
            }

            bool changed = !next.SameAs(Current);
            Current = next;
            return changed;
        }

        public void Dispose()
        {
            if (_subscribed)
            {
                NetworkChange.NetworkAddressChanged -= OnNetworkChanged;
                NetworkChange.NetworkAvailabilityChanged -= OnNetworkChanged;
            }

            // Cancelled, not disposed: a probe still running holds the token.
            _cancel.Cancel();
        }

        private static bool SameRoute(ConnectionSummary a, ConnectionSummary b) =>
            a.WithProbe(null).SameAs(b.WithProbe(null));

        private void OnNetworkChanged(object? sender, EventArgs e) => Interlocked.Exchange(ref _changed, 1);
    }
}
