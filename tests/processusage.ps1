# Helpers of the per-process tests (Get-NetProcessUsage's and the recorder's process rows), dot-sourced after
# common.ps1 by those test files and by the child PowerShell that runs a scenario inside a network namespace of
# the test (ProcessUsageChild.ps1).

$script:ProcessPeer = Join-Path $PSScriptRoot 'process_peer.py'
# Debian's python3 first: a python3 earlier on PATH may live in root's home, which a test user cannot read.
$script:PeerPython = if (Test-Path '/usr/bin/python3') { '/usr/bin/python3' } else { 'python3' }

function Get-ProcessUsageSkipReason {
    # Why the per-process tests with real traffic cannot run here (after TestNetwork.ps1), or $null when they can.
    if (-not $IsLinux) { return 'the inet_diag source runs on Linux; the Windows lane tests its own sources' }
    Get-TestNetworkSkipReason -NoPeer
}

function Start-PeerProcess {
    # Starts process_peer.py (through -Wrapper, such as ip netns exec <ns>) and returns the process once
    # it has printed its first line (in .Ready).
    param([Parameter(Mandatory)] [string[]] $Arguments, [string[]] $Wrapper = @())
    $command = @($Wrapper) + @($PeerPython, '-u', $ProcessPeer) + $Arguments
    $info = [System.Diagnostics.ProcessStartInfo]::new($command[0])
    foreach ($a in ($command | Select-Object -Skip 1)) { $info.ArgumentList.Add([string]$a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $process = [System.Diagnostics.Process]::Start($info)
    $ready = Read-PeerLine $process
    $process | Add-Member -NotePropertyName Ready -NotePropertyValue $ready -PassThru
}

function Read-PeerLine {
    param([Parameter(Mandatory)] $Process, [double] $TimeoutSeconds = 60)
    $line = $Process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds($TimeoutSeconds))) { throw "process_peer.py ($($Process.Id)) did not answer in time." }
    if ($null -eq $line.Result) { throw "process_peer.py ($($Process.Id)) ended without an answer." }
    $line.Result
}

function Stop-PeerProcess {
    param($Process)
    foreach ($p in @($Process)) {
        if (-not $p) { continue }
        if (-not $p.HasExited) { $p.Kill() }
        $null = $p.WaitForExit(10000)
        $p.Dispose()
    }
}

function Assert-Payload {
    # A process's figure holds its payload and the headers: at least the payload, at most 5 % more (a 1448-byte
    # segment carries 14 + 20 + 32 bytes of headers, 4.6 %) and 16 KB for the handshake, the ACKs and the FIN.
    param([uint64] $Actual, [long] $Payload, [string] $Because)
    $Actual | Should -BeGreaterOrEqual ([uint64]($Payload * 0.999)) -Because $Because
    $Actual | Should -BeLessOrEqual ([uint64]($Payload * 1.05 + 16KB)) -Because $Because
}

function Invoke-ProcessUsageSample {
    # Runs Get-NetProcessUsage -SampleInterval in the background; once its first sample is taken, creates
    # the go file (the peers send), runs -During, and returns the rows with the interface's counters read
    # before the command began and after it ended (nothing else moves on the interfaces the tests use).
    param(
        [Parameter(Mandatory)] [string] $InterfaceName,
        [Parameter(Mandatory)] [string] $GoFile,
        [double] $Interval = 4,
        [switch] $ByConnection,
        # Watch-NetUsage -ByProcess -Count 1 -Interval $Interval instead: the rows of its one step.
        [switch] $Watch,
        [scriptblock] $During = {}
    )
    $before = Get-NetUsage -InterfaceName $InterfaceName -IncludeLoopback
    $script = if ($Watch) {
        '$VerbosePreference = "Continue"; Watch-NetUsage -ByProcess -InterfaceName $name -IncludeLoopback -Interval $interval -Count 1'
    }
    else {
        '$VerbosePreference = "Continue"; Get-NetProcessUsage -InterfaceName $name -IncludeLoopback -SampleInterval $interval -ByConnection:$byConnection'
    }
    $started = if ($Watch) { 'Watching*' } else { 'Sampling for*' }
    $job = Start-BackgroundCommand -Script $script -Variables @{ name = $InterfaceName; interval = $Interval; byConnection = [bool]$ByConnection }
    try {
        $sampling = Wait-Until -TimeoutSeconds 30 -Condition { @($job.PowerShell.Streams.Verbose | Where-Object Message -like $started).Count -gt 0 }
        if (-not $sampling) { throw "The command did not start sampling: $($job.PowerShell.Streams.Error)" }
        Set-Content -Path $GoFile -Value go
        & $During
        $null = $job.Handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($Interval + 30))
        $rows = @(Get-Collected $job.Output)
        $errors = @($job.PowerShell.Streams.Error | ForEach-Object { "$_" })
    }
    finally {
        Stop-BackgroundCommand $job
    }
    $after = Get-NetUsage -InterfaceName $InterfaceName -IncludeLoopback
    [pscustomobject]@{
        Rows = $rows
        Errors = $errors
        InterfaceReceived = [uint64]($after.BytesReceived - $before.BytesReceived)
        InterfaceSent = [uint64]($after.BytesSent - $before.BytesSent)
    }
}
