using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>Windows: trim the working set (-1, -1), as Windows does for a process that sleeps; the
    /// pages come back from the standby list when the next recording touches them.</summary>
    public static partial class ResidentMemory
    {
        private static void TrimWorkingSet() => SetProcessWorkingSetSize(GetCurrentProcess(), new IntPtr(-1), new IntPtr(-1));

        [DllImport("kernel32")]
        private static extern IntPtr GetCurrentProcess();

        [DllImport("kernel32")]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool SetProcessWorkingSetSize(IntPtr process, IntPtr minimum, IntPtr maximum);
    }
}
