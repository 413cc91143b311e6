using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace NetUsageTracker.Tests.Scheduling
{
    /// <summary>Paths that break naive quoting, and a real program that prints the argv it received.</summary>
    internal static class AdversarialPaths
    {
        public static readonly string[] Unix =
        {
            "/opt/microsoft/powershell/7/Modules/NetUsageTracker/NetUsageTracker.psd1",
            "/home/o'brien/My Data/usage.db",
            "/home/user/50% off/%h/%%/usage.db",
            "/home/user/$HOME/${PATH}/$(id)/`id`/usage.db",
            "/home/user/\"quoted\"/back\\slash\\/usage.db",
            "/home/user/smart \u2018single\u2019 \u201Cdouble\u201D/usage.db",
            "/home/user/semi;colon & amp | pipe > gt < lt * star ? q [x]/usage.db",
            "/home/user/trailing backslash\\",
            "/home/user/tab\tand newline\nin name/usage.db",
            "/home/user/#hash # comment/usage.db",
        };

        public static readonly string[] Windows =
        {
            @"C:\Program Files\PowerShell\7\Modules\NetUsageTracker\0.1.0\NetUsageTracker.psd1",
            @"C:\Users\O'Brien\OneDrive - Contoso\Documents\usage.db",
            @"C:\Users\me\50% off\%USERPROFILE%\%%\usage.db",
            @"C:\Users\me\$env:TEMP\$(whoami)\`t\usage.db",
            @"\\server\share\with space\usage.db",
            @"C:\Users\me\trailing\",
            "C:\\Users\\me\\smart \u2018it\u2019s\u201B\\usage.db",
            @"C:\Users\me\semi;colon & amp (paren) [bracket] {brace}\usage.db",
        };

        public static IEnumerable<object[]> UnixCases() => Unix.Select(p => new object[] { p });

        public static IEnumerable<object[]> WindowsCases() => Windows.Select(p => new object[] { p });

        /// <summary>A shell script, in a folder whose name needs quoting, that prints its arguments NUL-separated.</summary>
        public static string ArgvPrinter()
        {
            string folder = Path.Combine(Path.GetTempPath(), "nut argv 'printer' $x %y");
            Directory.CreateDirectory(folder);
            string script = Path.Combine(folder, "print argv.sh");
            if (!File.Exists(script))
            {
                File.WriteAllText(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done\n");
                Process.Start("chmod", $"+x \"{script}\"")!.WaitForExit();
            }

            return script;
        }

        /// <summary>Runs a program and splits what it printed at NULs.</summary>
        public static string[] Run(string program, string arguments)
        {
            var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return output.Length == 0 ? new string[0] : output.TrimEnd('\0').Split('\0');
        }
    }
}
