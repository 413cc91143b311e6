using System;
using System.IO;
using NetUsageTracker.Processes;
using NetUsageTracker.Processes.Linux;
using Xunit;

namespace NetUsageTracker.Tests.Processes
{
    /// <summary>The socket-owner look-up on a /proc of the test's own (real directories and symbolic links in a temporary folder).</summary>
    public sealed class ProcSocketOwnersTests : IDisposable
    {
        private readonly string _proc = Path.Combine(Path.GetTempPath(), "nut-proc-" + Guid.NewGuid().ToString("N"));

        public ProcSocketOwnersTests() => Directory.CreateDirectory(_proc);

        public void Dispose() => Directory.Delete(_proc, recursive: true);

        private void Socket(int pid, int fd, ulong inode)
        {
            string folder = Path.Combine(_proc, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "fd");
            Directory.CreateDirectory(folder);
            File.CreateSymbolicLink(Path.Combine(folder, fd.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"socket:[{inode}]");
        }

        private static FlowTable Table(params ulong[] inodes)
        {
            var table = new FlowTable();
            foreach (ulong inode in inodes)
            {
                table.Add() = new FlowSample { Key = inode, Inode = inode, ProcessId = -1 };
            }

            return table;
        }

        [LinuxFact]
        public void NewSocketsOfKnownAndOfNewProcessesAreFoundAndOthersStayUnowned()
        {
            Socket(10, 3, 100);
            Socket(20, 3, 200);
            Socket(30, 4, 999);
            var owners = new ProcSocketOwners(_proc);
            FlowTable first = Table(100, 200);
            owners.Resolve(first);
            Assert.Equal(10, first[0].ProcessId);
            Assert.Equal(20, first[1].ProcessId);

            // A known process opens another socket, a new process (a higher ID) one of its own, an old process
            // that held none before a third; a fourth socket belongs to nobody the walk can read.
            Socket(10, 5, 101);
            Socket(40, 3, 400);
            Socket(5, 7, 500);
            FlowTable second = Table(100, 200, 101, 400, 500, 777);
            owners.Resolve(second);

            Assert.Equal(new[] { 10, 20, 10, 40, 5, -1 }, new[] { second[0].ProcessId, second[1].ProcessId, second[2].ProcessId, second[3].ProcessId, second[4].ProcessId, second[5].ProcessId });
            Assert.Equal(2, owners.Walks);
        }
    
        [LinuxFact]
        public void ASocketOfANewProcessCostsItsDescriptorsNotThoseOfProcessesHoldingThousands()
        {
            // A process holds 1,000 known sockets; a worker forked since the last read opens one socket.
            for (int fd = 0; fd < 1000; fd++)
            {
                Socket(10, fd, 1000 + (ulong)fd);
            }

            var owners = new ProcSocketOwners(_proc);
            var known = new ulong[1000];
            for (int i = 0; i < known.Length; i++)
            {
                known[i] = 1000 + (ulong)i;
            }

            owners.Resolve(Table(known));
            Socket(11, 3, 5000);
            long before = owners.LinksRead;
            var withNew = new ulong[1001];
            Array.Copy(known, withNew, known.Length);
            withNew[1000] = 5000;
            FlowTable second = Table(withNew);
            owners.Resolve(second);

            Assert.Equal(11, second[1000].ProcessId);
            Assert.Equal(1, owners.LinksRead - before);
        }
    }
}
