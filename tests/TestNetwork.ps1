# A private network for the namespace tests: a namespace and a veth pair with a /30 from 198.18.0.0/15
# that nothing on the machine uses, made quiet (no IPv6, static neighbours) so that the only traffic
# on the pair is the tests' own. Dot-sourced after common.ps1 by the accuracy and interface-class tests,
# and by tests/remoting.ps1, whose test hosts are such namespaces.

# Runs record themselves here (one file per namespace holding the owner's PID), so a later run can
# remove what a crashed run left behind without touching a run that is still going.
$script:TestNetworkStateDir = '/run/netusagetracker-tests'
$script:TestRange = [pscustomobject]@{ Network = [uint32]3323068416; Prefix = 15 } # 198.18.0.0/15

function Get-TestNetworkSkipReason {
    # Why the namespace tests cannot run here, or $null when they can. -NoPeer: the tests do without
    # the python helper at the far end.
    param([switch] $NoPeer)
    if (-not $IsLinux) { return 'network namespaces and veth pairs exist on Linux only' }
    if ((& id -u) -ne '0') { return 'creating a network namespace needs root (CI runs the tests as root)' }
    if (-not (Get-Command ip -CommandType Application -ErrorAction SilentlyContinue)) { return "the 'ip' command (Debian package iproute2) is not installed" }
    if (-not $NoPeer -and -not (Get-TestPython)) { return 'python3 is not installed (it runs the far end inside the namespace)' }
    $probe = "nutprobe$(Get-Random -Maximum 100000)"
    & ip netns add $probe 2>$null
    if ($LASTEXITCODE -ne 0) { return 'this machine does not allow creating network namespaces (ip netns add failed)' }
    & ip netns del $probe
    return $null
}

function Get-TestPython {
    foreach ($candidate in '/usr/bin/python3', (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue).Source) {
        if ($candidate -and (Test-Path $candidate)) { return $candidate }
    }
}

function ConvertTo-Cidr {
    # '198.18.4.0/30' -> network and prefix length, or $null for anything not IPv4.
    param([string] $Text)
    $address, $prefix = $Text -split '/'
    $ip = $null
    if (-not [System.Net.IPAddress]::TryParse($address, [ref]$ip) -or $ip.AddressFamily -ne 'InterNetwork') { return $null }
    $bytes = $ip.GetAddressBytes()
    [pscustomobject]@{
        Network = [uint32](([uint32]$bytes[0] -shl 24) -bor ([uint32]$bytes[1] -shl 16) -bor ([uint32]$bytes[2] -shl 8) -bor $bytes[3])
        Prefix = if ($prefix) { [int]$prefix } else { 32 }
    }
}

function Test-CidrOverlap {
    param($A, $B)
    $prefix = [Math]::Min($A.Prefix, $B.Prefix)
    $all = [uint64]4294967295
    $mask = [uint32]((($all -shl (32 - $prefix)) -band $all))
    ($A.Network -band $mask) -eq ($B.Network -band $mask)
}

function Get-UsedIPv4Networks {
    # Every IPv4 address and route of the machine and of the namespaces that exist now (another run's
    # namespace counts as used too).
    $namespaces = @($null) + @((& ip -j netns list | ConvertFrom-Json) | ForEach-Object name)
    foreach ($ns in $namespaces) {
        $scope = if ($ns) { @('-n', $ns) } else { @() }
        foreach ($link in (& ip @scope -j addr show | ConvertFrom-Json)) {
            foreach ($a in $link.addr_info) { ConvertTo-Cidr "$($a.local)/$($a.prefixlen)" }
        }
        foreach ($route in (& ip @scope -j route show table all | ConvertFrom-Json)) {
            if ($route.dst -ne 'default') { ConvertTo-Cidr $route.dst }
        }
    }
}

