using System;
using System.Collections.Generic;
using static NetUsageTracker.Processes.Linux.LinuxNative;

namespace NetUsageTracker.Processes.Linux
{
    /// <summary>
    /// Which process holds a socket: the socket's inode appears as a "socket:[inode]" link under
    /// /proc/&lt;pid&gt;/fd. Answers are cached per inode for the socket's life, so only sockets that are new
    /// since the last read cost a walk of /proc, and one walk serves all of them. Inodes the walk cannot
    /// find (another user's process when not root) are remembered as unowned and not looked up again.
    /// The walk uses opendir/readdir/readlink on stack buffers: no exception for a directory it may not
    /// read, no string per file descriptor.
    /// </summary>
    internal sealed unsafe class ProcSocketOwners
    {
        private readonly Dictionary<ulong, Owner> _owners = new Dictionary<ulong, Owner>();
        private readonly HashSet<ulong> _wanted = new HashSet<ulong>();
        private readonly List<ulong> _stale = new List<ulong>();
        private readonly List<int> _pids = new List<int>();
        private readonly HashSet<int> _likely = new HashSet<int>();
        private readonly List<int> _holders = new List<int>();
        private int _highestPid;
        private readonly byte[] _procRoot;
        private int _generation;

        public ProcSocketOwners(string procRoot = "/proc")
        {
            _procRoot = System.Text.Encoding.ASCII.GetBytes(procRoot + "/");
        }

        /// <summary>How many /proc walks have run (tests and the benchmark check the cache works).</summary>
        public int Walks { get; private set; }

        /// <summary>How many descriptor links the walks have read (each costs a system call).</summary>
        public long LinksRead { get; private set; }

        /// <summary>Sets <see cref="FlowSample.ProcessId"/> of every flow of <paramref name="table"/> that has an inode.</summary>
        [System.Runtime.CompilerServices.MethodImpl(LinuxNative.Optimized)]
        public void Resolve(FlowTable table)
        {
            _generation++;
            _wanted.Clear();
            for (int i = 0; i < table.Count; i++)
            {
                ref FlowSample flow = ref table[i];
                if (flow.Inode == 0)
                {
                    continue;
                }

                if (_owners.TryGetValue(flow.Inode, out Owner? owner))
                {
                    owner.Seen = _generation;
                    flow.ProcessId = owner.ProcessId;
                }
                else
                {
                    _wanted.Add(flow.Inode);
                }
            }

            if (_wanted.Count > 0)
            {
                Walk();
                for (int i = 0; i < table.Count; i++)
                {
                    ref FlowSample flow = ref table[i];
                    if (flow.Inode != 0 && flow.ProcessId < 0 && _owners.TryGetValue(flow.Inode, out Owner? owner))
                    {
                        flow.ProcessId = owner.ProcessId;
                    }
                }
            }

            Sweep();
        }

        /// <summary>Drops the inodes that were not in this read: their sockets are gone.</summary>
        [System.Runtime.CompilerServices.MethodImpl(LinuxNative.Optimized)]
        private void Sweep()
        {
            _stale.Clear();
            foreach (KeyValuePair<ulong, Owner> pair in _owners)
            {
                if (pair.Value.Seen != _generation)
                {
                    _stale.Add(pair.Key);
                }
            }

            foreach (ulong inode in _stale)
            {
                _owners.Remove(inode);
            }
        }

        /// <summary>
        /// One walk of /proc/*/fd for every wanted inode; what it does not find is unowned. The likely owners
        /// come first: processes newer than the last walk's newest (a download tool just started, a forked
        /// worker), which hold few descriptors, then processes that hold a known socket now (a browser
        /// opening another connection), which may hold thousands, so a new socket usually
        /// costs a few processes' descriptors, not every process's; the rest are walked only for what is
        /// still missing.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(LinuxNative.Optimized)]
        private void Walk()
        {
            Walks++;
            byte* path = stackalloc byte[128];
            byte* link = stackalloc byte[64];
            int rootLength = _procRoot.Length;
            for (int i = 0; i < rootLength; i++)
            {
                path[i] = _procRoot[i];
            }

            path[rootLength] = 0;
            IntPtr proc = opendir(path);
            if (proc == IntPtr.Zero)
            {
                MarkRestUnowned();
                return;
            }

            _pids.Clear();
            try
            {
                byte* entry;
                while ((entry = readdir(proc)) != null)
                {
                    if (TryParseNumber(entry + DirentNameOffset, out long pid))
                    {
                        _pids.Add((int)pid);
                    }
                }
            }
            finally
            {
                closedir(proc);
            }

            // Newest first: a process started since the last walk (a download tool, a forked worker) holds
            // few descriptors, while the processes that hold known sockets may hold thousands.
            int highest = _highestPid;
            int found = 0;
            _likely.Clear();
            // /proc lists processes by ID, oldest first; the newest are walked first (IDs wrap rarely).
            for (int n = _pids.Count - 1; n >= 0; n--)
            {
                int pid = _pids[n];
                if (pid > _highestPid)
                {
                    _likely.Add(pid);
                    highest = Math.Max(highest, pid);
                    if (found < _wanted.Count)
                    {
                        found += WalkProcess(pid, path, rootLength, link);
                    }
                }
            }

            _highestPid = highest;
            _holders.Clear();
            foreach (Owner owner in _owners.Values)
            {
                if (owner.ProcessId >= 0 && _likely.Add(owner.ProcessId))
                {
                    _holders.Add(owner.ProcessId); // walked after the loop: a walk adds owners
                }
            }

            foreach (int pid in _holders)
            {
                if (found >= _wanted.Count)
                {
                    break;
                }

                found += WalkProcess(pid, path, rootLength, link);
            }

            foreach (int pid in _pids)
            {
                if (found >= _wanted.Count)
                {
                    break;
                }

                if (!_likely.Contains(pid))
                {
                    found += WalkProcess(pid, path, rootLength, link);
                }
            }

            MarkRestUnowned();
        }

