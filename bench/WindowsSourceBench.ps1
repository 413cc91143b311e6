# The Windows counter source (iphlpapi's GetIfTable2) against .NET's API (GetAllNetworkInterfaces plus one
# GetIPStatistics per interface, the fallback), side by side in one PowerShell for Windows. Run through the
# Windows lane: dotnet pwsh ./build.ps1 -Task Bench -Section Windows. Under Wine both calls are served from
# the Linux kernel by Wine's own iphlpapi: the ratio says how the two code paths compare there, not what a
# Windows machine measures.
param(
    # A few short rounds, to check that the benchmark runs (its figures are not to quote).
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Import-Module NetUsageTracker

$rounds = if ($Quick) { 3 } else { 15 }
$reads = if ($Quick) { 20 } else { 200 }

$windows = [NetUsageTracker.Sampling.Windows.IpHelperCounterSource]::TryCreate()
if (-not $windows) { throw 'GetIfTable2 cannot be read in this process: this benchmark runs on Windows (or in the Windows lane).' }
$dotnet = [NetUsageTracker.Sampling.NetworkInformationCounterSource]::new()
$empty = [NetUsageTracker.Sampling.CounterSnapshot]::new(1)

# The same call as Read(snapshot) without the work: what PowerShell's method call itself costs per read.
$floor = [pscustomobject]@{ Name = "PowerShell's call (the floor)"; Read = { param($snapshot) $snapshot.CopyFrom($empty) } }
$candidates = @(
    $floor
    [pscustomobject]@{ Name = "$($windows.Name) (this module)"; Read = { param($snapshot) $windows.Read($snapshot) } }
    [pscustomobject]@{ Name = '.NET GetAllNetworkInterfaces + GetIPStatistics'; Read = { param($snapshot) $dotnet.Read($snapshot) } }
)

function Measure-Reads {
    # Microseconds and bytes allocated per read over one batch, after a warm-up.
    param($Candidate, [int] $Count)
    $snapshot = [NetUsageTracker.Sampling.CounterSnapshot]::new(16)
    $read = $Candidate.Read
    foreach ($warmUp in 1..10) { & $read $snapshot }
    $allocated = [GC]::GetAllocatedBytesForCurrentThread()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    foreach ($i in 1..$Count) { & $read $snapshot }
    $clock.Stop()
    [pscustomobject]@{
        Microseconds = $clock.Elapsed.TotalMilliseconds * 1000 / $Count
        Bytes = ([GC]::GetAllocatedBytesForCurrentThread() - $allocated) / $Count
    }
}

function Get-Median {
    param([double[]] $Values)
    $sorted = $Values | Sort-Object
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function Get-Quartile {
    param([double[]] $Values, [double] $Fraction)
    $sorted = @($Values | Sort-Object)
    $sorted[[int][Math]::Floor(($sorted.Count - 1) * $Fraction)]
}

$samples = @{}
foreach ($candidate in $candidates) { $samples[$candidate.Name] = [Collections.Generic.List[object]]::new() }
# Rounds in rotating order, so a slow moment of a shared machine falls on each candidate alike.
for ($round = 0; $round -lt $rounds; $round++) {
    for ($i = 0; $i -lt $candidates.Count; $i++) {
        $candidate = $candidates[($round + $i) % $candidates.Count]
        $samples[$candidate.Name].Add((Measure-Reads $candidate $reads))
    }
}

$floorMedian = Get-Median $samples[$floor.Name].Microseconds
$rows = foreach ($candidate in $candidates) {
    $times = [double[]]$samples[$candidate.Name].Microseconds
    $median = Get-Median $times
    [pscustomobject]@{
        Name = $candidate.Name
        MedianMicroseconds = [Math]::Round($median, 2)
        Spread = '±{0:0.0}%' -f (100 * ((Get-Quartile $times 0.75) - (Get-Quartile $times 0.25)) / 2 / $median)
        WithoutFloor = [Math]::Round($median - $floorMedian, 2)
        BytesPerRead = [Math]::Round((Get-Median ([double[]]$samples[$candidate.Name].Bytes)), 0)
    }
}
foreach ($row in $rows) {
    $row | Add-Member -NotePropertyName BytesWithoutFloor -NotePropertyValue ([Math]::Max(0, $row.BytesPerRead - $rows[0].BytesPerRead))
}

$wine = Test-Path 'HKLM:\Software\Wine'
Write-Host ("NetUsageTracker {0} in PowerShell {1} for Windows, {2}{3}; {4} rounds of {5} reads each, medians" -f (Get-Module NetUsageTracker).Version,
    $PSVersionTable.PSVersion, [Environment]::OSVersion.VersionString, $(if ($wine) { ', under Wine' }), $rounds, $reads)
$rows | Format-Table -AutoSize | Out-String -Width 200 | ForEach-Object Trim | Write-Host
$windowsRow = $rows[1]
$dotnetRow = $rows[2]
$ratio = $dotnetRow.WithoutFloor / [Math]::Max(0.01, $windowsRow.WithoutFloor)
Write-Host ('GetIfTable2 is {0:0.0}x faster than .NET''s API per read ({1:0.0}x with PowerShell''s call included).' -f $ratio, ($dotnetRow.MedianMicroseconds / $windowsRow.MedianMicroseconds))
if ($wine) {
    Write-Host 'Wine is not Windows: both calls are served by Wine''s iphlpapi from the Linux kernel here; a Windows machine has its own figures.'
}
$dotnet.Dispose()
$windows.Dispose()
