using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NetUsageTracker.WindowsLane
{
    /// <summary>
    /// A stand-in for a Windows program that cannot run here (Wine's schtasks.exe and powershell.exe are
    /// stubs that print nothing). Each start appends one JSON line to $env:NETUSAGETRACKER_STANDIN_LOG:
    /// the program, the exact command line, the arguments, the text of every argument that names a file
    /// (schtasks deletes its /XML file once it returns), standard input, and the NETUSAGETRACKER_*
    /// environment. The answer to exactly these arguments comes from
    /// $env:NETUSAGETRACKER_STANDIN_REPLIES/&lt;program&gt;-&lt;key&gt;.txt (key: the first 16 hex digits of the
    /// SHA-256 of the arguments joined by newlines, in UTF-8): the exit code on the first line, then what
    /// to print. Without a reply it prints nothing and exits 0, as Wine's stubs do.
    /// </summary>
    internal static class StandIn
    {
        public static int Run(string program, string[] args)
        {
            string input = Console.IsInputRedirected ? Console.In.ReadToEnd() : "";
            string? log = Environment.GetEnvironmentVariable("NETUSAGETRACKER_STANDIN_LOG");
            if (!string.IsNullOrEmpty(log))
            {
                File.AppendAllText(log, Record(program, args, input) + "\n", new UTF8Encoding(false));
            }

            string? replies = Environment.GetEnvironmentVariable("NETUSAGETRACKER_STANDIN_REPLIES");
            string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", args)))).Substring(0, 16).ToLowerInvariant();
            string reply = string.IsNullOrEmpty(replies) ? "" : Path.Combine(replies, $"{program.ToLowerInvariant()}-{key}.txt");
            if (reply.Length == 0 || !File.Exists(reply))
            {
                return 0;
            }

            string text = File.ReadAllText(reply);
            int newline = text.IndexOf('\n');
            string first = newline < 0 ? text : text.Substring(0, newline);
            Console.Out.Write(newline < 0 ? "" : text.Substring(newline + 1));
            Console.Out.Flush();
            return int.Parse(first.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        // The command line exactly as the parent passed it (Environment.CommandLine is rebuilt from argv).
        [DllImport("kernel32.dll", ExactSpelling = true)]
        private static extern IntPtr GetCommandLineW();

        private static string Record(string program, string[] args, string input)
        {
            var files = new Dictionary<string, string>();
            foreach (string argument in args)
            {
                if (argument.Length > 0 && argument.IndexOfAny(Path.GetInvalidPathChars()) < 0 && File.Exists(argument))
                {
                    files[argument] = File.ReadAllText(argument);
                }
            }

            var environment = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                string key = (string)variable.Key;
                if (key.StartsWith("NETUSAGETRACKER_", StringComparison.OrdinalIgnoreCase) && !key.StartsWith("NETUSAGETRACKER_STANDIN_", StringComparison.OrdinalIgnoreCase))
                {
                    environment[key] = (string?)variable.Value;
                }
            }

            return JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["Program"] = program,
                ["Path"] = Environment.ProcessPath ?? "",
                ["CommandLine"] = Marshal.PtrToStringUni(GetCommandLineW()) ?? "",
                ["Arguments"] = args,
                ["Files"] = files,
                ["Input"] = input,
                ["Environment"] = environment,
            });
        }
    }
}
