using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace NetUsageTracker.WindowsLane
{
    /// <summary>
    /// As pwsh.exe: PowerShell's console host. Under any other file name (the lane copies it to
    /// schtasks.exe and powershell.exe in a stand-in SystemRoot) the same executable is a stand-in
    /// program that records how it was started (see <see cref="StandIn"/>).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string name = Path.GetFileNameWithoutExtension(Environment.ProcessPath ?? "pwsh");
            return string.Equals(name, "pwsh", StringComparison.OrdinalIgnoreCase) ? StartPowerShell(args) : StandIn.Run(name, args);
        }

        // Apart, so that a stand-in's start never loads PowerShell's assemblies.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int StartPowerShell(string[] args) => Microsoft.PowerShell.UnmanagedPSEntry.Start(args, args.Length);
    }
}
