# Usage per network in the history, for real: a veth pair into a namespace of the test whose default route goes
# through the pair; the "network" is the gateway's link-layer address (the Linux source where no NetworkManager
# answers), changed by giving the gateway end another address, or by moving the gateway end into a second
# namespace, another gateway with an address of its own. Known UDP traffic on each network; the recorders run
# inside the namespace. And -Network's errors and completion, which need no namespace.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')
    $script:SkipReason = Get-TestNetworkSkipReason
    # The recorders that notice a change of network and record at it. Watch-NetUsage records every interval; the
    # resident recorder looks for a change once a minute between its recordings, an hour apart here.
    $script:Recorders = @(
        @{ Recorder = 'Watch-NetUsage -Record'; Command = "Watch-NetUsage {1} -Record -Path '{0}' -Interval 0.2 | Out-Null"; Within = 20 }
        @{ Recorder = 'The resident recorder'; Command = "Update-NetUsageHistory -Path '{0}' -Every 01:00:00"; Within = 90 }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')

    # For the namespace tests: each Describe sets $Net (New-TestNetwork) and $Port (where the datagrams go).
    $script:NoNetworkManager = '$env:DBUS_SYSTEM_BUS_ADDRESS = ''unix:path=/nonexistent/nut/system_bus_socket'''

    function Update-GatewayNeighbour {
        # Lets the namespace learn the gateway's link-layer address anew, by ARP, and waits until it has.
        param([Parameter(Mandatory)] [string] $Mac)
        # The entry may be gone already: a move of the host end drops the pair's carrier, which clears it.
        & ip -n $Net.Namespace neigh del $Net.HostAddress dev $Net.PeerName 2>$null
        $null = Invoke-Peer $Net "send-udp $($Net.PeerAddress) $($Net.HostAddress) $Port 1 1"
        $learnt = Wait-Until -TimeoutSeconds 10 {
            $entry = @(Invoke-Ip -n $Net.Namespace -j neigh show dev $Net.PeerName to $Net.HostAddress | ConvertFrom-Json)
            $entry.Count -gt 0 -and $entry[0].lladdr -eq $Mac.ToLowerInvariant()
        }
        if (-not $learnt) { throw "The namespace did not learn the gateway's address $Mac." }
        Wait-TestNetworkQuiet $Net
    }

    function Get-GatewayId {
        param([Parameter(Mandatory)] [string] $Mac)
        [NetUsageTracker.Networks.NetworkIds]::FromGateway([byte[]]($Mac -split ':' | ForEach-Object { [Convert]::ToByte($_, 16) }))
    }

    function Send-Known {
        # Datagrams from the namespace to the sink; the bytes the peer's interface counts for them (Ethernet,
        # IPv4 and UDP headers: 42 bytes a datagram).
        param([int] $Count, [int] $Size = 1000)
        $null = Invoke-Peer $Net "send-udp $($Net.PeerAddress) $($Net.HostAddress) $Port $Count $Size"
        Wait-TestNetworkQuiet $Net
        [uint64]($Count * ($Size + 42))
    }

    function Invoke-Recording {
        # One scheduled-job style recording inside the namespace; returns its verbose messages.
        param([Parameter(Mandatory)] [string] $Path)
        @(Invoke-PwshJson -Wrapper 'ip', 'netns', 'exec', $Net.Namespace -Script "$NoNetworkManager; Update-NetUsageHistory -Path '$Path' -Verbose 4>&1 | ForEach-Object { `"`$_`" }")
    }

    function Get-Carried {
        # What the history counted to one network on the peer's interface, all time.
        param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Network)
        $sum = [uint64]0
        Get-NetUsageHistory -Path $Path -By Year -Network $Network -InterfaceName $Net.PeerName -IncludeVirtual | ForEach-Object { $sum += $_.TotalBytes }
        $sum
    }

    function Assert-PerNetwork {
        # Each gateway's known traffic counted to it ($IdA, $IdB of the Describe) within a few KB (the ARP
        # and the one datagram that teach the namespace a gateway), and the interface's total the sum.
        param([string] $Path, [uint64] $OnA, [uint64] $OnB)
        $a = Get-Carried $Path $IdA
        $b = Get-Carried $Path $IdB
        $a | Should -BeGreaterOrEqual $OnA
        $a | Should -BeLessOrEqual ($OnA + 4KB)
        $b | Should -BeGreaterOrEqual $OnB
        $b | Should -BeLessOrEqual ($OnB + 4KB)
        $total = (Get-NetUsageHistory -Path $Path -By Year -InterfaceName $Net.PeerName -IncludeVirtual | Measure-Object TotalBytes -Sum).Sum
        $total | Should -Be ($a + $b)
    }

    function Send-AcrossChange {
        # With a recorder running inside the namespace (-Command: {0} the history, {1} the interface), known
        # traffic on network A ($IdA, reached by -ToA), then -ToB, then known traffic on B ($IdB); the recorder
        # must record at the change within -Within seconds. Then it stops, and a scheduled-style recording
        # takes the rest. Returns the bytes sent on each network.
        param([string] $Path, [string] $Command, [int] $Within, [scriptblock] $ToA, [scriptblock] $ToB)
        & $ToA
        $select = "-InterfaceName '$($Net.PeerName)' -IncludeVirtual"
        $recorder = Start-PwshProcess -Wrapper 'ip', 'netns', 'exec', $Net.Namespace -Script "$NoNetworkManager; $($Command -f $Path, $select)"
        try {
            Wait-Until -TimeoutSeconds 60 { (Get-BaselineNetwork $Path) -eq $IdA } | Should -BeTrue -Because 'it records its start on network A'
            $onA = Send-Known -Count 300
            & $ToB
            Wait-Until -TimeoutSeconds $Within { (Get-BaselineNetwork $Path) -eq $IdB } | Should -BeTrue -Because 'it records at the change'
            $onB = Send-Known -Count 200
        }
        finally {
            if (-not $recorder.HasExited) { $recorder.Kill() }
            $recorder.WaitForExit()
        }
        $null = Invoke-Recording $Path
        [pscustomobject]@{ A = $onA; B = $onB }
    }

    function Get-BaselineNetwork {
        # The network the history's baseline of the peer's interface was taken on.
        param([Parameter(Mandatory)] [string] $Path)
        if (Test-Path $Path) { Invoke-HistorySql -Path $Path -Sql "SELECT network FROM interface_state WHERE interface = '$($Net.PeerName)';" }
    }
}

