using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// A history cmdlet about recorded interfaces: -InterfaceName (wildcards, names gathered from the whole
    /// pipeline), -IncludeVirtual and -IncludeLoopback, with an error for each name the history lacks. The
    /// history records every interface; these choose which of them count.
    /// </summary>
    public abstract class HistoryInterfaceCmdlet : HistoryCmdlet
    {
        private readonly List<string> _names = new List<string>();

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? InterfaceName { get; set; }

        [Parameter]
        public SwitchParameter IncludeVirtual { get; set; }

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
            IReadOnlyList<RecordedInterface> interfaces = reader.Interfaces();
            var classes = new Dictionary<string, InterfaceClass>(InterfaceNaming.Comparer);
            var recorded = new List<string>(interfaces.Count);
            foreach (RecordedInterface known in interfaces)
            {
                classes[known.Name] = known.InterfaceClass;
                recorded.Add(known.Name);
            }

            var selector = new InterfaceSelector(_names, IncludeVirtual, IncludeLoopback,
                name => classes.TryGetValue(name, out InterfaceClass cls) ? cls : InterfaceClassifier.FromName(name));
            string? fallback = selector.ApplyNoPhysicalFallback(recorded);
            if (fallback != null)
            {
                WriteVerbose(fallback);
            }

            foreach (string missing in selector.UnmatchedLiterals(recorded))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"The usage history has no interface named '{missing}'. Run Get-NetUsageHistory -IncludeVirtual -IncludeLoopback to list the recorded interfaces."),
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
