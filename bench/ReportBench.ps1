#Requires -Version 7.0
<#
.SYNOPSIS
    Benchmarks Export-NetUsageReport on a year of five-minute recordings of four interfaces, kept at
    the default retention and with every row kept.

.DESCRIPTION
    Self-contained: imports the built module (./build.ps1 -Task Build first), records a year through
    HistoryRecorder.Record (the code Update-NetUsageHistory runs) into a temporary database that keeps
    every row, copies it and prunes the copy to the default retention with one more recording, then
    times the export of each: the first export in a fresh pwsh (what a scheduled or interactive call
    pays, JIT included, import excluded) and the median of warm exports in this process. Prints a
    table and writes the figures as JSON to out/bench/report.json.
    Targets: every export < 1 s, report < 1 MB.
#>
[CmdletBinding()]
param(
    [string] $ModulePath,

    # Where the JSON goes (out/bench by default).
    [string] $OutDirectory,
    [int] $Iterations = 10,
    [int] $Days = 365,

    # Report the figures without failing on a missed target: the test suite's smoke run checks that the
    # script works on a machine busy with other tests, where a cold start's time says nothing.
    [switch] $NoTargets
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
if (-not $ModulePath) {
    $version = (Import-PowerShellDataFile (Join-Path $root 'NetUsageTracker.psd1')).ModuleVersion
    $ModulePath = Join-Path $root "out/NetUsageTracker/$version/NetUsageTracker.psd1"
}
Import-Module $ModulePath -Force

function Get-PwshCommand {
    # This PowerShell as a command line for a child process (dotnet pwsh.dll when run as a dotnet tool).
    $self = (Get-Process -Id $PID).Path
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ((Split-Path $self -Leaf) -match '^dotnet(\.exe)?$' -and (Test-Path $dll)) { return @($self, $dll) }
    @($self)
}

function Measure-Export {
    # The export's time: first in a fresh process, then the median of warm runs here; and the file's size.
    param([string] $Database, [string] $Report)
    $pwsh = @(Get-PwshCommand)
    $script = "Import-Module '$ModulePath'; `$c = [Diagnostics.Stopwatch]::StartNew(); " +
        "`$null = Export-NetUsageReport '$Report' -Path '$Database' -InterfaceName eth0, wlan0, wwan0, usb0 -Limit 500GB -BillingDay 7 -Force; " +
        "`$c.Elapsed.TotalMilliseconds"
    $cold = [double](& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script)
    $times = for ($i = 0; $i -lt $Iterations; $i++) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Export-NetUsageReport $Report -Path $Database -InterfaceName eth0, wlan0, wwan0, usb0 -Limit 500GB -BillingDay 7 -Force
        $clock.Elapsed.TotalMilliseconds
    }
    $sorted = @($times | Sort-Object)
    [pscustomobject]@{
        ColdMs = [math]::Round($cold, 1)
        WarmMedianMs = [math]::Round($sorted[[int][math]::Floor($sorted.Count / 2)], 1)
        ReportKB = [math]::Round((Get-Item $Report).Length / 1KB, 1)
    }
}

