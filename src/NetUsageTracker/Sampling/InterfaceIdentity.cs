using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Sampling
{
    /// <summary>
    /// Which instance of an interface a reading comes from: an interface deleted and made again under the same
    /// name (a phone tether that reconnects, a VPN or container link re-created) is a new counter that started
    /// from zero, whatever its value now. Linux: the ifindex, which the kernel never hands to two interfaces
    /// one after the other; Windows: the LUID the counter source gives; elsewhere nothing (null).
    /// </summary>
    public static class InterfaceIdentity
    {
        private static readonly bool IsLinux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        /// <summary>The identity of the interface in <paramref name="counters"/>, read now; null when unknown.</summary>
        public static string? Of(in InterfaceCounters counters) =>
            counters.Id ?? (IsLinux ? FromSysfs("/sys/class/net", counters.Name) : null);

        /// <summary>"ifindex:N" from a sysfs tree rooted at <paramref name="sysClassNet"/> (a fixture in tests).</summary>
        internal static string? FromSysfs(string sysClassNet, string name)
        {
            if (name.Length == 0 || name.IndexOf('/') >= 0 || name == "." || name == "..")
            {
                return null;
            }

            try
            {
                string text = File.ReadAllText(Path.Combine(Path.Combine(sysClassNet, name), "ifindex")).Trim();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? "ifindex:" + index.ToString(CultureInfo.InvariantCulture) : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
