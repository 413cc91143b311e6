using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Processes
{
    /// <summary>Picks the per-process source of this system, once.</summary>
    public static class FlowSources
    {
        /// <summary>
        /// The best source here: inet_diag on Linux; on Windows an ETW session when elevated, else the
        /// IP Helper tables; nettop on macOS. Throws <see cref="FlowSourceUnavailableException"/> with the
        /// reason when none can run.
        /// </summary>
        public static IFlowSource CreateDefault()
        {
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                {
                    return new Linux.SockDiagFlowSource();
                }

                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    return (IFlowSource?)Windows.EtwFlowSource.TryStart() ?? new Windows.IpHelperFlowSource();
                }

                if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX) && System.IO.File.Exists(MacOS.NettopFlowSource.Executable))
                {
                    return new MacOS.NettopFlowSource();
                }
            }
            catch (Exception e) when (e is Win32Exception || e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                throw new FlowSourceUnavailableException($"Per-process usage needs the system's connection statistics, which could not be opened here: {e.Message}.", e);
            }

            throw new FlowSourceUnavailableException($"Per-process usage is not available on {RuntimeInformation.OSDescription}.", null);
        }
    }

    /// <summary>No per-process source can run on this system, with the reason.</summary>
    public sealed class FlowSourceUnavailableException : Exception
    {
        public FlowSourceUnavailableException(string message, Exception? inner)
            : base(message, inner)
        {
        }
    }
}

namespace NetUsageTracker.Processes
{
    /// <summary>A flow source could not read the flows (the kernel refused, the tool failed).</summary>
    public class FlowSourceException : Exception
    {
        public FlowSourceException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}
