using System.Management.Automation;

namespace NetUsageTracker.Bench.Minimal
{
    /// <summary>The one cmdlet of the minimal module: writes a number.</summary>
    [Cmdlet(VerbsCommon.Get, "BenchMinimal")]
    [OutputType(typeof(int))]
    public sealed class GetBenchMinimalCommand : PSCmdlet
    {
        protected override void EndProcessing() => WriteObject(1);
    }
}
