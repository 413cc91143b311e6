using System.Runtime.InteropServices;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>Windows' uptime: milliseconds since boot, time asleep and hibernated included.</summary>
    public static partial class BootClock
    {
        [DllImport("kernel32")]
        private static extern ulong GetTickCount64();
    }
}