$folder = Join-Path ([IO.Path]::GetTempPath()) ("nut-report-bench-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $folder | Out-Null
try {
    $full = Join-Path $folder 'full.db'
    $db = [NetUsageTracker.History.HistoryDatabase]::Open($full, $true, $null)
    ([NetUsageTracker.History.HistoryRetention]@{ FiveMinuteHours = 0; HourDays = 0; DayDays = 0; MonthMonths = 0; YearYears = 0 }).Save($db)
    $recorder = [NetUsageTracker.History.HistoryRecorder]::new($db, $null)
    $names = 'eth0', 'wlan0', 'wwan0', 'usb0'
    $steps = [int]($Days * 24 * 12)
    $start = [DateTime]::UtcNow.AddMinutes(-5 * ($steps + 1))
    $boot = $start.AddMinutes(-1)
    # One boot for the whole year: the readings' uptime runs on with the clock.
    function New-Readings($readings, [DateTime] $at) {
        [NetUsageTracker.History.CounterReadings]::new($readings, $at, [NetUsageTracker.History.BootState]::new('bench-boot', $boot, $at - $boot))
    }
    $speed = [Func[string, Nullable[double]]] { param($name) 125000000.0 }
    $counters = [uint64[]]::new(2 * $names.Count)
    $random = [System.Random]::new(7)
    $generate = [System.Diagnostics.Stopwatch]::StartNew()
    for ($step = 0; $step -le $steps; $step++) {
        $readings = [System.Collections.Generic.List[NetUsageTracker.History.CounterReading]]::new($names.Count)
        for ($i = 0; $i -lt $names.Count; $i++) {
            $counters[2 * $i] += [uint64]$random.Next(0, 50MB)
            $counters[2 * $i + 1] += [uint64]$random.Next(0, 5MB)
            $readings.Add([NetUsageTracker.History.CounterReading]::new($names[$i], $counters[2 * $i], $counters[2 * $i + 1], 'Physical', 'Bits64'))
        }
        $null = $recorder.Record((New-Readings $readings $start.AddMinutes(5 * $step)), $speed, $null)
    }
    $generateSeconds = $generate.Elapsed.TotalSeconds
    $db.Dispose()

    # The same year at the default retention: a copy, pruned by one more recording.
    $pruned = Join-Path $folder 'default.db'
    Copy-Item $full $pruned
    $db = [NetUsageTracker.History.HistoryDatabase]::Open($pruned, $true, $null)
    ([NetUsageTracker.History.HistoryRetention]::new()).Save($db)
    $readings = [System.Collections.Generic.List[NetUsageTracker.History.CounterReading]]::new()
    for ($i = 0; $i -lt $names.Count; $i++) { $readings.Add([NetUsageTracker.History.CounterReading]::new($names[$i], $counters[2 * $i], $counters[2 * $i + 1], 'Physical', 'Bits64')) }
    $null = [NetUsageTracker.History.HistoryRecorder]::new($db, $null).Record((New-Readings $readings ([DateTime]::UtcNow)), $speed, $null)
    $db.Dispose()

    $rows = foreach ($case in @(@{ Name = 'default retention'; Path = $pruned }, @{ Name = 'every row kept'; Path = $full })) {
        $m = Measure-Export -Database $case.Path -Report (Join-Path $folder 'report.html')
        $rowCount = [long](Get-NetUsageHistory -Path $case.Path -By FiveMinute -InterfaceName $names | Measure-Object).Count
        [pscustomobject]@{
            History = $case.Name
            FiveMinuteRows = $rowCount
            FirstExportMs = $m.ColdMs
            WarmExportMs = $m.WarmMedianMs
            ReportKB = $m.ReportKB
            Result = if ($m.ColdMs -lt 1000 -and $m.WarmMedianMs -lt 1000 -and $m.ReportKB -lt 1024) { 'pass' } else { 'FAIL' }
        }
    }

    Write-Host "$Days days of five-minute recordings of $($names.Count) interfaces ($($steps + 1) recordings, generated in $([math]::Round($generateSeconds, 1)) s)."
    Write-Host 'Targets: every export < 1000 ms, report < 1024 KB.'
    $rows | Format-Table -AutoSize | Out-String -Width 200 | Out-Host

    $outDir = if ($OutDirectory) { $OutDirectory } else { Join-Path $root 'out/bench' }
    New-Item -ItemType Directory -Path $outDir -Force | Out-Null
    $rows | ConvertTo-Json | Set-Content -Path (Join-Path $outDir 'report.json') -Encoding utf8
    if (-not $NoTargets -and @($rows | Where-Object Result -NE 'pass').Count -gt 0) { exit 1 }
}
finally {
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}
