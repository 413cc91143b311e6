using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Sampling
{
    /// <summary>How interface names compare: Windows treats "Wi-Fi" and "wi-fi" as one adapter; Linux and
    /// macOS names are case-sensitive (eth0 and ETH0 can be two interfaces).</summary>
    public static class InterfaceNaming
    {
        public static readonly StringComparer Comparer =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        public static readonly StringComparison Comparison =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }
}
