# Which network an interface is on, for real: NetworkManager (python3-dbusmock's template on a private bus
# that stands for the system bus) naming a Wi-Fi link, and, where no NetworkManager answers, the gateway's
# link-layer address in a network namespace of the test whose default route goes through a veth pair.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')
    $script:SkipReason = Get-TestNetworkSkipReason
    if (-not $SkipReason -and -not (Get-Command dbus-daemon -CommandType Application -ErrorAction Ignore)) { $script:SkipReason = 'dbus-daemon is not installed' }
    if (-not $SkipReason) {
        $null = & /usr/bin/python3 -c 'import dbusmock' 2>&1
        if ($LASTEXITCODE -ne 0) { $script:SkipReason = 'python3-dbusmock is not installed' }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'alerts.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')

    function Invoke-MockNetworkManager {
        param([Parameter(Mandatory)] [string[]] $Arguments)
        $json = & /usr/bin/python3 (Join-Path $PSScriptRoot 'networkmanager.py') @Arguments
        if ($LASTEXITCODE -ne 0) { throw "networkmanager.py $Arguments failed." }
        $json | ConvertFrom-Json
    }

    function Reset-NetworkSource {
        # The network source is chosen once per runspace: a fresh import makes one that reads the bus anew.
        Remove-Module NetUsageTracker
        Import-Module $script:ModuleManifest -Force
    }
}

