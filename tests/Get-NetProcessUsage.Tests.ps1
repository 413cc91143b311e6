# Get-NetProcessUsage against real traffic: python3 processes of the test move known bytes over the
# loopback interface of a network namespace of the test (its own lo, which nothing else uses) and over a
# veth pair into such a namespace; each process's figure must match its payload within the headers, and
# the rows must add up to the interface's own delta. Needs root, iproute2 and python3 (skipped otherwise).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'processusage.ps1')

    $script:SkipReason = Get-ProcessUsageSkipReason

    function Invoke-ChildScenario {
        # Runs ProcessUsageChild.ps1 in a fresh namespace (as -User when given) and returns its JSON.
        param([Parameter(Mandatory)] [string] $Scenario, [string] $User, [scriptblock] $Before = {}, [string[]] $Extra = @())
        $net = New-TestNetwork -NoPeer
        $rootPeers = @()
        try {
            $work = Join-Path $TestDrive "work-$(Get-Random)"
            New-Item -ItemType Directory -Path $work | Out-Null
            & chmod 777 $work
            $go = Join-Path $work 'go'
            $rootPeers = @(& $Before $net $go)
            $wrapper = @('ip', 'netns', 'exec', $net.Namespace)
            $pwsh = @(Get-PwshCommand)
            if ($User) {
                $pwsh = Get-PwshCommandForUser
                $wrapper += 'runuser', '-u', $User, '--', 'env', "HOME=$work", "NETUSAGETRACKER_MODULE=$env:NETUSAGETRACKER_MODULE"
            }
            $output = & $wrapper[0] @($wrapper | Select-Object -Skip 1) @pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'ProcessUsageChild.ps1') -Scenario $Scenario -GoFile $go @Extra 2>&1
            $json = @($output | Where-Object { "$_".StartsWith('{') })
            if ($json.Count -ne 1) { throw "The child did not print its result: $($output -join "`n")" }
            $json[0] | ConvertFrom-Json
        }
        finally {
            Stop-PeerProcess $rootPeers
            Remove-TestNetwork $net
        }
    }

    function Get-Row {
        param($Result, [int] $ProcessId)
        @($Result.Rows | Where-Object ProcessId -eq $ProcessId)
    }

    function Assert-AddsUp {
        # The rows, remainder included, are exactly the interface's delta; the remainder is the last row.
        param($Result)
        $Result.Errors | Should -BeNullOrEmpty
        $Result.Rows[-1].Kind | Should -Be 'Unattributed'
        $Result.Rows[-1].ProcessName | Should -Be 'Unattributed'
        ($Result.Rows | Measure-Object BytesReceived -Sum).Sum | Should -Be $Result.InterfaceReceived
        ($Result.Rows | Measure-Object BytesSent -Sum).Sum | Should -Be $Result.InterfaceSent
    }
}

Describe 'Get-NetProcessUsage on Linux, with real traffic' {
    It 'names both processes of a loopback transfer, each with its payload plus headers, and the rows add up to lo' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $r = Invoke-ChildScenario -Scenario pair
        Assert-AddsUp $r
        $receiver = $r.Peers | Where-Object Role -eq receiver
        $sender = $r.Peers | Where-Object Role -eq sender
        $rr = Get-Row $r $receiver.Pid
        $sr = Get-Row $r $sender.Pid
        $rr.Count | Should -Be 1
        $sr.Count | Should -Be 1
        $rr[0].ProcessName | Should -Be 'python3'
        $rr[0].UserName | Should -Be 'root'
        $rr[0].Path | Should -Match 'python'
        $rr[0].Protocols | Should -Be 'Tcp'
        $rr[0].ConnectionCount | Should -Be 1
        Assert-Payload $rr[0].BytesReceived $receiver.Bytes 'the receiver got the payload'
        Assert-Payload $sr[0].BytesSent $sender.Bytes 'the sender sent the payload'
        # On lo every packet is sent and received once, so the two processes are all of it but what the
        # receiver's socket does not count: copies of segments TCP sent again (a busy machine drops some
        # at the receiver's backlog), which are in the sender's figure.
        $r.Rows[-1].BytesReceived | Should -BeLessOrEqual ($sr[0].BytesSent - $sender.Bytes)
    }

    It 'streams the same rows from Watch-NetUsage -ByProcess, stamped with the step''s time, and they add up to lo' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $r = Invoke-ChildScenario -Scenario pair -Extra '-Watch'
        Assert-AddsUp $r
        $receiver = $r.Peers | Where-Object Role -eq receiver
        $sender = $r.Peers | Where-Object Role -eq sender
        $rr = Get-Row $r $receiver.Pid
        $rr.Count | Should -Be 1
        $rr[0].TypeName | Should -Be 'NetUsageTracker.NetProcessUsage'
        $rr[0].ProcessName | Should -Be 'python3'
        Assert-Payload $rr[0].BytesReceived $receiver.Bytes 'the receiver got the payload'
        Assert-Payload (Get-Row $r $sender.Pid)[0].BytesSent $sender.Bytes 'the sender sent the payload'
        # One step: every row has its time and its length, and a rate over it.
        @($r.Rows.Timestamp | Select-Object -Unique).Count | Should -Be 1
        $rr[0].SampleSeconds | Should -BeGreaterThan 3.5
        $rr[0].ReceivedBytesPerSecond | Should -Be ($rr[0].BytesReceived / $rr[0].SampleSeconds)
    }

    It 'attributes a download and an upload over a veth pair to their processes, and the rows add up to the veth' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $net = New-TestNetwork -NoPeer
        $peers = @()
        try {
            $inside = 'ip', 'netns', 'exec', $net.Namespace
            $go = Join-Path $TestDrive "go-veth-$(Get-Random)"
            $download, $upload = 3MB, 2MB
            # A process of this machine downloads from the namespace, another uploads into it.
            $hostReceiver = Start-PeerProcess -Arguments 'recv', $net.HostAddress, 60
            $peers += $hostReceiver
            $peers += Start-PeerProcess -Wrapper $inside -Arguments 'send', $net.HostAddress, ($hostReceiver.Ready -split ' ')[1], $download, $go, 60
            $farReceiver = Start-PeerProcess -Wrapper $inside -Arguments 'recv', $net.PeerAddress, 60
            $peers += $farReceiver
            $hostSender = Start-PeerProcess -Arguments 'send', $net.PeerAddress, ($farReceiver.Ready -split ' ')[1], $upload, $go, 60
            $peers += $hostSender
            $downId, $upId = $hostReceiver.Id, $hostSender.Id
            Wait-TestNetworkQuiet $net
            $r = Invoke-ProcessUsageSample -InterfaceName $net.HostName -GoFile $go -During {
                $null = Read-PeerLine $hostSender
                $null = Read-PeerLine $hostReceiver
                Wait-TestNetworkQuiet $net
            }
        }
        finally {
            Stop-PeerProcess $peers
            Remove-TestNetwork $net
        }
        Assert-AddsUp $r
        $down = Get-Row $r $downId
        $up = Get-Row $r $upId
        Assert-Payload $down[0].BytesReceived $download 'the download'
        Assert-Payload $up[0].BytesSent $upload 'the upload'
        $down[0].InterfaceName | Should -Be $net.HostName
        # The namespace's processes are not this machine's: their side of the traffic is these two sockets.
        @($r.Rows | Where-Object Kind -eq 'Process').ProcessId | Sort-Object | Should -Be (@($downId, $upId) | Sort-Object)
    }

    It 'puts the bytes of sockets closed between two samples in the remainder' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $r = Invoke-ChildScenario -Scenario closed
        Assert-AddsUp $r
        foreach ($peer in $r.Peers) {
            (Get-Row $r $peer.Pid | Measure-Object TotalBytes -Sum).Sum | Should -BeNullOrEmpty
        }
        Assert-Payload $r.Rows[-1].BytesReceived 4MB 'the closed connection moved 4 MB, all of it unattributed'
    }

    It 'survives a process that exits mid-sample: its bytes go to the remainder, its peer keeps its own' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $r = Invoke-ChildScenario -Scenario exit-mid
        Assert-AddsUp $r
        $receiver = $r.Peers | Where-Object Role -eq receiver
        $sender = $r.Peers | Where-Object Role -eq sender
        Assert-Payload (Get-Row $r $receiver.Pid)[0].BytesReceived $receiver.Bytes 'the receiver is still there'
        @(Get-Row $r $sender.Pid | Where-Object BytesSent -gt 1MB) | Should -BeNullOrEmpty
        Assert-Payload $r.Rows[-1].BytesSent $sender.Bytes 'the sender exited with its socket'
    }

    It 'attributes 10,000 sockets over 10 processes and still adds up' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $r = Invoke-ChildScenario -Scenario many -Extra '-Holders', '10', '-Pairs', '500'
        Assert-AddsUp $r
        foreach ($holder in $r.Peers) {
            $row = Get-Row $r $holder.Pid
            $row.Count | Should -Be 1
            $row[0].ConnectionCount | Should -Be 1000
            # Each connection's payload goes out of one socket and into the other, both the holder's.
            Assert-Payload $row[0].BytesSent $holder.Bytes "holder $($holder.Pid) sent 500 x 20000 bytes"
            Assert-Payload $row[0].BytesReceived $holder.Bytes "holder $($holder.Pid) received them"
        }
    }

    It 'counts UDP per process as root where connection tracking accounts bytes: each datagram with its 28 bytes of headers' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        if (-not (Get-Command nft -CommandType Application -ErrorAction Ignore)) { Set-ItResult -Skipped -Because "the 'nft' command (Debian package nftables) is not installed"; return }
        # Accounting on and a rule that tracks connections, in the test's namespace only.
        $conntrack = {
            param($net, $go)
            Invoke-Ip netns exec $net.Namespace sysctl -q -w net.netfilter.nf_conntrack_acct=1 | Out-Null
            Invoke-Ip netns exec $net.Namespace nft 'add table inet nut; add chain inet nut out { type filter hook output priority 0; }; add rule inet nut out ct state new,established accept' | Out-Null
        }
        $r = Invoke-ChildScenario -Scenario udp -Before $conntrack
        Assert-AddsUp $r
        $onWire = 200 * (1200 + 8 + 20) # UDP and IPv4 headers: loopback counts no link-layer header
        $receiver = $r.Peers | Where-Object Role -eq receiver
        $sender = $r.Peers | Where-Object Role -eq sender
        $rr = Get-Row $r $receiver.Pid
        $sr = Get-Row $r $sender.Pid
        $rr[0].BytesReceived | Should -Be $onWire
        $sr[0].BytesSent | Should -Be $onWire
        "$($rr[0].Protocols)" | Should -Match 'Udp'
        $r.Rows[-1].BytesReceived | Should -Be 0 -Because 'nothing else moved on the namespace''s loopback'
    }

    It 'names only its own processes for an unprivileged user and counts root''s sockets as other users, without error' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $user = New-TestUser -Prefix nutpu
        try {
            $rootTraffic = {
                param($net, $go)
                $receiver = Start-PeerProcess -Wrapper 'ip', 'netns', 'exec', $net.Namespace -Arguments 'recv', '127.0.0.1', 60
                $receiver
                Start-PeerProcess -Wrapper 'ip', 'netns', 'exec', $net.Namespace -Arguments 'send', '127.0.0.1', ($receiver.Ready -split ' ')[1], 2MB, $go, 60
            }
            $r = Invoke-ChildScenario -Scenario pair -User $user -Before $rootTraffic
        }
        finally {
            & userdel $user 2>$null
        }
        Assert-AddsUp $r
        $r.User | Should -Be $user
        foreach ($peer in $r.Peers) {
            $row = Get-Row $r $peer.Pid
            $row.Count | Should -Be 1
            $row[0].UserName | Should -Be $user
            $row[0].ProcessName | Should -Be 'python3'
        }
        $others = @($r.Rows | Where-Object Kind -eq 'OtherUser')
        $others.Count | Should -Be 1
        $others[0].ProcessName | Should -Be 'Other users'
        $others[0].UserName | Should -Be 'root'
        $others[0].ProcessId | Should -BeNullOrEmpty
        Assert-Payload $others[0].BytesReceived 2MB "root's receiver"
        Assert-Payload $others[0].BytesSent 2MB "root's sender"
    }
}

Describe 'Get-NetProcessUsage as a cmdlet' {
    BeforeAll {
        $script:Unavailable = if (-not $IsLinux) { 'the inet_diag source runs on Linux; the Windows lane tests its own sources' }
    }

    It 'fits 80 columns and sorts by every heading of its <View> view' -ForEach @(
        @{ View = 'process'; Command = { Get-NetProcessUsage -IncludeLoopback } }
        @{ View = 'connection'; Command = { Get-NetProcessUsage -IncludeLoopback -ByConnection } }
    ) {
        if ($Unavailable) { Set-ItResult -Skipped -Because $Unavailable; return }
        $rows = @(& $Command)
        $rows[-1].Kind | Should -Be 'Unattributed'
        $table = $rows | Format-Table | Out-String -Width 200
        foreach ($line in $table -split "`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 79 -Because "'$line' must fit 80 columns" }
        $headings = (($table -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1) -split '\s+') | Where-Object { $_ }
        $headings.Count | Should -BeGreaterThan 5
        foreach ($heading in $headings) {
            $rows[0].PSObject.Properties[$heading] | Should -Not -BeNullOrEmpty -Because "Sort-Object $heading needs a property of that name"
            { $rows | Sort-Object $heading -ErrorAction Stop } | Should -Not -Throw
        }
    }

    It 'reports a named interface that does not exist as InterfaceNotFound' {
        if ($Unavailable) { Set-ItResult -Skipped -Because $Unavailable; return }
        $rows = Get-NetProcessUsage -InterfaceName 'nosuch0' -IncludeLoopback -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InterfaceNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'declares what it writes' {
        (Get-Command Get-NetProcessUsage).OutputType.Name | Should -Be @('NetUsageTracker.NetProcessUsage', 'NetUsageTracker.NetConnectionUsage')
    }
}
