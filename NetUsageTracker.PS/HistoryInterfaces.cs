using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.History;

namespace NetUsageTracker.Commands
{
    /// <summary>Which recorded interfaces a history cmdlet counts, with an error for each name the history lacks.</summary>
    internal static class HistoryInterfaces
    {
        public static InterfaceSelector Select(Cmdlet cmdlet, HistoryReader reader, string[]? patterns, bool includeLoopback, out List<string> matched)
        {
            var selector = new InterfaceSelector(patterns, includeLoopback);
            IReadOnlyList<string> recorded = reader.Interfaces();
            foreach (string missing in selector.UnmatchedLiterals(recorded))
            {
                cmdlet.WriteError(new ErrorRecord(
                    new ItemNotFoundException($"The usage history has no interface named '{missing}'. Run Get-NetUsageHistory -IncludeLoopback to list the recorded interfaces."),
                    "InterfaceNotFound",
                    ErrorCategory.ObjectNotFound,
                    missing));
            }

            matched = new List<string>();
            foreach (string name in recorded)
            {
                if (selector.Includes(name))
                {
                    matched.Add(name);
                }
            }

            return selector;
        }
    }
}