Describe 'Networks from NetworkManager' -Skip:($null -ne $SkipReason) {
    BeforeAll {
        $script:Saved = $env:DBUS_SYSTEM_BUS_ADDRESS
        $script:Bus = Start-PrivateBus
        # The Wi-Fi link NetworkManager manages: the root end of a veth pair of the test.
        $script:Net = New-TestNetwork -NoPeer
        $script:Interface = $Net.HostName
        $start = [Diagnostics.ProcessStartInfo]::new('/usr/bin/python3')
        foreach ($a in '-m', 'dbusmock', '--system', '-t', 'networkmanager') { $start.ArgumentList.Add($a) }
        $start.Environment['DBUS_SYSTEM_BUS_ADDRESS'] = $Bus.Address
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $script:Mock = [Diagnostics.Process]::Start($start)
        if (-not (Wait-Until { Test-BusName $Bus 'org.freedesktop.NetworkManager' })) { throw 'The mock NetworkManager did not take its bus name.' }
        $script:Wifi = Invoke-MockNetworkManager 'wifi', $Bus.Address, $Interface, "Pixel 7 $([char]0x2708)", '1'
        $env:DBUS_SYSTEM_BUS_ADDRESS = $Bus.Address
        Reset-NetworkSource
    }

    AfterAll {
        $env:DBUS_SYSTEM_BUS_ADDRESS = $Saved
        if ($Mock -and -not $Mock.HasExited) { $Mock.Kill() }
        if ($Bus) { Stop-PrivateBus $Bus }
        Remove-TestNetwork $Net
        Reset-NetworkSource
    }

    It 'names the Wi-Fi interface by its SSID, with the connection''s UUID and Metered, in Get-NetConnectionInfo and Get-NetUsage' {
        $info = Get-NetConnectionInfo -InterfaceName $Interface -IncludeVirtual -Verbose 4>&1
        $verbose = $info | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $info = $info | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Contain 'Networks from NetworkManager on the system bus, else the gateway''s link-layer address.'
        $info.NetworkName | Should -Be "Pixel 7 $([char]0x2708)"
        $info.NetworkId | Should -Be $Wifi.Uuid
        $info.Metered | Should -BeTrue
        $info.NetworkOrigin | Should -Be 'NetworkManager'

        $usage = Get-NetUsage -InterfaceName $Interface -IncludeVirtual
        ($usage.NetworkName, $usage.NetworkId, $usage.Metered) | Should -Be ($info.NetworkName, $info.NetworkId, $true)
    }

    It 'records the Wi-Fi interface''s traffic in the history under the SSID and the connection''s UUID' {
        $path = New-HistoryPath
        Update-NetUsageHistory -Path $path
        # Datagrams to the namespace's end, where nothing listens: they and the ICMP answers cross the pair.
        $udp = [System.Net.Sockets.UdpClient]::new()
        try {
            $payload = [byte[]]::new(1000)
            for ($i = 0; $i -lt 50; $i++) { $null = $udp.Send($payload, $payload.Length, $Net.PeerAddress, 9) }
        }
        finally {
            $udp.Dispose()
        }
        Start-Sleep -Milliseconds 200
        $record = Update-NetUsageHistory -Path $path -PassThru | Where-Object InterfaceName -eq $Interface
        ($record.NetworkName, $record.NetworkId) | Should -Be ("Pixel 7 $([char]0x2708)", $Wifi.Uuid)

        $rows = @(Get-NetUsageHistory -Path $path -By Year -Network 'Pixel 7*' -IncludeVirtual)
        $rows.Count | Should -Be 1
        ($rows[0].InterfaceName, $rows[0].NetworkName, $rows[0].NetworkId) | Should -Be ($Interface, "Pixel 7 $([char]0x2708)", $Wifi.Uuid)
        $rows[0].BytesSent | Should -BeGreaterOrEqual (50 * 1042)
        $rows[0].TotalBytes | Should -Be (Get-NetUsageHistory -Path $path -By Year -InterfaceName $Interface -IncludeVirtual).TotalBytes
        (Get-NetUsageHistory -Path $path -By Year -Network $Wifi.Uuid -IncludeVirtual).TotalBytes | Should -Be $rows[0].TotalBytes
    }

    It 'follows a change of Metered that NetworkManager signals' {
        $null = Invoke-MockNetworkManager 'metered', $Bus.Address, $Wifi.Device, '2'
        Wait-Until { (Get-NetConnectionInfo -InterfaceName $Interface -IncludeVirtual).Metered -eq $false } -TimeoutSeconds 10 | Should -BeTrue
        (Get-NetConnectionInfo -InterfaceName $Interface -IncludeVirtual).NetworkId | Should -Be $Wifi.Uuid
    }

    It 'gives the interface back its own network when NetworkManager stops, and says why' {
        $Mock.Kill()
        $Mock.WaitForExit()
        Wait-Until { (Get-NetConnectionInfo -InterfaceName $Interface -IncludeVirtual).NetworkOrigin -eq 'Interface' } -TimeoutSeconds 10 | Should -BeTrue
        $info = Get-NetConnectionInfo -InterfaceName $Interface -IncludeVirtual -Verbose 4>&1
        ($info | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message | Should -Match 'NetworkManager is not running on the system bus'
        $info = $info | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        ($info.NetworkName, $info.Metered) | Should -Be ($Interface, $null)
        $info.NetworkId | Should -Be ([NetUsageTracker.Networks.NetworkIds]::FromInterface($Interface))
    }
}

Describe 'Networks from the gateway''s link-layer address' -Skip:($null -ne $SkipReason) {
    BeforeAll {
        # The namespace routes everything through the veth pair to the root side's end, its gateway; the
        # machine's own routes are not touched. Its neighbour entry for the gateway is learnt by ARP.
        $script:Net = New-TestNetwork -NoPeer
        Invoke-Ip -n $Net.Namespace route add default via $Net.HostAddress | Out-Null
        $script:OriginalMac = (Invoke-Ip -j link show dev $Net.HostName | ConvertFrom-Json)[0].address

        function Set-GatewayMac {
            # Gives the gateway end a link-layer address and lets the namespace learn it by ARP: the old entry
            # is removed and a datagram to the gateway's discard port resolves it anew.
            param([Parameter(Mandatory)] [string] $Mac)
            Invoke-Ip link set dev $Net.HostName address $Mac | Out-Null
            Invoke-Ip -n $Net.Namespace neigh del $Net.HostAddress dev $Net.PeerName | Out-Null
            Invoke-Ip netns exec $Net.Namespace /usr/bin/python3 -c "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'arp', ('$($Net.HostAddress)', 9))" | Out-Null
            $learnt = Wait-Until -TimeoutSeconds 10 {
                $entry = @(Invoke-Ip -n $Net.Namespace -j neigh show dev $Net.PeerName to $Net.HostAddress | ConvertFrom-Json)
                $entry.Count -gt 0 -and $entry[0].lladdr -eq $Mac.ToLowerInvariant()
            }
            if (-not $learnt) { throw "The namespace did not learn the gateway's address $Mac." }
        }

        function Get-NamespaceNetwork {
            # Get-NetConnectionInfo inside the namespace, with no NetworkManager to ask.
            Invoke-PwshJson -Wrapper 'ip', 'netns', 'exec', $Net.Namespace -Script @"
`$env:DBUS_SYSTEM_BUS_ADDRESS = 'unix:path=/nonexistent/nut/system_bus_socket'
Get-NetConnectionInfo -InterfaceName '$($Net.PeerName)' -IncludeVirtual | Select-Object InterfaceName, NetworkName, NetworkId, @{ n = 'NetworkOrigin'; e = { "`$(`$_.NetworkOrigin)" } }, Metered, IsDefaultRoute
"@
        }

        function Get-ExpectedId {
            param([Parameter(Mandatory)] [string] $Mac)
            [NetUsageTracker.Networks.NetworkIds]::FromGateway([byte[]]($Mac -split ':' | ForEach-Object { [Convert]::ToByte($_, 16) }))
        }
    }

    AfterAll {
        Remove-TestNetwork $Net
    }

    It 'is the network of the gateway''s address; another address is another network, and the first again the same' {
        $first = '02:4e:55:54:00:01'
        $second = '02:4e:55:54:00:02'

        Set-GatewayMac $first
        $a = Get-NamespaceNetwork
        Set-GatewayMac $second
        $b = Get-NamespaceNetwork
        Set-GatewayMac $first
        $c = Get-NamespaceNetwork

        $a.IsDefaultRoute | Should -BeTrue
        $a.NetworkOrigin | Should -Be 'Gateway'
        $a.NetworkName | Should -Be $Net.HostAddress
        $a.Metered | Should -BeNullOrEmpty
        $a.NetworkId | Should -Be (Get-ExpectedId $first)
        $b.NetworkId | Should -Be (Get-ExpectedId $second)
        $b.NetworkId | Should -Not -Be $a.NetworkId
        $c.NetworkId | Should -Be $a.NetworkId
        $a.NetworkId | Should -Not -Match ($first -replace ':', '')
    }

    It 'makes the interface its own network when its gateway is gone' {
        Invoke-Ip -n $Net.Namespace route del default | Out-Null
        try {
            $network = Get-NamespaceNetwork
            $network.NetworkOrigin | Should -Be 'Interface'
            $network.NetworkName | Should -Be $Net.PeerName
        }
        finally {
            Invoke-Ip -n $Net.Namespace route add default via $Net.HostAddress | Out-Null
        }
    }
}

Describe 'The network benchmark script' -Skip:(-not $IsLinux) {
    It 'NetworkBench.ps1 times the Linux source through the engine and writes its rows' {
        # The figures are the benchmark's business; this only keeps the script working as the engine changes.
        $out = Join-Path $TestDrive 'networks'
        $pwsh = @(Get-PwshCommand)
        $text = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot '../bench/NetworkBench.ps1') `
            -ModulePath $script:ModuleManifest -OutDirectory $out -Batches 4 -BatchSize 2 -Changes 2 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $text
        $rows = @(Get-Content (Join-Path $out 'networks.json') -Raw | ConvertFrom-Json)
        $rows[0].Row | Should -Be 'snapshot floor (/proc/net/dev)'
        $rows[1].Row | Should -BeLike 'gateway, no NetworkManager*'
        $rows | ForEach-Object { $_.MedianUs | Should -BeGreaterThan 0 }
    }
}
