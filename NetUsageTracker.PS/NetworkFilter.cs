using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NetUsageTracker.History;
using NetUsageTracker.Networks;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// -Network: networks by name or NetworkId, with wildcards, matched without regard to case. The history's
    /// readers match the networks the history has seen; the live cmdlets match each interface's network of now.
    /// </summary>
    internal sealed class NetworkFilter
    {
        private readonly string[] _patterns;
        private readonly WildcardPattern[] _wildcards;

        public NetworkFilter(string[] patterns)
        {
            _patterns = patterns;
            _wildcards = patterns.Select(p => WildcardPattern.Get(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
        }

        /// <summary>A filter for -Network, or null when it was not given.</summary>
        public static NetworkFilter? From(string[]? patterns) => patterns == null || patterns.Length == 0 ? null : new NetworkFilter(patterns);

        public bool Matches(string networkName, string networkId) => _wildcards.Any(w => w.IsMatch(networkName) || w.IsMatch(networkId));

        public bool Matches(InterfaceNetwork network) => Matches(network.NetworkName, network.NetworkId);

        /// <summary>
        /// The networks of the history that match, with an error (NetworkNotFound) for each pattern that matches
        /// none of them: a plan or a network may be new, but a reader asked about a network has nothing to say.
        /// </summary>
        public NetworkSelection Select(Cmdlet cmdlet, HistoryReader reader)
        {
            IReadOnlyList<RecordedNetwork> recorded = reader.Networks();
            var matched = new List<RecordedNetwork>();
            for (int i = 0; i < _patterns.Length; i++)
            {
                List<RecordedNetwork> these = recorded.Where(n => _wildcards[i].IsMatch(n.NetworkName) || _wildcards[i].IsMatch(n.NetworkId)).ToList();
                if (these.Count == 0)
                {
                    cmdlet.WriteError(NotFound(_patterns[i], recorded.Count));
                }

                matched.AddRange(these.Where(n => !matched.Contains(n)));
            }

            return new NetworkSelection(matched);
        }

        internal static ErrorRecord NotFound(string pattern, int recorded) => new ErrorRecord(
            new ItemNotFoundException(recorded == 0
                ? $"The usage history has no network matching '{pattern}': it has recorded no network yet (histories record networks from this version on)."
                : $"The usage history has no network matching '{pattern}' by name or NetworkId. Run Get-NetUsageHistory -By Month -Network * to list the recorded networks."),
            "NetworkNotFound",
            ErrorCategory.ObjectNotFound,
            pattern);
    }

    /// <summary>Tab completion of -Network: the networks the interfaces are on now, then those the history has seen
    /// (the default history, or -Path's), most recent first; honours wildcards in what was typed.</summary>
    public sealed class NetworkNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            var names = new List<(string Name, string Id)>();
            foreach (InterfaceNetwork network in ModuleState.GetNetworkSource().Read().Known)
            {
                names.Add((network.NetworkName, network.NetworkId));
            }

            try
            {
                string? path = fakeBoundParameters?["Path"] as string;
                using HistoryDatabase database = HistoryDatabase.Open(path ?? HistoryPaths.Resolve(), create: false);
                names.AddRange(new HistoryReader(database).Networks().Select(n => (n.NetworkName, n.NetworkId)));
            }
            catch (Exception e) when (e is HistoryStoreException || e is PlatformNotSupportedException || e is ArgumentException || e is System.IO.IOException)
            {
                // No history to read: the networks of now are all there is to offer.
            }

            return names
                .Where(n => pattern.IsMatch(n.Name))
                .GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => new CompletionResult(InterfaceNameCompleter.CompletionText(g.Key), g.Key, CompletionResultType.ParameterValue,
                    $"{g.Key} ({string.Join(", ", g.Select(n => n.Id).Distinct())})"));
        }
    }
}