function Find-FreeTestSubnet {
    # A /30 of 198.18.0.0/15 that overlaps nothing in use, picked at random so that concurrent runs differ.
    $used = @(Get-UsedIPv4Networks | Where-Object { $_ })
    for ($try = 0; $try -lt 100; $try++) {
        $candidate = [pscustomobject]@{ Network = [uint32]($TestRange.Network + 4 * (Get-Random -Maximum 32768)); Prefix = 30 }
        if (-not ($used | Where-Object { Test-CidrOverlap $_ $candidate })) {
            $text = { param([uint32] $n) ([System.Net.IPAddress]::new([byte[]]@(($n -shr 24), ($n -shr 16 -band 255), ($n -shr 8 -band 255), ($n -band 255)))).ToString() }
            return [pscustomobject]@{ HostAddress = & $text ($candidate.Network + 1); PeerAddress = & $text ($candidate.Network + 2) }
        }
    }
    throw 'No free /30 found in 198.18.0.0/15.'
}

function Invoke-Ip {
    # Runs ip and stops the test when it fails.
    $output = & ip @args 2>&1
    if ($LASTEXITCODE -ne 0) { throw "ip $($args -join ' ') failed: $output" }
    $output
}

function Stop-TestNamespaceProcess {
    # Ends, by PID, every process still inside a test namespace (a helper, an sshd and its sessions):
    # deleting the namespace's name alone would leave them running where nobody can reach them.
    param([Parameter(Mandatory)] [string] $Namespace)
    foreach ($id in @(& ip netns pids $Namespace 2>$null)) {
        & kill -KILL $id 2>$null
    }
}

function Remove-TestNetworkLeftover {
    # Removes the namespaces, their processes and the veths of runs whose process is gone (a crash, a
    # killed CI job).
    if (-not (Test-Path $TestNetworkStateDir)) { return }
    foreach ($file in Get-ChildItem $TestNetworkStateDir -Filter '*.owner') {
        $ownerPid = (Get-Content $file.FullName -Raw).Trim()
        if (Test-Path "/proc/$ownerPid") { continue }
        $ns = $file.BaseName
        Stop-TestNamespaceProcess $ns
        & ip link del "$($ns)h" 2>$null
        & ip netns del $ns 2>$null
        Remove-Item $file.FullName -Force
    }
}

function Add-TestVethPair {
    # Creates the veth pair, the far end inside the namespace, and makes both ends quiet: no IPv6
    # (no router solicitations, no MLD) and permanent neighbours (no ARP).
    param([Parameter(Mandatory)] $Network)
    $h, $p, $ns = $Network.HostName, $Network.PeerName, $Network.Namespace
    Invoke-Ip link add $h type veth peer name $p netns $ns | Out-Null
    $null = & sysctl -q -w "net.ipv6.conf.$h.disable_ipv6=1"
    Invoke-Ip addr add "$($Network.HostAddress)/30" dev $h | Out-Null
    Invoke-Ip -n $ns addr add "$($Network.PeerAddress)/30" dev $p | Out-Null
    $hostMac = (Invoke-Ip -j link show dev $h | ConvertFrom-Json)[0].address
    $peerMac = (Invoke-Ip -n $ns -j link show dev $p | ConvertFrom-Json)[0].address
    Invoke-Ip neigh replace $Network.PeerAddress lladdr $peerMac dev $h nud permanent | Out-Null
    Invoke-Ip -n $ns neigh replace $Network.HostAddress lladdr $hostMac dev $p nud permanent | Out-Null
    Invoke-Ip -n $ns link set $p up | Out-Null
    Invoke-Ip link set $h up | Out-Null
}

function New-TestNetwork {
    # The namespace, the veth pair and the far end's helper process; Remove-TestNetwork undoes it all.
    # -PeerName names the far end inside the namespace (a remoting test host calls it eth0, as a machine
    # would); -NoPeer starts no helper (the caller runs its own processes inside, such as an sshd).
    param([string] $PeerName, [switch] $NoPeer)
    Remove-TestNetworkLeftover
    $ns = New-TestNamespaceName
    $subnet = Find-FreeTestSubnet
    $network = [pscustomobject]@{
        Namespace = $ns; HostName = "$($ns)h"; PeerName = $(if ($PeerName) { $PeerName } else { "$($ns)p" })
        HostAddress = $subnet.HostAddress; PeerAddress = $subnet.PeerAddress; Peer = $null
        # Where the host end is: $null for the root namespace, else the namespace of Move-TestNetworkHostEnd's gateway.
        HostNamespace = $null; Gateway = $null
    }
    try {
        Invoke-Ip netns add $ns | Out-Null
        Invoke-Ip netns exec $ns sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 | Out-Null
        Invoke-Ip -n $ns link set lo up | Out-Null
        Add-TestVethPair $network
        if ($NoPeer) { return $network }
        $network.Peer = Start-TestNamespacePeer $ns
    }
    catch {
        Remove-TestNetwork $network
        throw
    }
    $network
}

