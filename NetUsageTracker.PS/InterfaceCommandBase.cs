using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// A cmdlet about a set of interfaces: -InterfaceName (wildcards, completion, pipeline input by value
    /// or from an InterfaceName property), -IncludeVirtual and -IncludeLoopback. Names from the whole
    /// pipeline are gathered, so the work runs once in EndProcessing.
    /// </summary>
    public abstract class InterfaceCommandBase : CancellableCmdlet
    {
        private readonly List<string> _names = new List<string>();

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InterfaceNameCompleter))]
        public string[]? InterfaceName { get; set; }

        [Parameter]
        public SwitchParameter IncludeVirtual { get; set; }

        [Parameter]
        public SwitchParameter IncludeLoopback { get; set; }

        /// <summary>Every name given, on the command line or through the pipeline.</summary>
        protected IReadOnlyList<string> RequestedNames => _names;

        protected override void ProcessRecord()
        {
            if (InterfaceName != null)
            {
                _names.AddRange(InterfaceName);
            }
        }

        /// <summary>Selects these interfaces as if -InterfaceName had named them (a stored plan's).</summary>
        private protected void SelectNames(IEnumerable<string> names) => _names.AddRange(names);

        /// <summary>The selection over the interfaces of <paramref name="snapshot"/>, classed as its source said.</summary>
        private protected InterfaceSelector CreateSelector(CounterSnapshot snapshot)
        {
            var selector = new InterfaceSelector(_names, IncludeVirtual, IncludeLoopback, InterfaceSelector.ClassesOf(snapshot));
            string? fallback = selector.ApplyNoPhysicalFallback(snapshot.InterfaceNames());
            if (fallback != null)
            {
                WriteVerbose(fallback);
            }

            return selector;
        }

        /// <summary>
        /// A NotFound error for each name given without wildcards that matches none of <paramref name="available"/>.
        /// With <paramref name="selected"/>, the count of interfaces a watch or view would follow: none of
        /// the names given matched, so it stops instead, as it would show zeros forever.
        /// </summary>
        private protected void ReportMissing(InterfaceSelector selector, IEnumerable<string> available, int? selected = null)
        {
            List<string> missing = selector.UnmatchedLiterals(available);
            if (selected == 0 && _names.Count > 0)
            {
                ThrowTerminatingError(InterfaceSelector.NotFound(string.Join(", ", _names)));
            }

            foreach (string name in missing)
            {
                WriteError(InterfaceSelector.NotFound(name));
            }
        }
    }
}