Describe '-Network on the history''s readers' {
    BeforeAll {
        $script:lo = Get-LoopbackName
        $script:Path = New-RecordedHistory -Bytes 1MB
        $script:LoopbackId = [NetUsageTracker.Networks.NetworkIds]::FromInterface($lo)
    }

    It 'reads an interface that is its own network by its name or its NetworkId, with the network on each row' {
        $byName = @(Get-NetUsageHistory -Path $Path -By Year -Network $lo -IncludeLoopback -InterfaceName $lo)
        $byName.Count | Should -Be 1
        ($byName[0].NetworkName, $byName[0].NetworkId, $byName[0].InterfaceName) | Should -Be ($lo, $LoopbackId, $lo)
        $byName[0].BytesReceived | Should -BeGreaterOrEqual 1MB
        $byName[0].BytesReceived | Should -Be (Get-HistoryTotal -Path $Path -InterfaceName $lo)
        $byId = @(Get-NetUsageHistory -Path $Path -By Year -Network $LoopbackId.ToUpperInvariant() -IncludeLoopback -InterfaceName $lo)
        $byId.TotalBytes | Should -Be $byName[0].TotalBytes
    }

    It 'shows rows per network in a table of their own that fits 80 columns' {
        $table = Get-NetUsageHistory -Path $Path -By Day -Network * -IncludeLoopback | Format-Table | Out-String -Width 200
        $lines = @($table -split "`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^PeriodStart\s+InterfaceName\s+NetworkName\s+Received\s+Sent\s+Total$'
        $lines | Where-Object { $_ -match "\s$([regex]::Escape($lo))\s+$([regex]::Escape($lo))\s" } | Should -Not -BeNullOrEmpty
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual 79 -Because "'$line' must fit 80 columns" }
    }

    It 'says so, with ErrorId NetworkNotFound, when -Network matches no network of the history' {
        $rows = Get-NetUsageHistory -Path $Path -Network 'No such network*' -ErrorVariable problems -ErrorAction SilentlyContinue
        $rows | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'NetworkNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 'No such network*'
        $problems[0].Exception.Message | Should -BeLike "*no network matching 'No such network*'*"
    }

    It 'stops Get-NetUsageQuota with NetworkNotFound rather than hold nothing against the limit' {
        $e = Get-TerminatingError { Get-NetUsageQuota -Path $Path -Limit 10GB -Network 'No such network' -ErrorAction SilentlyContinue }
        $e.FullyQualifiedErrorId | Should -BeLike 'NetworkNotFound,*'
    }

    It 'counts a quota per network' {
        $quota = Get-NetUsageQuota -Path $Path -Limit 10GB -Network $lo -IncludeLoopback -InterfaceName $lo
        $quota.NetworkName | Should -Be $lo
        $quota.Used | Should -BeGreaterOrEqual 2MB
    }

    It 'completes -Network from the networks the history has seen' {
        $line = "Get-NetUsageHistory -Path '$Path' -Network $($lo.Substring(0, 1))"
        $completions = [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches
        $completions.CompletionText | Should -Contain $lo
    }

    It 'keeps a history of the schema before working: it upgrades in place, its rows belong to no network' {
        $old = New-HistoryPath
        $sql = Get-Content (Join-Path $PSScriptRoot 'NetUsageTracker.Tests/Fixtures/history-schema2.sql') -Raw
        $db = [NetUsageTracker.History.Sqlite.SqliteDatabase]::Open($old, $true, [TimeSpan]::FromSeconds(5))
        try { $db.Execute($sql) } finally { $db.Dispose() }
        (Get-NetUsageHistory -Path $old -By Year -InterfaceName eth0).BytesReceived | Should -Be 9000000
        Get-NetUsageHistory -Path $old -By Year -Network * -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].Exception.Message | Should -BeLike '*has recorded no network yet*'
        Invoke-HistorySql -Path $old -Sql 'PRAGMA user_version;' | Should -Be ([NetUsageTracker.History.HistoryDatabase]::SchemaVersion)
    }
}

