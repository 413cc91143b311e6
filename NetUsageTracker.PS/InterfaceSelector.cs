using System;
using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Which interfaces a cmdlet reports: -InterfaceName patterns (PowerShell wildcards, case-insensitive)
    /// and the class rule. By default only physical interfaces count, because the physical link is what a
    /// provider meters and virtual ones (tunnels, bridges, veth, VPN adapters) carry the same bytes again;
    /// -IncludeVirtual adds the virtual ones and -IncludeLoopback loopback, and a pattern other than a bare
    /// '*' brings in whatever it names. Where no interface is physical (a container), every non-loopback
    /// interface counts instead (<see cref="ApplyNoPhysicalFallback"/>).
    /// </summary>
    internal sealed class InterfaceSelector
    {
        private const WildcardOptions Options = WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant;

        // Plain loops over two parallel lists: the first Get-NetUsage of a session compiles every method
        // it touches, and LINQ over value tuples costs new generic instantiations there.
        private readonly List<string> _texts = new List<string>();
        private readonly List<WildcardPattern> _patterns = new List<WildcardPattern>();
        private readonly bool _includeVirtual;
        private readonly bool _includeLoopback;
        private readonly Func<string, InterfaceClass> _classOf;
        private bool _virtualByDefault;

        public InterfaceSelector(IEnumerable<string>? patterns, bool includeVirtual, bool includeLoopback, Func<string, InterfaceClass> classOf)
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

            _includeVirtual = includeVirtual;
            _includeLoopback = includeLoopback;
            _classOf = classOf;
        }

        /// <summary>The class of every interface of a snapshot, by name.</summary>
        public static Func<string, InterfaceClass> ClassesOf(CounterSnapshot snapshot) =>
            name => snapshot.TryGet(name, out InterfaceCounters counters) ? counters.Class : InterfaceClassifier.FromName(name);

        /// <summary>
        /// When nothing was named and none of <paramref name="names"/> is physical, counts every non-loopback
        /// interface rather than none; returns the sentence that says so (for the verbose stream), else null.
        /// </summary>
        public string? ApplyNoPhysicalFallback(IEnumerable<string> names)
        {
            if (_patterns.Count > 0 || _includeVirtual)
            {
                return null;
            }

            var virtualOnes = new List<string>();
            foreach (string name in names)
            {
                InterfaceClass cls = _classOf(name);
                if (IsCountedByDefault(cls))
                {
                    return null;
                }

                if (cls == InterfaceClass.Virtual)
                {
                    virtualOnes.Add(name);
                }
            }

            if (virtualOnes.Count == 0)
            {
                return null;
            }

            _virtualByDefault = true;
            return $"No physical interface was found (a container or a VM with only virtual links); counting every non-loopback interface instead: {string.Join(", ", virtualOnes)}.";
        }

        public bool Includes(string name)
        {
            InterfaceClass cls = _classOf(name);
            bool byClass = IsCountedByDefault(cls)
                || (cls == InterfaceClass.Virtual && (_includeVirtual || _virtualByDefault))
                || (cls == InterfaceClass.Loopback && _includeLoopback);
            if (_patterns.Count == 0)
            {
                return byClass;
            }

            for (int i = 0; i < _patterns.Count; i++)
            {
                if (Matches(i, name) && (byClass || _texts[i] != "*"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="name"/> was given by name (not only matched by a wildcard or the class rule).</summary>
        public bool Names(string name)
        {
            for (int i = 0; i < _texts.Count; i++)
            {
                if (string.Equals(_texts[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>An exact name first (one with '[' in it is a name, not a character class that misses it), then the wildcard.</summary>
        private bool Matches(int index, string name) =>
            string.Equals(_texts[index], name, StringComparison.OrdinalIgnoreCase) || _patterns[index].IsMatch(name);

        /// <summary>Physical interfaces, and those whose class nobody could tell (counting them cannot hide a download).</summary>
        private static bool IsCountedByDefault(InterfaceClass cls) => cls == InterfaceClass.Physical || cls == InterfaceClass.Unknown;

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
                if (IsName(_texts[i]) && !MatchesAny(i, all))
                {
                    unmatched.Add(_texts[i]);
                }
            }

            return unmatched;
        }

        /// <summary>A text without '*' or '?' names one interface (brackets are as often part of a name as a
        /// character class): one that finds nothing is InterfaceNotFound in every cmdlet.</summary>
        private static bool IsName(string text) => text.IndexOf('*') < 0 && text.IndexOf('?') < 0;

        private bool MatchesAny(int index, List<string> names)
        {
            foreach (string name in names)
            {
                if (Matches(index, name))
                {
                    return true;
                }
            }

            return false;
        }

        public static ErrorRecord NotFound(string name) => new ErrorRecord(
            new ItemNotFoundException($"No network interface named '{name}' was found. Run Get-NetConnectionInfo -IncludeVirtual -IncludeLoopback to list the interfaces."),
            "InterfaceNotFound",
            ErrorCategory.ObjectNotFound,
            name);
    }
}
