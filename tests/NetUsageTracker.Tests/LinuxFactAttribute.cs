using System.Runtime.InteropServices;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>A test of a Linux-only source: skipped, with the reason, on other systems.</summary>
    public sealed class LinuxFactAttribute : FactAttribute
    {
        public LinuxFactAttribute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                Skip = "reads /proc/net/dev, which exists on Linux only";
            }
        }
    }
}