        [System.Runtime.CompilerServices.MethodImpl(LinuxNative.Optimized)]
        private int WalkProcess(int pid, byte* path, int rootLength, byte* link)
        {
            int length = rootLength;
            length = Append(path, length, pid);
            length = Append(path, length, "/fd/");
            path[length] = 0;
            IntPtr fds = opendir(path);
            if (fds == IntPtr.Zero)
            {
                return 0; // gone, or another user's process
            }

            int found = 0;
            try
            {
                byte* entry;
                while ((entry = readdir(fds)) != null)
                {
                    if (!TryParseNumber(entry + DirentNameOffset, out long fd))
                    {
                        continue;
                    }

                    int end = Append(path, length, (int)fd);
                    path[end] = 0;
                    long linkLength = (long)readlink(path, link, (UIntPtr)64);
                    LinksRead++;
                    if (linkLength > 9 && TryParseSocketLink(link, (int)linkLength, out ulong inode) && _wanted.Contains(inode) && !_owners.ContainsKey(inode))
                    {
                        _owners[inode] = new Owner(pid, _generation);
                        found++;
                    }
                }
            }
            finally
            {
                closedir(fds);
            }

            return found;
        }

        private void MarkRestUnowned()
        {
            foreach (ulong inode in _wanted)
            {
                if (!_owners.ContainsKey(inode))
                {
                    _owners[inode] = new Owner(-1, _generation);
                }
            }
        }

        /// <summary>The same, from text (tests).</summary>
        internal static bool TryParseSocketLink(string link, out ulong inode)
        {
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(link);
            fixed (byte* p = bytes)
            {
                return TryParseSocketLink(p, bytes.Length, out inode);
            }
        }

        /// <summary>"socket:[12345]" → 12345.</summary>
        internal static bool TryParseSocketLink(byte* link, int length, out ulong inode)
        {
            inode = 0;
            const string prefix = "socket:[";
            if (length < prefix.Length + 2 || link[length - 1] != (byte)']')
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                if (link[i] != prefix[i])
                {
                    return false;
                }
            }

            for (int i = prefix.Length; i < length - 1; i++)
            {
                int digit = link[i] - '0';
                if ((uint)digit > 9)
                {
                    inode = 0;
                    return false;
                }

                inode = inode * 10 + (ulong)digit;
            }

            return true;
        }

        private static bool TryParseNumber(byte* name, out long value)
        {
            value = 0;
            if (*name == 0)
            {
                return false;
            }

            for (; *name != 0; name++)
            {
                int digit = *name - '0';
                if ((uint)digit > 9)
                {
                    return false;
                }

                value = value * 10 + digit;
            }

            return true;
        }

        private static int Append(byte* buffer, int at, int number)
        {
            byte* digits = stackalloc byte[12];
            int count = 0;
            do
            {
                digits[count++] = (byte)('0' + number % 10);
                number /= 10;
            }
            while (number > 0);

            while (count > 0)
            {
                buffer[at++] = digits[--count];
            }

            return at;
        }

        private static int Append(byte* buffer, int at, string text)
        {
            foreach (char c in text)
            {
                buffer[at++] = (byte)c;
            }

            return at;
        }

        private sealed class Owner
        {
            public Owner(int processId, int seen)
            {
                ProcessId = processId;
                Seen = seen;
            }

            public int ProcessId { get; }

            public int Seen { get; set; }
        }
    }
}
