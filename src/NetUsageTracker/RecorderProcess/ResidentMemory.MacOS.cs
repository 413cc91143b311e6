using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>macOS: ask every malloc zone to give back what it can (zone NULL: all of them; goal 0: all).</summary>
    public static partial class ResidentMemory
    {
        private static void RelieveMallocZones() => malloc_zone_pressure_relief(IntPtr.Zero, UIntPtr.Zero);

        [DllImport("libSystem.dylib")]
        private static extern UIntPtr malloc_zone_pressure_relief(IntPtr zone, UIntPtr goal);
    }
}
