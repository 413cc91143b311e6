using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetUsageTracker.Platform
{
    /// <summary>
    /// Reads the command lines that <see cref="CommandLineQuoting"/> writes back into their words, so an
    /// installed job can be checked against the files it needs. Each reader knows only the forms the
    /// writer produces and returns null for anything else: a job someone edited by hand is reported, not
    /// guessed at.
    /// </summary>
    internal static class CommandLineWords
    {
        /// <summary>POSIX sh words: bare words, single-quoted runs, backslash-escaped characters.</summary>
        public static List<string>? Shell(string text)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            bool inWord = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == ' ' || c == '\t')
                {
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    continue;
                }

                inWord = true;
                if (c == '\'')
                {
                    int end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        return null;
                    }

                    word.Append(text, i + 1, end - i - 1);
                    i = end;
                }
                else if (c == '\\' && i + 1 < text.Length)
                {
                    word.Append(text[++i]);
                }
                else if (c == '"' || c == '$' || c == '`' || c == '\\')
                {
                    return null; // sh would expand or join these: not a line we wrote
                }
                else
                {
                    word.Append(c);
                }
            }

            if (inWord)
            {
                words.Add(word.ToString());
            }

            return words;
        }

        /// <summary>The sh command line of a crontab command field ('\%' is cron's escape of '%').</summary>
        public static string FromCronCommand(string cronCommand) => cronCommand.Replace("\\%", "%");

        /// <summary>ExecStart= words as <see cref="CommandLineQuoting.SystemdArgument"/> writes them.</summary>
        public static List<string>? Systemd(string text)
        {
            var words = new List<string>();
            int i = 0;
            while (true)
            {
                if ((i = SkipBlanks(text, i)) == text.Length)
                {
                    return words;
                }

                if (text[i] != '"')
                {
                    return null;
                }

                bool executable = words.Count == 0;
                var word = new StringBuilder();
                for (i++; ; i++)
                {
                    if (i >= text.Length)
                    {
                        return null;
                    }

                    char c = text[i];
                    char next = i + 1 < text.Length ? text[i + 1] : '\0';
                    if (c == '"')
                    {
                        i++;
                        break;
                    }

                    if (c == '\\')
                    {
                        switch (next)
                        {
                            case '\\': word.Append('\\'); break;
                            case '"': word.Append('"'); break;
                            case 'n': word.Append('\n'); break;
                            case 't': word.Append('\t'); break;
                            default: return null;
                        }

                        i++;
                    }
                    else if ((c == '%' && next == '%') || (c == '$' && next == '$' && !executable))
                    {
                        word.Append(c);
                        i++;
                    }
                    else
                    {
                        word.Append(c);
                    }
                }

                words.Add(word.ToString());
            }
        }

        /// <summary>
        /// Arguments of a Windows command line as the C runtime and CommandLineToArgvW read them (for the
        /// lines <see cref="CommandLineQuoting.WindowsArgument"/> writes, which never hold "").
        /// </summary>
        public static List<string> Windows(string text)
        {
            var words = new List<string>();
            int i = 0;
            while (true)
            {
                if ((i = SkipBlanks(text, i)) == text.Length)
                {
                    return words;
                }

                var word = new StringBuilder();
                bool quoted = false;
                while (i < text.Length && (quoted || (text[i] != ' ' && text[i] != '\t')))
                {
                    int backslashes = 0;
                    while (i < text.Length && text[i] == '\\')
                    {
                        backslashes++;
                        i++;
                    }

                    if (i < text.Length && text[i] == '"')
                    {
                        word.Append('\\', backslashes / 2);
                        if (backslashes % 2 == 1)
                        {
                            word.Append('"');
                        }
                        else
                        {
                            quoted = !quoted;
                        }

                        i++;
                    }
                    else
                    {
                        word.Append('\\', backslashes);
                        if (i < text.Length && (quoted || (text[i] != ' ' && text[i] != '\t')))
                        {
                            word.Append(text[i]);
                            i++;
                        }
                    }
                }

                words.Add(word.ToString());
            }
        }

        /// <summary>
        /// The value of a PowerShell literal that <see cref="CommandLineQuoting.PowerShellLiteral"/> wrote,
        /// read from <paramref name="position"/>, which moves past it: 'single-quoted', or
        /// ('part' + [char]N + 'part'). Null when there is none there.
        /// </summary>
        public static string? PowerShellLiteral(string text, ref int position)
        {
            if (position < text.Length && text[position] == '\'')
            {
                return PowerShellSingleQuoted(text, ref position);
            }

            if (position >= text.Length || text[position] != '(')
            {
                return null;
            }

            int i = position + 1;
            var value = new StringBuilder();
            while (true)
            {
                string? part = PowerShellSingleQuoted(text, ref i);
                if (part == null)
                {
                    return null;
                }

                value.Append(part);
                if (i < text.Length && text[i] == ')')
                {
                    position = i + 1;
                    return value.ToString();
                }

                const string CharPrefix = " + [char]";
                if (string.CompareOrdinal(text, i, CharPrefix, 0, CharPrefix.Length) != 0)
                {
                    return null;
                }

                i += CharPrefix.Length;
                int digits = i;
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }

                if (!int.TryParse(text.Substring(digits, i - digits), NumberStyles.None, CultureInfo.InvariantCulture, out int code) || code > char.MaxValue
                    || string.CompareOrdinal(text, i, " + ", 0, 3) != 0)
                {
                    return null;
                }

                value.Append((char)code);
                i += 3;
            }
        }

        private static string? PowerShellSingleQuoted(string text, ref int position)
        {
            if (position >= text.Length || text[position] != '\'')
            {
                return null;
            }

            var value = new StringBuilder();
            for (int i = position + 1; i < text.Length; i++)
            {
                if (!IsPowerShellQuote(text[i]))
                {
                    value.Append(text[i]);
                }
                else if (i + 1 < text.Length && IsPowerShellQuote(text[i + 1]))
                {
                    value.Append(text[i + 1]);
                    i++;
                }
                else
                {
                    position = i + 1;
                    return value.ToString();
                }
            }

            return null;
        }

        private static int SkipBlanks(string text, int i)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
            {
                i++;
            }

            return i;
        }

        private static bool IsPowerShellQuote(char c) => c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }
}
