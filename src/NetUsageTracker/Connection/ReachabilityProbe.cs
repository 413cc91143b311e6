using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace NetUsageTracker.Connection
{
    /// <summary>The outcome of probing a set of endpoints.</summary>
    public sealed class ProbeResult
    {
        public ProbeResult(bool reachable, double? latencyMs, string? reachedEndpoint)
        {
            Reachable = reachable;
            LatencyMs = latencyMs;
            ReachedEndpoint = reachedEndpoint;
        }

        public bool Reachable { get; }

        public double? LatencyMs { get; }

        public string? ReachedEndpoint { get; }
    }

    /// <summary>"Can I reach the internet": a TCP connect to each endpoint at once, with a timeout.</summary>
    public static class ReachabilityProbe
    {
        /// <summary>Public endpoints used when the user names none: DNS resolvers' TCP ports.</summary>
        public static readonly string[] DefaultEndpoints = { "1.1.1.1:443", "8.8.8.8:443" };

        /// <summary>Splits "host:port" or "[v6]:port".</summary>
        public static bool TryParseEndpoint(string text, out string host, out int port)
        {
            host = "";
            port = 0;
            string s = (text ?? "").Trim();
            int colon = s.LastIndexOf(':');
            if (colon <= 0 || colon == s.Length - 1)
            {
                return false;
            }

            host = s.Substring(0, colon);
            if (host.StartsWith("[", StringComparison.Ordinal) && host.EndsWith("]", StringComparison.Ordinal))
            {
                host = host.Substring(1, host.Length - 2);
            }
            else if (host.Contains(":"))
            {
                return false; // a bare IPv6 address needs brackets: [::1]:80
            }

            return host.Length > 0
                && int.TryParse(s.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
                && port > 0 && port <= 65535;
        }

        /// <summary>Connects to every endpoint at once; reachable if any answers within the timeout.</summary>
        public static ProbeResult Probe(string[] endpoints, TimeSpan timeout, CancellationToken cancel)
        {
            Task<double?>[] attempts = endpoints.Select(e => ConnectAsync(e, timeout, cancel)).ToArray();
            try
            {
                Task.WaitAll(attempts, cancel);
            }
            catch (OperationCanceledException)
            {
                return new ProbeResult(false, null, null);
            }

            double? best = null;
            string? reached = null;
            for (int i = 0; i < attempts.Length; i++)
            {
                double? ms = attempts[i].Result;
                if (ms.HasValue && (!best.HasValue || ms.Value < best.Value))
                {
                    best = ms;
                    reached = endpoints[i];
                }
            }

            return new ProbeResult(best.HasValue, best, reached);
        }

        private static async Task<double?> ConnectAsync(string endpoint, TimeSpan timeout, CancellationToken cancel)
        {
            if (!TryParseEndpoint(endpoint, out string host, out int port))
            {
                return null;
            }

            using (var client = new TcpClient(AddressFamilyOf(host)))
            using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                timer.CancelAfter(timeout);
                var stopwatch = Stopwatch.StartNew();
                Task connect = client.ConnectAsync(host, port);
                Task finished = await Task.WhenAny(connect, Task.Delay(Timeout.Infinite, timer.Token)).ConfigureAwait(false);
                if (finished != connect)
                {
                    _ = connect.ContinueWith(t => _ = t.Exception, TaskScheduler.Default); // observe the late failure
                    return null;
                }

                try
                {
                    await connect.ConfigureAwait(false);
                    return stopwatch.Elapsed.TotalMilliseconds;
                }
                catch (SocketException)
                {
                    return null;
                }
            }
        }

        private static AddressFamily AddressFamilyOf(string host) =>
            System.Net.IPAddress.TryParse(host, out System.Net.IPAddress? address) ? address.AddressFamily : AddressFamily.InterNetwork;
    }
}
