# A Get-NetProcessUsage scenario run by a child PowerShell inside a network namespace of the test (its
# loopback interface is its own, so nothing else moves on it), possibly as another user. Prints one JSON
# object: the rows, the interface's delta, and the peers' process IDs and bytes.
param(
    [Parameter(Mandatory)] [ValidateSet('pair', 'exit-mid', 'closed', 'many', 'udp')] [string] $Scenario,
    [Parameter(Mandatory)] [string] $GoFile,
    [long] $Bytes = 4MB,
    [int] $Holders = 10,
    [int] $Pairs = 500,
    # Watch-NetUsage -ByProcess's one step instead of Get-NetProcessUsage -SampleInterval.
    [switch] $Watch
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'common.ps1')
. (Join-Path $PSScriptRoot 'processusage.ps1')

$go = $GoFile
$peers = @()
try {
    $expected = @()
    if ($Scenario -eq 'many') {
        for ($i = 0; $i -lt $Holders; $i++) {
            $p = Start-PeerProcess -Arguments 'hold', '127.0.0.1', $Pairs, 20000, $go
            $peers += $p
            $expected += [pscustomobject]@{ Role = 'holder'; Pid = $p.Id; Bytes = [long]$Pairs * 20000; Sockets = 2 * $Pairs }
        }
    }
    elseif ($Scenario -eq 'udp') {
        $count, $size = 200, 1200
        $receiver = Start-PeerProcess -Arguments 'udp-recv', '127.0.0.1', $count, 30
        $sender = Start-PeerProcess -Arguments 'udp-send', '127.0.0.1', ($receiver.Ready -split ' ')[1], $count, $size, $go, 30
        $peers += $receiver, $sender
        $expected += [pscustomobject]@{ Role = 'receiver'; Pid = $receiver.Id; Bytes = $count * $size; Datagrams = $count }
        $expected += [pscustomobject]@{ Role = 'sender'; Pid = $sender.Id; Bytes = $count * $size; Datagrams = $count }
    }
    else {
        # exit-mid: the sender exits during the sample, the receiver keeps its socket open past its end;
        # closed: both close during the sample; pair: both keep their sockets open past its end.
        $hold = if ($Scenario -eq 'closed') { 0 } else { 30 }
        $receiver = Start-PeerProcess -Arguments 'recv', '127.0.0.1', $hold
        $port = ($receiver.Ready -split ' ')[1]
        $linger = if ($Scenario -eq 'pair') { 30 } else { 0 }
        $sender = Start-PeerProcess -Arguments 'send', '127.0.0.1', $port, $Bytes, $go, $linger
        $peers += $receiver, $sender
        $expected += [pscustomobject]@{ Role = 'receiver'; Pid = $receiver.Id; Bytes = $Bytes; Sockets = 1 }
        $expected += [pscustomobject]@{ Role = 'sender'; Pid = $sender.Id; Bytes = $Bytes; Sockets = 1 }
    }
    $during = {
        foreach ($p in $peers) {
            if ($Scenario -eq 'many') { $null = Read-PeerLine $p -TimeoutSeconds 120 }
        }
        if ($Scenario -ne 'many') {
            $null = Read-PeerLine $sender
            $null = Read-PeerLine $receiver
        }
    }
    $interval = if ($Scenario -eq 'many') { 8 } else { 4 }
    $result = Invoke-ProcessUsageSample -InterfaceName 'lo' -GoFile $go -Interval $interval -During $during -Watch:$Watch
    [pscustomobject]@{
        Rows = @($result.Rows | Select-Object Kind, ProcessId, ProcessName, UserName, Path, BytesReceived, BytesSent, ConnectionCount, Protocols, SampleSeconds, ReceivedBytesPerSecond,
            @{ Name = 'TypeName'; Expression = { $_.PSObject.TypeNames[0] } }, @{ Name = 'Timestamp'; Expression = { $_.Timestamp.ToString('o') } })
        Errors = $result.Errors
        InterfaceReceived = $result.InterfaceReceived
        InterfaceSent = $result.InterfaceSent
        Peers = $expected
        User = [Environment]::UserName
    } | ConvertTo-Json -Depth 4 -Compress -EnumsAsStrings
}
finally {
    Stop-PeerProcess $peers
    Remove-Item $go -ErrorAction SilentlyContinue
}
