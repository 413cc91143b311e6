# Shared by the Windows lane's test files (PowerShell 7 for Windows under Wine, run by
# tools/WindowsLane.psm1): the deadline every test runs under, the stand-in SystemRoot, and the kernel's own
# counters. ../common.ps1 imports the module (from a path with spaces and non-ASCII characters).
. (Join-Path $PSScriptRoot '../common.ps1')
# Progress bars would only be escape codes in the lane's log.
$ProgressPreference = 'SilentlyContinue'

function Invoke-WithDeadline {
    # Runs a test's body in a nested pipeline of this runspace (it sees the test's variables) and stops that
    # pipeline, and only it, when the deadline passes: a hung cmdlet fails its own test instead of the lane.
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $Test, [double] $Seconds = 60)
    $pipeline = [PowerShell]::Create([Management.Automation.RunspaceMode]::CurrentRunspace)
    $null = $pipeline.AddScript('param($Test) . $Test', $true).AddArgument($Test)
    $timer = [Threading.CancellationTokenSource]::new([TimeSpan]::FromSeconds($Seconds))
    $stop = $timer.Token.Register([Action]$pipeline.Stop)
    try {
        $pipeline.Invoke()
    }
    catch [Management.Automation.MethodInvocationException] {
        # The body's own failure (a Should, a throw), as Pester would have seen it without the wrapper.
        $inner = $_.Exception.InnerException
        if ($inner -is [Management.Automation.IContainsErrorRecord]) { throw $inner.ErrorRecord }
        throw $inner
    }
    finally {
        $stop.Dispose()
        $timer.Dispose()
        foreach ($record in $pipeline.Streams.Error) { $PSCmdlet.WriteError($record) }
        $stopped = $pipeline.InvocationStateInfo.State -eq 'Stopped'
        $pipeline.Dispose()
    }
    if ($stopped) { throw "The test did not finish within its deadline of $Seconds s." }
}

function Read-ProcNetDev {
    # The Linux kernel's counters, read from /proc/net/dev through Wine's drive Z:, parsed here on their
    # own (not by the module) so the module is compared with an independent reading.
    $counters = @{}
    foreach ($line in (Get-Content -LiteralPath 'Z:\proc\net\dev')) {
        if ($line -match '^\s*([^:|]+):\s*(.*)$') {
            $fields = $Matches[2] -split '\s+'
            $counters[$Matches[1].Trim()] = [pscustomobject]@{
                BytesReceived = [uint64]$fields[0]; PacketsReceived = [uint64]$fields[1]
                BytesSent = [uint64]$fields[8]; PacketsSent = [uint64]$fields[9]
            }
        }
    }
    $counters
}

function Enter-StandInSystemRoot {
    # Points $env:SystemRoot at the lane's stand-in SystemRoot (schtasks.exe, conhost.exe and
    # WindowsPowerShell\v1.0\powershell.exe that record how they were started) with a fresh log and no
    # replies; Exit-StandInSystemRoot puts everything back.
    $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    $standIn = [pscustomobject]@{
        SystemRoot = $env:WINDOWS_LANE_SYSTEMROOT
        Log = Join-Path $folder 'calls.jsonl'
        Replies = Join-Path $folder 'replies'
        Saved = $env:SystemRoot
    }
    New-Item -ItemType Directory -Path $standIn.Replies -Force | Out-Null
    $env:SystemRoot = $standIn.SystemRoot
    $env:NETUSAGETRACKER_STANDIN_LOG = $standIn.Log
    $env:NETUSAGETRACKER_STANDIN_REPLIES = $standIn.Replies
    $standIn
}

function Exit-StandInSystemRoot {
    param([Parameter(Mandatory)] $StandIn)
    $env:SystemRoot = $StandIn.Saved
    $env:NETUSAGETRACKER_STANDIN_LOG = $null
    $env:NETUSAGETRACKER_STANDIN_REPLIES = $null
}

function Set-StandInReply {
    # What a stand-in answers to exactly these arguments (tools/WindowsPwsh/StandIn.cs).
    param([Parameter(Mandatory)] $StandIn, [Parameter(Mandatory)] [string] $Program, [Parameter(Mandatory)] [string[]] $Arguments, [int] $ExitCode = 0, [string] $Output = '')
    $key = [Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Arguments -join "`n"))
    $name = '{0}-{1}.txt' -f $Program.ToLowerInvariant(), [Convert]::ToHexString($key).Substring(0, 16).ToLowerInvariant()
    [IO.File]::WriteAllText((Join-Path $StandIn.Replies $name), "$ExitCode`n$Output")
}

function Get-StandInCall {
    # Every start of a stand-in so far, oldest first.
    param([Parameter(Mandatory)] $StandIn)
    if (Test-Path -LiteralPath $StandIn.Log) { Get-Content -LiteralPath $StandIn.Log -Encoding utf8 | ForEach-Object { $_ | ConvertFrom-Json } }
}
