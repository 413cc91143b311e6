using System;

namespace NetUsageTracker.Processes
{
    /// <summary>
    /// Reads the flows of this machine with their owners and cumulative counters: one implementation per
    /// platform (inet_diag on Linux, IP Helper or ETW on Windows, nettop on macOS), chosen at start-up.
    /// </summary>
    public interface IFlowSource : IDisposable
    {
        /// <summary>What the figures come from, for people ("inet_diag (TCP)", "ETW Kernel-Network").</summary>
        string Name { get; }

        /// <summary>The protocols whose bytes the counters cover; other traffic stays in the remainder.</summary>
        FlowProtocols Coverage { get; }

        /// <summary>Whether the source sees every user's processes (elevated) or only the caller's.</summary>
        bool SeesAllUsers { get; }

        /// <summary>Whether counters hold the link-layer header already (then the sampler adds none).</summary>
        bool CountsLinkHeaders { get; }

        /// <summary>A sentence on what the source cannot see here, or null when nothing is missing.</summary>
        string? Limitation { get; }

        /// <summary>Fills <paramref name="table"/> with the current flows.</summary>
        void Read(FlowTable table);

        /// <summary>Name, path and user of a process the source reported.</summary>
        ProcessIdentity? Describe(int processId);

        /// <summary>The name of a user by numeric ID (Unix), or the number as text.</summary>
        string UserName(long userId);

        /// <summary>Forgets what the source cached about a process that has gone.</summary>
        void Forget(int processId);
    }

    /// <summary>Who a process is: name, executable path where readable, user.</summary>
    public sealed class ProcessIdentity
    {
        public ProcessIdentity(int processId, string name, string? path, string? userName)
        {
            ProcessId = processId;
            Name = name;
            Path = path;
            UserName = userName;
        }

        public int ProcessId { get; }

        public string Name { get; }

        /// <summary>Null where the executable's path cannot be read (another user's process, a kernel thread).</summary>
        public string? Path { get; }

        public string? UserName { get; }
    }
}
