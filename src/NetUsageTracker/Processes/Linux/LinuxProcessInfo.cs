using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using static NetUsageTracker.Processes.Linux.LinuxNative;

namespace NetUsageTracker.Processes.Linux
{
    /// <summary>
    /// Name, executable and user of a Linux process from /proc/&lt;pid&gt;: comm, the exe link (unreadable
    /// for another user's process unless root: then null) and the real UID of status, named through the
    /// system's user database (getpwuid_r, so LDAP and systemd-homed users are named too).
    /// </summary>
    internal static unsafe class LinuxProcessInfo
    {
        private static readonly Dictionary<long, string> UserNames = new Dictionary<long, string>();

        public static ProcessIdentity? Describe(int pid, string procRoot = "/proc")
        {
            string directory = $"{procRoot}/{pid}";
            string? name = ReadText($"{directory}/comm");
            if (name == null)
            {
                return null; // gone
            }

            long uid = ReadUid($"{directory}/status");
            return new ProcessIdentity(pid, name.TrimEnd('\n'), ReadExecutable($"{directory}/exe"), uid >= 0 ? UserName(uid) : null);
        }

        /// <summary>The login name of a UID, or the number when the user database has no entry.</summary>
        public static string UserName(long uid)
        {
            lock (UserNames)
            {
                if (!UserNames.TryGetValue(uid, out string? name))
                {
                    name = LookUp((uint)uid) ?? uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    UserNames[uid] = name;
                }

                return name;
            }
        }

        private static string? LookUp(uint uid)
        {
            const int size = 16384;
            byte* buffer = stackalloc byte[size];
            byte* passwd = stackalloc byte[128]; // struct passwd is 48 bytes on 64-bit
            void* result = null;
            if (getpwuid_r(uid, passwd, buffer, (UIntPtr)size, &result) != 0 || result == null)
            {
                return null;
            }

            byte* text = *(byte**)passwd;
            int length = 0;
            while (text[length] != 0)
            {
                length++;
            }

            return Encoding.UTF8.GetString(text, length);
        }

        private static string? ReadText(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static long ReadUid(string statusPath)
        {
            string? status = ReadText(statusPath);
            if (status == null)
            {
                return -1;
            }

            int at = status.IndexOf("\nUid:", StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }

            int start = at + 5;
            while (start < status.Length && (status[start] == '\t' || status[start] == ' '))
            {
                start++;
            }

            long uid = 0;
            int i = start;
            for (; i < status.Length && status[i] >= '0' && status[i] <= '9'; i++)
            {
                uid = uid * 10 + (status[i] - '0');
            }

            return i > start ? uid : -1;
        }

        private static string? ReadExecutable(string link)
        {
            byte[] path = Encoding.UTF8.GetBytes(link + "\0");
            byte* target = stackalloc byte[4096];
            long length;
            fixed (byte* p = path)
            {
                length = (long)readlink(p, target, (UIntPtr)4096);
            }

            if (length <= 0)
            {
                return null;
            }

            string text = Encoding.UTF8.GetString(target, (int)length);
            const string deleted = " (deleted)";
            return text.EndsWith(deleted, StringComparison.Ordinal) ? text.Substring(0, text.Length - deleted.Length) : text;
        }
    }
}