function Remove-TestNetwork {
    param($Network)
    if (-not $Network) { return }
    Remove-TestNamespace $Network
    & ip link del $Network.HostName 2>$null
    if ($Network.Gateway) { Remove-TestNamespace $Network.Gateway }
}

function Remove-TestNamespace {
    # A namespace of the tests (the test network's or a gateway's): its helper, its other processes, the
    # namespace and its record.
    param([Parameter(Mandatory)] $Owner)
    if ($Owner.Peer) {
        if (-not $Owner.Peer.HasExited) { $Owner.Peer.Kill() }
        $Owner.Peer.Dispose()
    }
    Stop-TestNamespaceProcess $Owner.Namespace
    & ip netns del $Owner.Namespace 2>$null
    Remove-Item (Join-Path $TestNetworkStateDir "$($Owner.Namespace).owner") -Force -ErrorAction SilentlyContinue
}

function New-TestNamespaceName {
    # A name for a namespace of the tests that is free now, recorded with this process as its owner.
    do {
        $ns = 'nut' + (Get-Random -Maximum 0xFFFFF).ToString('x5')
    } while ((Test-Path "/run/netns/$ns") -or (Test-Path "/sys/class/net/$($ns)h"))
    $null = New-Item -ItemType Directory -Path $TestNetworkStateDir -Force
    Set-Content -Path (Join-Path $TestNetworkStateDir "$ns.owner") -Value $PID
    $ns
}

function Start-TestNamespacePeer {
    # The helper (netns_peer.py) inside -Namespace, once it has said it is ready.
    param([Parameter(Mandatory)] [string] $Namespace)
    $start = [System.Diagnostics.ProcessStartInfo]::new('ip')
    foreach ($a in 'netns', 'exec', $Namespace, (Get-TestPython), '-u', (Join-Path $PSScriptRoot 'netns_peer.py')) { $start.ArgumentList.Add($a) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $owner = [pscustomobject]@{ Peer = [System.Diagnostics.Process]::Start($start) }
    $ready = Read-PeerAnswer $owner
    if ($ready -ne 'ready') {
        if (-not $owner.Peer.HasExited) { $owner.Peer.Kill() }
        throw "The namespace helper did not start: $ready"
    }
    $owner.Peer
}

function Move-TestNetworkHostEnd {
    # Plugs the pair's host end into another gateway, as a cable moved to another router: a namespace of its
    # own with a bridge of link-layer address -Mac that holds the host address, the host end one of its
    # ports, and a helper there holding a UDP socket on -SinkPort (so that datagrams to it are queued, not
    # answered with ICMP). The gateway it leaves is removed; Remove-TestNetwork removes the last. The peer
    # end stays as it is: its namespace still has to learn the new gateway's link-layer address.
    param([Parameter(Mandatory)] $Network, [Parameter(Mandatory)] [string] $Mac, [Parameter(Mandatory)] [int] $SinkPort)
    $gateway = [pscustomobject]@{ Namespace = (New-TestNamespaceName); Peer = $null }
    $previous = $Network.Gateway
    $Network.Gateway = $gateway
    $ns, $h = $gateway.Namespace, $Network.HostName
    Invoke-Ip netns add $ns | Out-Null
    Invoke-Ip netns exec $ns sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 | Out-Null
    Invoke-Ip -n $ns link set lo up | Out-Null
    Invoke-Ip -n $ns link add nutgw type bridge | Out-Null
    Invoke-Ip -n $ns link set nutgw address $Mac | Out-Null
    Invoke-Ip -n $ns addr add "$($Network.HostAddress)/30" dev nutgw | Out-Null
    Invoke-Ip -n $ns link set nutgw up | Out-Null
    $gateway.Peer = Start-TestNamespacePeer $ns
    $null = Invoke-Peer $gateway "bind-udp $($Network.HostAddress) $SinkPort"
    $from = if ($Network.HostNamespace) { @('-n', $Network.HostNamespace) } else { @() }
    Invoke-Ip @from link set $h netns $ns | Out-Null
    $Network.HostNamespace = $ns
    Invoke-Ip -n $ns link set $h master nutgw | Out-Null
    Invoke-Ip -n $ns link set $h up | Out-Null
    if ($previous) { Remove-TestNamespace $previous }
}

function Read-PeerAnswer {
    param([Parameter(Mandatory)] $Network, [double] $TimeoutSeconds = 20)
    $line = $Network.Peer.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds($TimeoutSeconds))) { throw 'The namespace helper did not answer in time.' }
    $line.Result
}

