using System;
using System.Collections.Generic;
using NetUsageTracker.RecorderProcess;
using NetUsageTracker.Tests.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.RecorderProcess
{
    /// <summary>The collector is the process's: alone, so that no other test allocates meanwhile.</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class ResidentMemoryTests
    {
        [Fact]
        public void ReleaseDecommitsWhatTheCollectorKeptAfterARecording()
        {
            // A recording's garbage: many short-lived buffers, freed by a collection but kept committed.
            var buffers = new List<byte[]>();
            for (int i = 0; i < 400; i++)
            {
                buffers.Add(new byte[100_000]);
            }

            buffers.Clear();
            GC.Collect();
            long kept = GC.GetGCMemoryInfo().TotalCommittedBytes;

            ResidentMemory.Release();

            long released = GC.GetGCMemoryInfo().TotalCommittedBytes;
            Assert.True(released < kept / 2, $"committed {kept / 1048576.0:0.0} MB after a collection, {released / 1048576.0:0.0} MB after Release");
        }
    }
}
