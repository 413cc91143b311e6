using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetUsageTracker.Alerts
{
    /// <summary>
    /// Joins arguments into one command line that splits back into exactly the same argv under the
    /// rules of CommandLineToArgvW and the C runtime, which .NET also applies on Unix when it turns
    /// ProcessStartInfo.Arguments into argv. netstandard2.0 has no ArgumentList, so this is the way.
    /// </summary>
    internal static class CommandLineArguments
    {
        public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

        /// <summary>
        /// Quotes one argument: inside double quotes, a quote is written \" and the backslashes that
        /// precede a quote (or the closing quote) are doubled; other backslashes stand for themselves.
        /// </summary>
        public static string Quote(string argument)
        {
            var quoted = new StringBuilder(argument.Length + 2);
            quoted.Append('"');
            int backslashes = 0;
            foreach (char c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                if (c == '"')
                {
                    quoted.Append('\\', backslashes * 2 + 1);
                }
                else
                {
                    quoted.Append('\\', backslashes);
                }

                backslashes = 0;
                quoted.Append(c);
            }

            quoted.Append('\\', backslashes * 2);
            quoted.Append('"');
            return quoted.ToString();
        }
    }
}
