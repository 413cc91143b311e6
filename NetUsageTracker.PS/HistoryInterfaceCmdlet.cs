using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.History;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// A history cmdlet about recorded interfaces: -InterfaceName (wildcards, names gathered from the whole
    /// pipeline) and -IncludeLoopback, with an error for each name the history lacks.
    /// </summary>
    public abstract class HistoryInterfaceCmdlet : HistoryCmdlet
    {
        private readonly List<string> _names = new List<string>();

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? InterfaceName { get; set; }

        [Parameter]
        public SwitchParameter IncludeLoopback { get; set; }

        protected override void ProcessRecord()
        {
            if (InterfaceName != null)
            {
                _names.AddRange(InterfaceName);
            }
        }

        /// <summary>The selection over the interfaces the history holds; <paramref name="matched"/> names them.</summary>
        private protected InterfaceSelector SelectInterfaces(HistoryReader reader, out List<string> matched)
        {
            var selector = new InterfaceSelector(_names, IncludeLoopback);
            IReadOnlyList<string> recorded = reader.Interfaces();
            foreach (string missing in selector.UnmatchedLiterals(recorded))
            {
                WriteError(new ErrorRecord(
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
