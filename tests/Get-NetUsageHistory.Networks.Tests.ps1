# Usage per network in the history, for real: a veth pair into a namespace of the test whose default route goes
# through the pair; the "network" is the gateway's link-layer address (the Linux source where no NetworkManager
# answers), changed by giving the gateway end another address. Known UDP traffic on each network; the recorders
# run inside the namespace. And -Network's errors and completion, which need no namespace.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')
    $script:SkipReason = Get-TestNetworkSkipReason
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')
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
        $script:NoNetworkManager = '$env:DBUS_SYSTEM_BUS_ADDRESS = ''unix:path=/nonexistent/nut/system_bus_socket'''
        $script:Select = "-InterfaceName '$($Net.PeerName)' -IncludeVirtual"

        function Set-GatewayMac {
            # Gives the gateway end a link-layer address and lets the namespace learn it by ARP.
            param([Parameter(Mandatory)] [string] $Mac)
            Invoke-Ip link set dev $Net.HostName address $Mac | Out-Null
            Invoke-Ip -n $Net.Namespace neigh del $Net.HostAddress dev $Net.PeerName | Out-Null
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

        $script:MacA = '02:4e:55:54:0a:01'
        $script:MacB = '02:4e:55:54:0b:02'
        $script:IdA = Get-GatewayId $MacA
        $script:IdB = Get-GatewayId $MacB
    }

    AfterAll {
        if ($Sink) { $Sink.Dispose() }
        Remove-TestNetwork $Net
    }

    It 'Watch-NetUsage -Record records at the change: each network''s traffic to it, the interface''s total the sum' {
        $path = New-HistoryPath
        Set-GatewayMac $MacA
        $watch = Start-PwshProcess -Wrapper 'ip', 'netns', 'exec', $Net.Namespace -Script "$NoNetworkManager; Watch-NetUsage $Select -Record -Path '$path' -Interval 0.2 | Out-Null"
        try {
            $baseline = "SELECT network FROM interface_state WHERE interface = '$($Net.PeerName)';"
            Wait-Until -TimeoutSeconds 60 { (Test-Path $path) -and (Invoke-HistorySql -Path $path -Sql $baseline) -eq $IdA } | Should -BeTrue -Because 'the watch records its start on network A'
            $onA = Send-Known -Count 300
            Set-GatewayMac $MacB
            Wait-Until -TimeoutSeconds 20 { (Invoke-HistorySql -Path $path -Sql $baseline) -eq $IdB } | Should -BeTrue -Because 'the watch records at the change'
            $onB = Send-Known -Count 200
        }
        finally {
            if (-not $watch.HasExited) { $watch.Kill() }
            $watch.WaitForExit()
        }
        # The rest since the watch's last recording, as the next scheduled job records it.
        $null = Invoke-Recording $path

        $a = Get-Carried $path $IdA
        $b = Get-Carried $path $IdB
        $a | Should -BeGreaterOrEqual $onA
        $a | Should -BeLessOrEqual ($onA + 4KB)
        $b | Should -BeGreaterOrEqual $onB
        $b | Should -BeLessOrEqual ($onB + 4KB)
        $total = (Get-NetUsageHistory -Path $path -By Year -InterfaceName $Net.PeerName -IncludeVirtual | Measure-Object TotalBytes -Sum).Sum
        $total | Should -Be ($a + $b)

        # Both gateways have one address, so one name: -Network by name reads them as two rows.
        $rows = @(Get-NetUsageHistory -Path $path -By Year -Network $Net.HostAddress -InterfaceName $Net.PeerName -IncludeVirtual)
        ($rows.NetworkId | Sort-Object) | Should -Be (@($IdA, $IdB) | Sort-Object)
    }

    It 'the resident recorder notices the change between its recordings and records at it' {
        $path = New-HistoryPath
        Set-GatewayMac $MacA
        $resident = Start-PwshProcess -Wrapper 'ip', 'netns', 'exec', $Net.Namespace -Script "$NoNetworkManager; Update-NetUsageHistory -Path '$path' -Every 01:00:00"
        try {
            $baseline = "SELECT network FROM interface_state WHERE interface = '$($Net.PeerName)';"
            Wait-Until -TimeoutSeconds 60 { (Test-Path $path) -and (Invoke-HistorySql -Path $path -Sql $baseline) -eq $IdA } | Should -BeTrue
            $onA = Send-Known -Count 250
            Set-GatewayMac $MacB
            # It looks once a minute: the recording at the change comes within that, an hour before its next one.
            Wait-Until -TimeoutSeconds 90 { (Invoke-HistorySql -Path $path -Sql $baseline) -eq $IdB } | Should -BeTrue -Because 'the resident recorder records at the change'
        }
        finally {
            if (-not $resident.HasExited) { $resident.Kill() }
            $resident.WaitForExit()
        }
        $a = Get-Carried $path $IdA
        $a | Should -BeGreaterOrEqual $onA
        $a | Should -BeLessOrEqual ($onA + 4KB)
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
