using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Tab completion of -InterfaceName from the live interface list; honours wildcards in what was typed.
    /// The text inserted selects exactly the interface offered: -InterfaceName takes wildcards, and Windows
    /// names such as "Local Area Connection* 2" or "Wi-Fi [2]" would otherwise match others or none.
    /// </summary>
    public sealed class InterfaceNameCompleter : IArgumentCompleter
    {
        private const string WildcardCharacters = "*?[]`";

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return ModuleState.GetSampler().TakeSnapshot().InterfaceNames()
                .Where(n => pattern.IsMatch(n))
                .OrderBy(n => n, System.StringComparer.OrdinalIgnoreCase)
                .Select(n => new CompletionResult(CompletionText(n), n, CompletionResultType.ParameterValue, n));
        }

        /// <summary>The name as a wildcard pattern that matches only itself, written as a PowerShell argument:
        /// bare when it is plain, else single-quoted (a backtick escape would be lost in a bare word).</summary>
        internal static string CompletionText(string name)
        {
            string pattern = EscapeWildcards(name);
            return IsPlain(pattern) ? pattern : CommandLineQuoting.PowerShellLiteral(pattern);
        }

        /// <summary>A backtick before each of * ? [ ] and `. PowerShell 5.1's WildcardPattern.Escape leaves a
        /// lone backtick as it is, which the pattern then reads as an escape.</summary>
        private static string EscapeWildcards(string name)
        {
            if (name.IndexOfAny(WildcardCharacters.ToCharArray()) < 0)
            {
                return name;
            }

            var text = new StringBuilder(name.Length + 4);
            foreach (char c in name)
            {
                if (WildcardCharacters.IndexOf(c) >= 0)
                {
                    text.Append('`');
                }

                text.Append(c);
            }

            return text.ToString();
        }

        private static bool IsPlain(string text)
        {
            if (text.Length == 0 || text[0] == '-')
            {
                return false;
            }

            foreach (char c in text)
            {
                if (!char.IsLetterOrDigit(c) && c != '-' && c != '_' && c != '.')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
