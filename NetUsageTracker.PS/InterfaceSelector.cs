using System;
using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Which interfaces a cmdlet reports: -InterfaceName patterns (PowerShell wildcards, case-insensitive)
    /// and the loopback rule: loopback is left out unless -IncludeLoopback is given or a pattern other
    /// than a bare '*' names it.
    /// </summary>
    internal sealed class InterfaceSelector
    {
        private const WildcardOptions Options = WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant;

        // Plain loops over two parallel lists: the first Get-NetUsage of a session compiles every method
        // it touches, and LINQ over value tuples costs new generic instantiations there.
        private readonly List<string> _texts = new List<string>();
        private readonly List<WildcardPattern> _patterns = new List<WildcardPattern>();
        private readonly bool _includeLoopback;
        private readonly Func<string, bool> _isLoopback;

        public InterfaceSelector(IEnumerable<string>? patterns, bool includeLoopback, Func<string, bool>? isLoopback = null)
        {
            if (patterns != null)
            {
                foreach (string pattern in patterns)
                {
                    if (!string.IsNullOrEmpty(pattern))
                    {
                        _texts.Add(pattern);
                        _patterns.Add(WildcardPattern.Get(pattern, Options));
                    }
                }
            }

            _includeLoopback = includeLoopback;
            _isLoopback = isLoopback ?? InterfaceKind.IsLoopback;
        }

        public bool Includes(string name)
        {
            if (_patterns.Count == 0)
            {
                return _includeLoopback || !_isLoopback(name);
            }

            for (int i = 0; i < _patterns.Count; i++)
            {
                if (_patterns[i].IsMatch(name) && (_includeLoopback || _texts[i] != "*" || !_isLoopback(name)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Patterns without wildcards that match none of <paramref name="names"/>: each is an error.</summary>
        public List<string> UnmatchedLiterals(IEnumerable<string> names)
        {
            var unmatched = new List<string>();
            if (_patterns.Count == 0)
            {
                return unmatched;
            }

            var all = new List<string>(names);
            for (int i = 0; i < _patterns.Count; i++)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(_texts[i]) && !MatchesAny(_patterns[i], all))
                {
                    unmatched.Add(_texts[i]);
                }
            }

            return unmatched;
        }

        private static bool MatchesAny(WildcardPattern pattern, List<string> names)
        {
            foreach (string name in names)
            {
                if (pattern.IsMatch(name))
                {
                    return true;
                }
            }

            return false;
        }

        public static ErrorRecord NotFound(string name) => new ErrorRecord(
            new ItemNotFoundException($"No network interface named '{name}' was found. Run Get-NetConnectionInfo -IncludeLoopback to list the interfaces."),
            "InterfaceNotFound",
            ErrorCategory.ObjectNotFound,
            name);
    }
}
