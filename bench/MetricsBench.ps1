#Requires -Version 7.0
<#
.SYNOPSIS
    What writing the metrics adds to a recording: Update-NetUsageHistory beside the metrics step a recorder takes
    after it, on a history of a month of five-minute traffic of three interfaces.

.DESCRIPTION
    Self-contained: imports the built module (./build.ps1 -Task Build first), works in a temporary folder (or
    writes the metrics file into -MetricsFolder, to compare file systems), prints
    a small table and writes the figures as JSON to out/bench/metrics.json. Each round records once through the
    cmdlet, then does what a recorder does after its recording, on the database it has open and the counters it
    has read: one plan's quota, the families, the text, and the file written and renamed into place. Medians
    after a warm-up. Target: the metrics step at most 2 ms.
#>
[CmdletBinding()]
param(
    [string] $ModulePath,

    # Where the JSON goes (out/bench by default).
    [string] $OutDirectory,
    [int] $Iterations = 200,
    [int] $Days = 30,

    # Where the metrics file goes (the temporary folder by default).
    [string] $MetricsFolder
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
if (-not $ModulePath) {
    $version = (Import-PowerShellDataFile (Join-Path $root 'NetUsageTracker.psd1')).ModuleVersion
    $ModulePath = Join-Path $root "out/NetUsageTracker/$version/NetUsageTracker.psd1"
}
Import-Module $ModulePath -Force

function Get-Percentile {
    param([double[]] $Values, [double] $Fraction)
    $sorted = $Values | Sort-Object
    [math]::Round($sorted[[int][math]::Floor(($sorted.Count - 1) * $Fraction)], 3)
}

$folder = Join-Path ([IO.Path]::GetTempPath()) ("nut-metrics-bench-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $folder | Out-Null
$database = $null
try {
    # A month of five-minute readings of three interfaces, imported, then this machine recorded into the same file.
    $path = Join-Path $folder 'usage.db'
    $lines = [System.Collections.Generic.List[NetUsageTracker.History.LoggedReading]]::new()
    $start = [DateTime]::UtcNow.AddDays(-$Days)
    $counter = [uint64]0
    for ($step = 0; $step -le $Days * 288; $step++) {
        $counter += 3MB
        foreach ($name in 'wan0', 'wlan0', 'wwan0') {
            $reading = [NetUsageTracker.History.CounterReading]::new($name, $counter, [uint64]($counter / 10))
            $lines.Add([NetUsageTracker.History.LoggedReading]::new($start.AddMinutes(5 * $step), $reading))
        }
    }
    $database = [NetUsageTracker.History.HistoryDatabase]::Open($path, $true, $null)
    $null = [NetUsageTracker.History.HistoryImporter]::new($database, $null).Import($lines, [DateTime]::UtcNow, $null)
    Update-NetUsageHistory -Path $path

    $recorded = [NetUsageTracker.History.HistoryReader]::new($database, $null).Interfaces() | ForEach-Object Name
    $selected = [System.Collections.Generic.HashSet[string]]::new([string[]]@($recorded))
    $includes = [Func[string, bool]] $selected.Contains
    $plan = [NetUsageTracker.Metrics.QuotaPlan]::new('home', 500GB, 'Month', 1, 'Total', $includes, ($recorded -join ','))
    $file = Join-Path $(if ($MetricsFolder) { $MetricsFolder } else { $folder }) 'netusagetracker.prom'
    $sampler = [NetUsageTracker.Commands.ModuleState]::GetSampler()

    $recording = [System.Collections.Generic.List[double]]::new()
    $metrics = [System.Collections.Generic.List[double]]::new()
    $writing = [System.Collections.Generic.List[double]]::new()
    $warmUp = [math]::Min(20, $Iterations)
    $clock = [System.Diagnostics.Stopwatch]::new()
    for ($i = 0; $i -lt $warmUp + $Iterations; $i++) {
        $clock.Restart()
        Update-NetUsageHistory -Path $path
        $recordingMs = $clock.Elapsed.TotalMilliseconds
        # The counters the recording read; outside the timing, as the recorder has them already.
        $snapshot = $sampler.TakeSnapshot()

        $clock.Restart()
        $reader = [NetUsageTracker.History.HistoryReader]::new($database, $null)
        $sources = [NetUsageTracker.Metrics.MetricsSources]::new($snapshot.UtcTime)
        $sources.Counters = $snapshot
        $sources.Includes = $includes
        $sources.Plans.Add($plan.Compute($reader, $null, $snapshot.UtcTime, $null))
        $text = [NetUsageTracker.Metrics.ExpositionText]::Write([NetUsageTracker.Metrics.UsageMetrics]::Build($database, $sources))
        $builtMs = $clock.Elapsed.TotalMilliseconds
        [NetUsageTracker.Metrics.MetricsFile]::Write($file, $text, $false)
        $metricsMs = $clock.Elapsed.TotalMilliseconds

        if ($i -ge $warmUp) {
            $recording.Add($recordingMs)
            $metrics.Add($metricsMs)
            $writing.Add($metricsMs - $builtMs)
        }
    }

    $result = [pscustomobject]@{
        Days = $Days
        Interfaces = $recorded.Count
        Iterations = $Iterations
        RecordingMedianMs = Get-Percentile $recording 0.5
        MetricsMedianMs = Get-Percentile $metrics 0.5
        MetricsP95Ms = Get-Percentile $metrics 0.95
        # Of the metrics step, the file: written, reserved and renamed into place.
        FileWriteMedianMs = Get-Percentile $writing 0.5
        MetricsFileBytes = (Get-Item -LiteralPath $file).Length
        TargetMs = 2
    }
    $result | Add-Member -NotePropertyName Pass -NotePropertyValue ($result.MetricsMedianMs -le $result.TargetMs)
    $result | Format-List | Out-Host

    if (-not $OutDirectory) { $OutDirectory = Join-Path $root 'out/bench' }
    New-Item -ItemType Directory -Path $OutDirectory -Force | Out-Null
    $result | ConvertTo-Json | Set-Content -Path (Join-Path $OutDirectory 'metrics.json')
}
finally {
    if ($database) { $database.Dispose() }
    if ($MetricsFolder) { Remove-Item -LiteralPath (Join-Path $MetricsFolder 'netusagetracker.prom') -ErrorAction SilentlyContinue }
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
}
