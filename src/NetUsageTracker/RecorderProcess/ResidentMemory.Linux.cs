using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>Linux (glibc): return the C heap's free pages to the system.</summary>
    public static partial class ResidentMemory
    {
        private static void TrimCHeap() => malloc_trim(UIntPtr.Zero);

        [DllImport("libc")]
        private static extern int malloc_trim(UIntPtr pad);
    }
}
