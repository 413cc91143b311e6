#Requires -Version 7.0
<#
.SYNOPSIS
    Benchmarks finding which network each interface is on (Linux): what a recording will pay per call of
    the network source, warm, beside the /proc/net/dev snapshot every recording already takes.

.DESCRIPTION
    Self-contained: imports the built module (./build.ps1 -Task Build first), prints a small table and
    writes the figures as JSON to out/bench/networks.json. Each figure is the median (and 95th percentile)
    over -Batches batches of -BatchSize calls, per call, timed in a C# loop after a warm-up. Rows:
      snapshot floor       ProcNetDevCounterSource.Read, what a recording costs already
      gateway              LinuxNetworkSource.Read with no NetworkManager (this machine's own default
                           routes, their gateways' neighbour entries and nl80211 where wireless)
      NetworkManager       the same with python3-dbusmock's NetworkManager on a private bus and an active
                           Wi-Fi connection, nothing changing (one look at the socket, then the gateways)
      NetworkManager, changed  a call after a change NetworkManager signalled (a Metered flip), -Changes
                           times: the refresh's cost, paid once per change, not per recording
    Target: the gateway and NetworkManager rows at most 1 ms (issue 23). Shared machines are noisy: read
    the ratio to the snapshot floor beside the figure.
#>
[CmdletBinding()]
param(
    [string] $ModulePath,

    # Where the JSON goes (out/bench by default).
    [string] $OutDirectory,
    [int] $Batches = 200,
    [int] $BatchSize = 50,

    # How many changes of the NetworkManager row (each costs a python3 start to make).
    [int] $Changes = 40
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
if (-not $ModulePath) {
    $version = (Import-PowerShellDataFile (Join-Path $root 'NetUsageTracker.psd1')).ModuleVersion
    $ModulePath = Join-Path $root "out/NetUsageTracker/$version/NetUsageTracker.psd1"
}
if (-not $OutDirectory) { $OutDirectory = Join-Path $root 'out/bench' }
if (-not $IsLinux) { throw 'The network benchmark measures the Linux source.' }
Import-Module $ModulePath -Force

# The timed loops are C#, so the figures are the engine's and not PowerShell's call overhead.
$engine = Join-Path (Split-Path $ModulePath) 'NetUsageTracker.Engine.dll'
$netstandard = Join-Path ([Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()) 'netstandard.dll'
Add-Type -ReferencedAssemblies $engine, $netstandard -TypeDefinition @'
using System;
using System.Diagnostics;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

public static class NetworkBenchLoops
{
    /// <summary>Microseconds per call of each batch of network reads.</summary>
    public static double[] Reads(INetworkSource source, int batches, int batchSize)
    {
        var times = new double[batches];
        for (int i = 0; i < batchSize; i++) { source.Read(); }
        for (int b = 0; b < batches; b++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < batchSize; i++) { source.Read(); }
            times[b] = (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency / batchSize;
        }
        return times;
    }

    /// <summary>Microseconds of one network read, without a warm-up.</summary>
    public static double Once(INetworkSource source)
    {
        long start = Stopwatch.GetTimestamp();
        source.Read();
        return (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency;
    }

    /// <summary>Microseconds per call of each batch of counter snapshots.</summary>
    public static double[] Snapshots(ICounterSource source, int batches, int batchSize)
    {
        var snapshot = new CounterSnapshot();
        var times = new double[batches];
        for (int i = 0; i < batchSize; i++) { source.Read(snapshot); }
        for (int b = 0; b < batches; b++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < batchSize; i++) { source.Read(snapshot); }
            times[b] = (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency / batchSize;
        }
        return times;
    }
}
'@

function Get-Figure {
    # The median and 95th percentile of per-call times, in microseconds.
    param([double[]] $Times)
    $sorted = $Times | Sort-Object
    [pscustomobject]@{ Median = [math]::Round($sorted[[int]($sorted.Count / 2)], 1); P95 = [math]::Round($sorted[[math]::Min($sorted.Count - 1, [int][math]::Floor($sorted.Count * 0.95))], 1) }
}

function Start-MockNetworkManager {
    # A private bus standing for the system bus, with python3-dbusmock's NetworkManager and one active Wi-Fi
    # connection on this machine's first default-route interface; $null when dbus-daemon or dbusmock is missing.
    $null = & /usr/bin/python3 -c 'import dbusmock' 2>&1
    if ($LASTEXITCODE -ne 0 -or -not (Get-Command dbus-daemon -CommandType Application -ErrorAction Ignore)) { return $null }
    $dir = Join-Path ([IO.Path]::GetTempPath()) ('nut-nmbench-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $null = New-Item -ItemType Directory -Path $dir
    Set-Content (Join-Path $dir 'bus.conf') '<busconfig><type>system</type><listen>unix:tmpdir=/tmp</listen><policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>'
    $lines = @(& dbus-daemon "--config-file=$dir/bus.conf" "--address=unix:path=$dir/socket" --fork --print-address=1 --print-pid=1)
    $start = [Diagnostics.ProcessStartInfo]::new('/usr/bin/python3')
    foreach ($a in '-m', 'dbusmock', '--system', '-t', 'networkmanager') { $start.ArgumentList.Add($a) }
    $start.Environment['DBUS_SYSTEM_BUS_ADDRESS'] = $lines[0]
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $mock = [Diagnostics.Process]::Start($start)
    $helper = Join-Path $root 'tests/networkmanager.py'
    for ($i = 0; $i -lt 200 -and -not $wifi; $i++) {
        Start-Sleep -Milliseconds 50
        $wifi = & /usr/bin/python3 $helper wifi $lines[0] 'wlbench0' 'Bench' 1 2>$null | ConvertFrom-Json
    }
    [pscustomobject]@{ Address = $lines[0]; DaemonPid = [int]$lines[1]; Mock = $mock; Directory = $dir; Wifi = $wifi; Helper = $helper }
}

$rows = [System.Collections.Generic.List[object]]::new()
$proc = [NetUsageTracker.Sampling.ProcNetDevCounterSource]::new('/proc/net/dev', $null)
$floor = Get-Figure ([NetworkBenchLoops]::Snapshots($proc, $Batches, $BatchSize))
$rows.Add([pscustomobject]@{ Row = 'snapshot floor (/proc/net/dev)'; MedianUs = $floor.Median; P95Us = $floor.P95 })
$proc.Dispose()

$saved = $env:DBUS_SYSTEM_BUS_ADDRESS
try {
    $env:DBUS_SYSTEM_BUS_ADDRESS = 'unix:path=/nonexistent/nut-bench/system_bus_socket'
    $source = [NetUsageTracker.Networks.Linux.LinuxNetworkSource]::new()
    $known = $source.Read().Known.Count
    $gateway = Get-Figure ([NetworkBenchLoops]::Reads($source, $Batches, $BatchSize))
    $rows.Add([pscustomobject]@{ Row = "gateway, no NetworkManager ($known known)"; MedianUs = $gateway.Median; P95Us = $gateway.P95 })
    $source.Dispose()

    $nm = Start-MockNetworkManager
    if ($nm -and $nm.Wifi) {
        try {
            $env:DBUS_SYSTEM_BUS_ADDRESS = $nm.Address
            $source = [NetUsageTracker.Networks.Linux.LinuxNetworkSource]::new()
            $known = $source.Read().Known.Count
            $steady = Get-Figure ([NetworkBenchLoops]::Reads($source, $Batches, $BatchSize))
            $rows.Add([pscustomobject]@{ Row = "NetworkManager, unchanged ($known known)"; MedianUs = $steady.Median; P95Us = $steady.P95 })
            $state = @{ Metered = 1 }
            $times = for ($i = 0; $i -lt $Changes; $i++) {
                # Outside the clock: flip Metered and wait until the signal is on the source's socket.
                $state.Metered = 4 - $state.Metered
                & /usr/bin/python3 $nm.Helper metered $nm.Address $nm.Wifi.Device $state.Metered | Out-Null
                Start-Sleep -Milliseconds 20
                [NetworkBenchLoops]::Once($source)
            }
            $changed = Get-Figure $times
            $rows.Add([pscustomobject]@{ Row = 'NetworkManager, changed (one refresh)'; MedianUs = $changed.Median; P95Us = $changed.P95 })
            $source.Dispose()
        }
        finally {
            if (-not $nm.Mock.HasExited) { $nm.Mock.Kill() }
            Stop-Process -Id $nm.DaemonPid -ErrorAction SilentlyContinue
            Remove-Item $nm.Directory -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
    else {
        Write-Host 'NetworkManager rows skipped: dbus-daemon or python3-dbusmock is not installed.'
    }
}
finally {
    $env:DBUS_SYSTEM_BUS_ADDRESS = $saved
}

foreach ($row in $rows) { $row | Add-Member -NotePropertyName RatioToFloor -NotePropertyValue ([math]::Round($row.MedianUs / $floor.Median, 1)) }
$rows | Format-Table -AutoSize | Out-String | Write-Host
$null = New-Item -ItemType Directory -Path $OutDirectory -Force
$rows | ConvertTo-Json | Set-Content (Join-Path $OutDirectory 'networks.json') -Encoding utf8
