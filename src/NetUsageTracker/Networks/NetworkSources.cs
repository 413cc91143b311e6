using System;
using System.Runtime.InteropServices;
using NetUsageTracker.Networks.Linux;
using NetUsageTracker.Networks.MacOS;
using NetUsageTracker.Networks.Windows;

namespace NetUsageTracker.Networks
{
    /// <summary>Chooses the network source of this system once, as the sampler chooses its counter source.</summary>
    public static class NetworkSources
    {
        /// <summary>NetworkManager or the gateway on Linux, the Network List Manager on Windows, the SSID or the
        /// gateway on macOS; elsewhere (or where the Network List Manager cannot be created) every interface is
        /// its own network.</summary>
        public static INetworkSource CreateDefault()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return new LinuxNetworkSource();
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return new MacNetworkSource();
            }

            return (INetworkSource?)NetworkListManagerSource.TryCreate(out string? why) ?? new InterfaceOnlyNetworkSource(why);
        }
    }

    /// <summary>Knows no network: every interface is its own (the fallback, and tests).</summary>
    public sealed class InterfaceOnlyNetworkSource : INetworkSource
    {
        public InterfaceOnlyNetworkSource(string? why = null) => LastFallbackReason = why;

        public string Name => "none (each interface is its own network)";

        public string? LastFallbackReason { get; }

        public NetworkSnapshot Read() => NetworkSnapshot.Empty;

        public void Dispose()
        {
        }
    }
}
