using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetUsageTracker.Platform
{
    /// <summary>
    /// Quotes one argument for each program that reads a command line back into words: PowerShell's
    /// parser, the Windows (and .NET process) argument rules, POSIX sh, systemd's ExecStart and cron.
    /// <see cref="CommandLineWords"/> reads them back.
    /// </summary>
    internal static class CommandLineQuoting
    {
        /// <summary>
        /// A PowerShell expression whose value is <paramref name="value"/>. Every quote character that
        /// PowerShell accepts as a single quote (the straight one and the typographic ones) is doubled.
        /// Characters in <paramref name="spelledOut"/> are written [char]N, for command lines that cannot
        /// carry them: Task Scheduler expands %NAME% in a task's arguments, a crontab line ends at a newline.
        /// </summary>
        public static string PowerShellLiteral(string value, string spelledOut = "")
        {
            if (value.IndexOfAny(spelledOut.ToCharArray()) < 0)
            {
                return PowerShellSingleQuoted(value);
            }

            var text = new StringBuilder("(");
            int start = 0;
            for (int i = 0; i <= value.Length; i++)
            {
                if (i < value.Length && spelledOut.IndexOf(value[i]) < 0)
                {
                    continue;
                }

                text.Append(PowerShellSingleQuoted(value.Substring(start, i - start)));
                if (i < value.Length)
                {
                    text.Append(" + [char]").Append(((int)value[i]).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" + ");
                }

                start = i + 1;
            }

            return text.Append(')').ToString();
        }

        private static string PowerShellSingleQuoted(string value)
        {
            var text = new StringBuilder(value.Length + 2).Append('\'');
            foreach (char c in value)
            {
                if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B')
                {
                    text.Append(c);
                }

                text.Append(c);
            }

            return text.Append('\'').ToString();
        }

        /// <summary>
        /// One argument as CommandLineToArgvW and the C runtime read it back, quoted only when it must be;
        /// .NET's ProcessStartInfo.Arguments follows the same rules on every platform (netstandard2.0 has
        /// no ArgumentList, so this is the way to pass an argv).
        /// </summary>
        public static string WindowsArgument(string value) =>
            value.Length > 0 && value.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0 ? value : QuotedWindowsArgument(value);

        /// <summary>
        /// One argument inside double quotes: a quote is written \" and the backslashes that precede a quote
        /// (or the closing quote) are doubled; other backslashes stand for themselves.
        /// </summary>
        public static string QuotedWindowsArgument(string value)
        {
            var text = new StringBuilder(value.Length + 2).Append('"');
            int backslashes = 0;
            foreach (char c in value)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                // Backslashes are literal unless they precede a quote; before a quote they are doubled.
                text.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
                text.Append(c);
                backslashes = 0;
            }

            return text.Append('\\', backslashes * 2).Append('"').ToString();
        }

        /// <summary>Arguments joined into one Windows/.NET command line.</summary>
        public static string WindowsCommandLine(params string[] arguments) => WindowsCommandLine((IEnumerable<string>)arguments);

        public static string WindowsCommandLine(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(WindowsArgument));

        /// <summary>One word for POSIX sh: bare when it holds only safe characters, else single-quoted.</summary>
        public static string ShellWord(string value)
        {
            bool safe = value.Length > 0;
            foreach (char c in value)
            {
                if (!(char.IsLetterOrDigit(c) && c < 128) && "@%+=:,./_-".IndexOf(c) < 0)
                {
                    safe = false;
                    break;
                }
            }

            return safe ? value : "'" + value.Replace("'", "'\\''") + "'";
        }

        /// <summary>Arguments joined into one sh command line.</summary>
        public static string ShellCommandLine(params string[] arguments) => string.Join(" ", arguments.Select(ShellWord));

        /// <summary>
        /// An sh command line as a crontab command field: cron turns an unescaped '%' into a newline
        /// and strips the backslash from '\%'.
        /// </summary>
        public static string CronCommand(string shellCommandLine) => shellCommandLine.Replace("%", "\\%");

        /// <summary>
        /// One ExecStart= word: double-quoted with C escapes; '%' (a unit specifier) written '%%' and, in
        /// an argument, '$' (an environment variable) written '$$'. systemd expands no variables in the
        /// executable, so there '$' stays single.
        /// </summary>
        public static string SystemdArgument(string value, bool isExecutable = false)
        {
            var text = new StringBuilder(value.Length + 2).Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '\\': text.Append("\\\\"); break;
                    case '"': text.Append("\\\""); break;
                    case '\n': text.Append("\\n"); break;
                    case '\t': text.Append("\\t"); break;
                    case '%': text.Append("%%"); break;
                    case '$': text.Append(isExecutable ? "$" : "$$"); break;
                    default: text.Append(c); break;
                }
            }

            return text.Append('"').ToString();
        }
    }
}
