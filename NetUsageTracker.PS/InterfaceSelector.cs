using System;
using System.Collections.Generic;
using System.Linq;
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
        private readonly List<(string Text, WildcardPattern Pattern)> _patterns;
        private readonly bool _includeLoopback;
        private readonly Func<string, bool> _isLoopback;

        public InterfaceSelector(IEnumerable<string>? patterns, bool includeLoopback, Func<string, bool>? isLoopback = null)
        {
            _patterns = (patterns ?? Enumerable.Empty<string>())
                .Where(p => !string.IsNullOrEmpty(p))
                .Select(p => (p, WildcardPattern.Get(p, Options)))
                .ToList();
            _includeLoopback = includeLoopback;
            _isLoopback = isLoopback ?? InterfaceKind.IsLoopback;
        }

        public bool Includes(string name)
        {
            if (_patterns.Count == 0)
            {
                return _includeLoopback || !_isLoopback(name);
            }

            foreach ((string text, WildcardPattern pattern) in _patterns)
            {
                if (pattern.IsMatch(name) && (_includeLoopback || text != "*" || !_isLoopback(name)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Patterns without wildcards that match none of <paramref name="names"/>: each is an error.</summary>
        public IEnumerable<string> UnmatchedLiterals(IEnumerable<string> names)
        {
            List<string> all = names.ToList();
            return _patterns
                .Where(p => !WildcardPattern.ContainsWildcardCharacters(p.Text) && !all.Any(n => p.Pattern.IsMatch(n)))
                .Select(p => p.Text);
        }

        public static ErrorRecord NotFound(string name) => new ErrorRecord(
            new ItemNotFoundException($"No network interface named '{name}' was found. Run Get-NetConnectionInfo -IncludeLoopback to list the interfaces."),
            "InterfaceNotFound",
            ErrorCategory.ObjectNotFound,
            name);
    }
}