Describe 'Usage per network on a veth pair whose gateway changes' -Skip:($null -ne $SkipReason) {
    BeforeAll {
        $script:Net = New-TestNetwork
        Invoke-Ip -n $Net.Namespace route add default via $Net.HostAddress | Out-Null
        # The datagrams' sink on the root side, so that nothing answers them with ICMP.
        $script:Sink = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]$Net.HostAddress, 0))
        $script:Port = $Sink.Client.LocalEndPoint.Port

        function Set-GatewayMac {
            # Gives the gateway end a link-layer address and lets the namespace learn it by ARP.
            param([Parameter(Mandatory)] [string] $Mac)
            Invoke-Ip link set dev $Net.HostName address $Mac | Out-Null
            Update-GatewayNeighbour $Mac
        }

        $script:MacA, $script:MacB = '02:4e:55:54:0a:01', '02:4e:55:54:0b:02'
        $script:IdA, $script:IdB = (Get-GatewayId $MacA), (Get-GatewayId $MacB)
    }

    AfterAll {
        if ($Sink) { $Sink.Dispose() }
        Remove-TestNetwork $Net
    }

    It '<Recorder> records at the change: each network''s traffic to it, the interface''s total the sum' -ForEach $Recorders {
        $path = New-HistoryPath
        $sent = Send-AcrossChange $path $Command $Within -ToA { Set-GatewayMac $MacA } -ToB { Set-GatewayMac $MacB }
        Assert-PerNetwork $path $sent.A $sent.B

        # Both gateways have one address, so one name: -Network by name reads them as two rows.
        $rows = @(Get-NetUsageHistory -Path $path -By Year -Network $Net.HostAddress -InterfaceName $Net.PeerName -IncludeVirtual)
        ($rows.NetworkId | Sort-Object) | Should -Be (@($IdA, $IdB) | Sort-Object)
    }

    It 'a scheduled job that cannot notice gives the interval to the network of its last recording and says so' {
        $path = New-HistoryPath
        Set-GatewayMac $MacA
        $null = Invoke-Recording $path
        $sent = Send-Known -Count 150
        Set-GatewayMac $MacB
        $verbose = Invoke-Recording $path
        $said = @($verbose | Where-Object { $_ -like "The network of '$($Net.PeerName)' changed from*" })
        $said.Count | Should -Be 1
        $said[0] | Should -BeLike "*counted to '$($Net.HostAddress)', the network of that recording."
        $onA = Get-Carried $path $IdA
        $onA | Should -BeGreaterOrEqual $sent
        $onA | Should -BeLessOrEqual ($sent + 4KB)
        Get-NetUsageHistory -Path $path -By Year -Network $IdB -InterfaceName $Net.PeerName -IncludeVirtual -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        # Nothing twice: the next recording counts from the new baseline, to network B.
        $more = Send-Known -Count 100
        $null = Invoke-Recording $path
        Get-Carried $path $IdA | Should -Be $onA
        $onB = Get-Carried $path $IdB
        $onB | Should -BeGreaterOrEqual $more
        $onB | Should -BeLessOrEqual ($more + 4KB)
    }
}

Describe 'Usage per network on a veth pair whose far end moves to a second namespace' -Skip:($null -ne $SkipReason) {
    BeforeAll {
        # The host end of the pair goes into a gateway namespace of its own, then into a second one: another
        # gateway (a bridge of its own link-layer address) on the same address, as a laptop's cable moved
        # from one router to another. The namespace's default route stays; its neighbour entry is learnt anew.
        $script:Net = New-TestNetwork
        Invoke-Ip -n $Net.Namespace route add default via $Net.HostAddress | Out-Null
        # Where the datagrams go: each gateway's helper keeps a socket there (any port is free in a namespace).
        $script:Port = Get-Random -Minimum 20000 -Maximum 60000

        function Move-Gateway {
            param([Parameter(Mandatory)] [string] $Mac)
            Move-TestNetworkHostEnd $Net -Mac $Mac -SinkPort $Port
            Update-GatewayNeighbour $Mac
        }

        $script:MacA, $script:MacB = '02:4e:55:54:1a:01', '02:4e:55:54:1b:02'
        $script:IdA, $script:IdB = (Get-GatewayId $MacA), (Get-GatewayId $MacB)
    }

    AfterAll {
        Remove-TestNetwork $Net
    }

    It '<Recorder> records at the move: each gateway''s traffic to it, the interface''s total the sum' -ForEach $Recorders {
        $path = New-HistoryPath
        $sent = Send-AcrossChange $path $Command $Within -ToA { Move-Gateway $MacA } -ToB { Move-Gateway $MacB }
        Assert-PerNetwork $path $sent.A $sent.B
    }
}
