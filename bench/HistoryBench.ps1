#Requires -Version 7.0
<#
.SYNOPSIS
    Benchmarks the usage history: Update-NetUsageHistory in-process, then a year of five-minute
    recordings for three interfaces written through the real recording path, queried by month and by day.

.DESCRIPTION
    Self-contained: imports the built module (./build.ps1 -Task Build first), works on a temporary
    database, prints a small table and writes the figures as JSON to out/bench/history.json.
    Targets: Update-NetUsageHistory < 2 ms, each query < 200 ms, database < 20 MB, the quick_check every
    writer runs first < 50 ms on that year's file (and its ratio to one recording beside it).
#>
[CmdletBinding()]
param(
    [string] $ModulePath,

    # Where the JSON goes (out/bench by default).
    [string] $OutDirectory,
    [int] $UpdateIterations = 300,
    [int] $QueryIterations = 20,
    [int] $Days = 365,

    # Keep every roll-up for ever (no pruning): the worst case for size and query time.
    [switch] $KeepEverything
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
if (-not $ModulePath) {
    $version = (Import-PowerShellDataFile (Join-Path $root 'NetUsageTracker.psd1')).ModuleVersion
    $ModulePath = Join-Path $root "out/NetUsageTracker/$version/NetUsageTracker.psd1"
}
Import-Module $ModulePath -Force

function Measure-Median {
    # Runs $Action $Count times and returns the median and 95th percentile in milliseconds.
    param([scriptblock] $Action, [int] $Count)
    $times = [System.Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Count; $i++) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        & $Action | Out-Null
        $times.Add($clock.Elapsed.TotalMilliseconds)
    }
    $sorted = $times | Sort-Object
    [pscustomobject]@{
        Median = [math]::Round($sorted[[int][math]::Floor($Count / 2)], 3)
        P95 = [math]::Round($sorted[[int][math]::Floor($Count * 0.95)], 3)
    }
}

$folder = Join-Path ([IO.Path]::GetTempPath()) ("nut-bench-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $folder | Out-Null
try {
    # 1. The cmdlet as a scheduled task or a script calls it: one snapshot, one transaction.
    $live = Join-Path $folder 'live.db'
    Update-NetUsageHistory -Path $live
    1..20 | ForEach-Object { Update-NetUsageHistory -Path $live }
    $update = Measure-Median -Count $UpdateIterations -Action { Update-NetUsageHistory -Path $live }

    # 2. A year of five-minute recordings of three interfaces, through HistoryRecorder.Record (the code
    #    the cmdlet runs inside its transaction), with a steady clock and growing counters.
    $year = Join-Path $folder 'year.db'
    $db = [NetUsageTracker.History.HistoryDatabase]::Open($year, $true, $null)
    if ($KeepEverything) {
        $keep = [NetUsageTracker.History.HistoryRetention]@{ FiveMinuteHours = 0; HourDays = 0; DayDays = 0; MonthMonths = 0; YearYears = 0 }
        $keep.Save($db)
    }
    $recorder = [NetUsageTracker.History.HistoryRecorder]::new($db, $null)
    $now = [DateTime]::UtcNow
    $start = $now.AddDays(-$Days)
    $boot = $start.AddMinutes(-1)
    $speed = [Func[string, Nullable[double]]] { param($name) 125000000.0 }
    $names = 'eth0', 'wlan0', 'wwan0'
    $counters = [uint64[]]::new(6)
    $random = [System.Random]::new(7)
    $steps = [int]($Days * 24 * 12)
    $generate = [System.Diagnostics.Stopwatch]::StartNew()
    for ($step = 0; $step -le $steps; $step++) {
        $readings = [System.Collections.Generic.List[NetUsageTracker.History.CounterReading]]::new(3)
        for ($i = 0; $i -lt 3; $i++) {
            $counters[2 * $i] += [uint64]$random.Next(0, 50MB)
            $counters[2 * $i + 1] += [uint64]$random.Next(0, 5MB)
            $readings.Add([NetUsageTracker.History.CounterReading]::new($names[$i], $counters[2 * $i], $counters[2 * $i + 1], 'Physical', 'Bits64'))
        }
        $at = $start.AddMinutes(5 * $step)
        $state = [NetUsageTracker.History.BootState]::new('bench-boot', $boot, $at - $boot)
        $null = $recorder.Record([NetUsageTracker.History.CounterReadings]::new($readings, $at, $state), $speed, $null)
    }
    $generateSeconds = $generate.Elapsed.TotalSeconds
    $db.Dispose()

    $month = Measure-Median -Count $QueryIterations -Action { Get-NetUsageHistory -Path $year -By Month }
    $day = Measure-Median -Count $QueryIterations -Action { Get-NetUsageHistory -Path $year -By Day }
    $billing = Measure-Median -Count $QueryIterations -Action { Get-NetUsageHistory -Path $year -By Month -BillingDay 7 }
    $bytes = (Get-ChildItem $folder -Filter 'year.db*' | Measure-Object Length -Sum).Sum
    # What every writer pays once per call before it writes (issue 20): PRAGMA quick_check over the year's file.
    $checked = [NetUsageTracker.History.HistoryDatabase]::Open($year, $false, $null)
    try {
        $check = Measure-Median -Count $QueryIterations -Action {
            $statement = $checked.Command('PRAGMA quick_check;')
            try { $null = $statement.Step() } finally { $statement.Dispose() }
        }
    }
    finally {
        $checked.Dispose()
    }

    $results = [ordered]@{
        Retention = if ($KeepEverything) { 'everything kept' } else { 'default' }
        UpdateMedianMs = $update.Median
        UpdateP95Ms = $update.P95
        Recordings = $steps + 1
        Interfaces = $names.Count
        GenerateSeconds = [math]::Round($generateSeconds, 1)
        RecordMeanMs = [math]::Round($generateSeconds * 1000 / ($steps + 1), 3)
        QueryByMonthMedianMs = $month.Median
        QueryByDayMedianMs = $day.Median
        QueryByBillingMonthMedianMs = $billing.Median
        DatabaseMB = [math]::Round($bytes / 1MB, 3)
        QuickCheckMedianMs = $check.Median
        QuickCheckPerRecordingRatio = [math]::Round($check.Median / [math]::Max(0.001, $generateSeconds * 1000 / ($steps + 1)), 2)
    }

    $targets = @{ UpdateMedianMs = 2; QueryByMonthMedianMs = 200; QueryByDayMedianMs = 200; QueryByBillingMonthMedianMs = 200; DatabaseMB = 20; QuickCheckMedianMs = 50 }
    $results.GetEnumerator() | ForEach-Object {
        [pscustomobject]@{
            Measure = $_.Key
            Value = $_.Value
            Target = if ($targets.ContainsKey($_.Key)) { "< $($targets[$_.Key])" } else { '' }
            Ok = if ($targets.ContainsKey($_.Key)) { $_.Value -lt $targets[$_.Key] } else { $null }
        }
    } | Format-Table -AutoSize | Out-Host

    $outDir = if ($OutDirectory) { $OutDirectory } else { Join-Path $root 'out/bench' }
    New-Item -ItemType Directory -Path $outDir -Force | Out-Null
    $name = if ($KeepEverything) { 'history-keep-everything.json' } else { 'history.json' }
    $results | ConvertTo-Json | Set-Content -Path (Join-Path $outDir $name) -Encoding utf8
}
finally {
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}
