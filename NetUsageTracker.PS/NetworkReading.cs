using System.Management.Automation;
using NetUsageTracker.Networks;

namespace NetUsageTracker.Commands
{
    /// <summary>The networks of the runspace's network source, with what the source said on the verbose stream.</summary>
    internal static class NetworkReading
    {
        public static NetworkSnapshot Read(Cmdlet cmdlet)
        {
            INetworkSource source = ModuleState.GetNetworkSource();
            NetworkSnapshot networks = source.Read();
            string? fallback = source.LastFallbackReason;
            cmdlet.WriteVerbose(fallback == null
                ? $"Networks from {source.Name}."
                : $"Networks from {source.Name}; {fallback}.");
            return networks;
        }
    }
}
