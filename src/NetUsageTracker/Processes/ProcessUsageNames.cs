namespace NetUsageTracker.Processes
{
    /// <summary>The names people see for the rows of per-process usage: the cmdlets, the live view and the history alike.</summary>
    public static class ProcessUsageNames
    {
        public const string OtherUsers = "Other users";
        public const string Unattributed = "Unattributed";
        public const string OtherProcesses = "Other processes";

        /// <summary>A row's name: the process's, "(exited PID)" for one that went before it could be read, or the remainder's.</summary>
        public static string Of(TrafficOwner owner, ProcessIdentity? identity) => owner.Kind switch
        {
            ProcessUsageKind.OtherUser => OtherUsers,
            ProcessUsageKind.Unattributed => Unattributed,
            ProcessUsageKind.OtherProcesses => OtherProcesses,
            _ => identity?.Name ?? $"(exited {owner.Id})",
        };
    }
}
