using System.Text;
using System.Text.RegularExpressions;

namespace NetUsageTracker.Plans
{
    /// <summary>
    /// PowerShell's wildcards (* ? [set] and the backtick escape), case-insensitive, for the names a stored
    /// plan holds: the recorder matches them without PowerShell's WildcardPattern.
    /// </summary>
    public static class NamePattern
    {
        public static bool IsMatch(string pattern, string name) => ToRegex(pattern).IsMatch(name);

        /// <summary>Whether the pattern has wildcards (an unescaped * ? or [).</summary>
        public static bool HasWildcards(string pattern)
        {
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '`')
                {
                    i++;
                }
                else if (c == '*' || c == '?' || c == '[')
                {
                    return true;
                }
            }

            return false;
        }

        internal static Regex ToRegex(string pattern)
        {
            var regex = new StringBuilder("^");
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '`' && i + 1 < pattern.Length)
                {
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                }
                else if (c == '*')
                {
                    regex.Append(".*");
                }
                else if (c == '?')
                {
                    regex.Append('.');
                }
                else if (c == '[' && pattern.IndexOf(']', i + 1) > i + 1)
                {
                    int end = pattern.IndexOf(']', i + 1);
                    string set = pattern.Substring(i + 1, end - i - 1);
                    regex.Append('[').Append(set.Replace("\\", "\\\\").Replace("^", "\\^")).Append(']');
                    i = end;
                }
                else
                {
                    regex.Append(Regex.Escape(c.ToString()));
                }
            }

            return new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }
    }
}
