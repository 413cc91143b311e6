using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>
    /// Hands a resident recorder's spare memory back to the system between recordings. A recording
    /// leaves a few MB of live objects, but the collector keeps its young generation committed and the C
    /// heap keeps what SQLite and the runtime freed; both stay resident through the wait for nothing.
    /// A full, compacting collection (on .NET 7 and later the aggressive one, which also decommits the
    /// collector's free space), then the platform's own release of the C heap (glibc's malloc_trim,
    /// macOS's malloc_zone_pressure_relief) or, on Windows, the trimming of the working set.
    /// </summary>
    public static partial class ResidentMemory
    {
        // GCCollectionMode.Aggressive, which netstandard2.0 does not name and .NET Framework refuses.
        private const GCCollectionMode Aggressive = (GCCollectionMode)3;

        private static readonly GCCollectionMode Mode = Enum.IsDefined(typeof(GCCollectionMode), Aggressive) ? Aggressive : GCCollectionMode.Forced;

        /// <summary>Releases what it can; a platform without a way to release the C heap is skipped.</summary>
        public static void Release()
        {
            GC.Collect(GC.MaxGeneration, Mode, blocking: true, compacting: true);
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    TrimWorkingSet();
                }
                else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
                {
                    RelieveMallocZones();
                }
                else
                {
                    TrimCHeap();
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException || e is DllNotFoundException)
            {
                // musl has no malloc_trim; an older macOS, no pressure relief: the collection was the part that mattered.
            }
        }
    }
}