function Invoke-Peer {
    # Sends one command to the helper inside the namespace and returns its answer.
    param([Parameter(Mandatory)] $Network, [Parameter(Mandatory)] [string] $Command)
    $Network.Peer.StandardInput.WriteLine($Command)
    $Network.Peer.StandardInput.Flush()
    $answer = Read-PeerAnswer $Network
    if ($answer -like 'error *') { throw "The namespace helper failed '$Command': $answer" }
    $answer
}

function Get-KernelCounters {
    # The kernel's own counters of one interface, from netlink (ip -s -j link), in the root namespace
    # or in -Namespace.
    param([Parameter(Mandatory)] [string] $Name, [string] $Namespace)
    $scope = if ($Namespace) { @('-n', $Namespace) } else { @() }
    $stats = (Invoke-Ip @scope -s -j link show dev $Name | ConvertFrom-Json)[0].stats64
    [pscustomobject]@{
        BytesReceived = [uint64]$stats.rx.bytes; PacketsReceived = [uint64]$stats.rx.packets
        BytesSent = [uint64]$stats.tx.bytes; PacketsSent = [uint64]$stats.tx.packets
    }
}

function Wait-TestNetworkQuiet {
    # Returns once the peer end's counters have not moved for a quarter of a second (the last ACK of a
    # transfer has passed), so that two reads a moment apart see the same traffic. The peer end, which
    # stays in its namespace wherever Move-TestNetworkHostEnd takes the host end.
    param([Parameter(Mandatory)] $Network)
    $state = @{ Seen = $null; Since = [DateTime]::UtcNow }
    $quiet = Wait-Until -TimeoutSeconds 10 -Condition {
        $now = Get-KernelCounters $Network.PeerName -Namespace $Network.Namespace | ConvertTo-Json -Compress
        if ($now -ne $state.Seen) { $state.Seen = $now; $state.Since = [DateTime]::UtcNow }
        ([DateTime]::UtcNow - $state.Since).TotalMilliseconds -ge 250
    }
    if (-not $quiet) { throw "Traffic on $($Network.PeerName) does not stop: something else uses the veth pair." }
}

function Get-PeerEngineCounters {
    # The far end's counters as the engine reads them: its namespace's /proc/net/dev (that of the
    # helper process, which lives in the namespace) through ProcNetDevCounterSource.
    param([Parameter(Mandatory)] $Network)
    $source = [NetUsageTracker.Sampling.ProcNetDevCounterSource]::new("/proc/$($Network.Peer.Id)/net/dev")
    try {
        $snapshot = [NetUsageTracker.Sampling.CounterSnapshot]::new()
        $source.Read($snapshot)
        $counters = [NetUsageTracker.Sampling.InterfaceCounters]::new()
        if (-not $snapshot.TryGet($Network.PeerName, [ref]$counters)) { throw "$($Network.PeerName) is not in the namespace's /proc/net/dev." }
        [pscustomobject]@{
            BytesReceived = $counters.BytesReceived; PacketsReceived = $counters.PacketsReceived
            BytesSent = $counters.BytesSent; PacketsSent = $counters.PacketsSent
        }
    }
    finally {
        $source.Dispose()
    }
}
