# Byte-exact accuracy against the kernel's own counters, on a veth pair the test creates in a network
# namespace of its own (see TestNetwork.ps1). Needs root and iproute2; skipped with the reason otherwise.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')

    # Per packet: Ethernet 14 + IPv4 20 + TCP 20 (60 with every option) bytes of headers; UDP has 8.
    # A segmentation-offloaded (GSO) packet carries one set of headers for many segments, so these
    # bounds hold for it too. The handshake and teardown are packets like any other.
    $script:TcpHeaderMin = 14 + 20 + 20
    $script:TcpHeaderMax = 14 + 20 + 60
    $script:UdpHeader = 14 + 20 + 8

    $script:SkipReason = Get-TestNetworkSkipReason
    if (-not $SkipReason) {
        $script:Net = New-TestNetwork
    }

    function Get-HostUsage {
        $u = Get-NetUsage -InterfaceName $Net.HostName
        [pscustomobject]@{ BytesReceived = $u.BytesReceived; PacketsReceived = $u.PacketsReceived; BytesSent = $u.BytesSent; PacketsSent = $u.PacketsSent }
    }

    function Get-Delta {
        param($Before, $After)
        [pscustomobject]@{
            BytesReceived = $After.BytesReceived - $Before.BytesReceived; PacketsReceived = $After.PacketsReceived - $Before.PacketsReceived
            BytesSent = $After.BytesSent - $Before.BytesSent; PacketsSent = $After.PacketsSent - $Before.PacketsSent
        }
    }

    function Get-Counters {
        # Both ends, the engine's view next to the kernel's, read while nothing moves on the pair.
        Wait-TestNetworkQuiet $Net
        [pscustomobject]@{
            HostKernel = Get-KernelCounters $Net.HostName
            HostUsage = Get-HostUsage
            PeerKernel = Get-KernelCounters $Net.PeerName -Namespace $Net.Namespace
            PeerEngine = Get-PeerEngineCounters $Net
        }
    }

    function Send-UdpFromHost {
        param([int] $Count, [int] $Size, [int] $Port)
        $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]$Net.HostAddress, 0))
        try {
            $to = [System.Net.IPEndPoint]::new([ipaddress]$Net.PeerAddress, $Port)
            $payload = [byte[]]::new($Size)
            for ($i = 0; $i -lt $Count; $i++) { $null = $udp.Send($payload, $Size, $to) }
        }
        finally {
            $udp.Dispose()
        }
    }

    function Assert-SameCounters {
        param($Actual, $Expected, [string] $Because)
        foreach ($field in 'BytesReceived', 'PacketsReceived', 'BytesSent', 'PacketsSent') {
            $Actual.$field | Should -Be $Expected.$field -Because "$Because ($field)"
        }
    }

    function Stop-Watch {
        # Stop() returns before the background batch has finished with its runspace; disposing it then
        # can crash the process from a thread-pool thread, so wait for the end first.
        param($Job)
        if (-not $Job.Handle.IsCompleted) { $Job.PowerShell.Stop() }
        try { $null = $Job.PowerShell.EndInvoke($Job.Handle) } catch [System.Management.Automation.PipelineStoppedException] { }
        $Job.PowerShell.Dispose()
    }

    function Get-TcpBytesRetransmitted {
        # tcp_info's tcpi_bytes_retrans (Linux 4.19 and later, at byte 208): a busy machine can drop a
        # segment at the far end's backlog, and the resent bytes go over the wire a second time.
        param([System.Net.Sockets.Socket] $Socket)
        $info = [byte[]]::new(256)
        $length = $Socket.GetRawSocketOption(6, 11, $info) # IPPROTO_TCP, TCP_INFO
        $length | Should -BeGreaterOrEqual 216 -Because 'the kernel reports tcpi_bytes_retrans (Linux 4.19 and later)'
        [BitConverter]::ToUInt64($info, 208)
    }

    function Get-FreePort { 20000 + (Get-Random -Maximum 30000) }

    function Get-Last { param($Collection) if ($Collection.Count -gt 0) { $Collection[$Collection.Count - 1] } }
}

AfterAll {
    if ($Net) { Remove-TestNetwork $Net }
}

Describe 'Accuracy against the kernel on a veth pair in a network namespace' {
    It 'counts a TCP transfer byte for byte on both ends, within the TCP/IP header allowance' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $payload = 1MB + 12345
        $port = Get-FreePort
        $before = Get-Counters

        Invoke-Peer $Net "recv-tcp $($Net.PeerAddress) $port" | Should -Be 'listening'
        $client = [System.Net.Sockets.TcpClient]::new([System.Net.IPEndPoint]::new([ipaddress]$Net.HostAddress, 0))
        try {
            $client.Connect([ipaddress]$Net.PeerAddress, $port)
            $stream = $client.GetStream()
            $stream.Write([byte[]]::new($payload), 0, $payload)
            $client.Client.Shutdown([System.Net.Sockets.SocketShutdown]::Send)
            # Read to the far end's FIN: the connection is closed on both sides before the counters are read.
            while ($stream.Read([byte[]]::new(16), 0, 16) -gt 0) { }
            $retransmitted = Get-TcpBytesRetransmitted $client.Client
        }
        finally {
            $client.Dispose()
        }
        Read-PeerAnswer $Net | Should -Be "received $payload"
        $after = Get-Counters

        # The engine reads the same counters as netlink, at the same instant: equal, not close.
        Assert-SameCounters $after.HostUsage $after.HostKernel 'Get-NetUsage and ip -s link read the host end'
        $hostDelta = Get-Delta $before.HostUsage $after.HostUsage
        Assert-SameCounters $hostDelta (Get-Delta $before.HostKernel $after.HostKernel) 'the host end moved'
        Assert-SameCounters $after.PeerEngine $after.PeerKernel "the namespace's /proc/net/dev and ip -n -s link read the far end"
        $peerDelta = Get-Delta $before.PeerEngine $after.PeerEngine
        Assert-SameCounters $peerDelta (Get-Delta $before.PeerKernel $after.PeerKernel) 'the far end moved'

        # The payload (and whatever TCP sent again) plus 54..94 bytes of headers per packet went out;
        # only headers came back.
        $hostDelta.BytesSent | Should -BeGreaterOrEqual ($payload + $retransmitted + $TcpHeaderMin * $hostDelta.PacketsSent)
        $hostDelta.BytesSent | Should -BeLessOrEqual ($payload + $retransmitted + $TcpHeaderMax * $hostDelta.PacketsSent)
        $hostDelta.BytesReceived | Should -BeGreaterOrEqual ($TcpHeaderMin * $hostDelta.PacketsReceived)
        $hostDelta.BytesReceived | Should -BeLessOrEqual ($TcpHeaderMax * $hostDelta.PacketsReceived)
        # What one end of a veth pair sends, the other receives.
        $peerDelta.BytesReceived | Should -Be $hostDelta.BytesSent
        $peerDelta.BytesSent | Should -Be $hostDelta.BytesReceived
    }

    It 'counts UDP datagrams byte for byte: payload plus exactly 42 bytes of headers each' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $count, $size = 25, 1200
        $port = Get-FreePort
        $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]$Net.HostAddress, $port))
        try {
            $udp.Client.ReceiveTimeout = 10000
            $before = Get-Counters
            Invoke-Peer $Net "send-udp $($Net.PeerAddress) $($Net.HostAddress) $port $count $size" | Should -Be "sent $($count * $size)"
            $received = 0
            $from = [System.Net.IPEndPoint]::new([ipaddress]::Any, 0)
            for ($i = 0; $i -lt $count; $i++) { $received += $udp.Receive([ref]$from).Length }
            $received | Should -Be ($count * $size)
            $after = Get-Counters
        }
        finally {
            $udp.Dispose()
        }

        Assert-SameCounters $after.HostUsage $after.HostKernel 'Get-NetUsage and ip -s link read the host end'
        Assert-SameCounters $after.PeerEngine $after.PeerKernel "the namespace's /proc/net/dev and ip -n -s link read the far end"
        $hostDelta = Get-Delta $before.HostUsage $after.HostUsage
        $hostDelta.PacketsReceived | Should -Be $count
        $hostDelta.BytesReceived | Should -Be ($count * ($size + $UdpHeader))
        $hostDelta.BytesSent | Should -Be 0
        $peerDelta = Get-Delta $before.PeerEngine $after.PeerEngine
        $peerDelta.BytesSent | Should -Be ($count * ($size + $UdpHeader))
        Assert-SameCounters $peerDelta (Get-Delta $before.PeerKernel $after.PeerKernel) 'the far end moved'
    }

    It 'crosses -Limit on the sample where the kernel counters cross it, not one later' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $port = Get-FreePort
        Invoke-Peer $Net "bind-udp $($Net.PeerAddress) $port" | Should -Be 'bound'
        $perBurst = 4
        $size = 1000
        $limit = [long](2.5 * $perBurst * ($size + $UdpHeader))
        $samples = 6
        Wait-TestNetworkQuiet $Net
        $base = Get-KernelCounters $Net.HostName
        # Bursts go out right after a sample is written, a second before the next one: each sample
        # sees every burst before it and none after, which the kernel's counters say exactly.
        $job = Start-BackgroundCommand -Script 'Watch-NetUsage -InterfaceName $name -Limit $limit -Interval 1 -Count $samples' `
            -Variables @{ name = $Net.HostName; limit = $limit; samples = $samples }
        try {
            $kernelTotal = @(0)
            for ($i = 1; $i -lt $samples; $i++) {
                Wait-Until { $job.Output.Count -ge $i } | Should -BeTrue
                Send-UdpFromHost -Count $perBurst -Size $size -Port $port
                $k = Get-KernelCounters $Net.HostName
                $kernelTotal += [long](($k.BytesReceived + $k.BytesSent) - ($base.BytesReceived + $base.BytesSent))
            }
            $null = $job.PowerShell.EndInvoke($job.Handle)
            $warnings = @($job.PowerShell.Streams.Warning)
        }
        finally {
            Stop-Watch $job
        }

        $job.Output.Count | Should -Be $samples
        for ($i = 0; $i -lt $samples; $i++) {
            $job.Output[$i].CountedBytes | Should -Be $kernelTotal[$i] -Because "sample $($i + 1) follows $i bursts"
            $job.Output[$i].LimitExceeded | Should -Be ($kernelTotal[$i] -ge $limit) -Because "sample $($i + 1) has $($kernelTotal[$i]) bytes of $limit"
        }
        $kernelCrossing = [array]::FindIndex([long[]]$kernelTotal, [Predicate[long]] { param($t) $t -ge $limit })
        $kernelCrossing | Should -Be 3 -Because 'the limit is two and a half bursts (a guard on the test itself)'
        # The default thresholds are 80 % and the limit: one warning says the limit was reached.
        @($warnings | Where-Object { "$_" -like 'Network usage limit reached:*' }).Count | Should -Be 1
    }

    It 'notices an interface deleted and re-created during a watch: verbose messages, no negative numbers, no jump' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $port = Get-FreePort
        Invoke-Peer $Net "bind-udp $($Net.PeerAddress) $port" | Should -Be 'bound'
        Wait-TestNetworkQuiet $Net
        $base = Get-KernelCounters $Net.HostName
        $job = Start-BackgroundCommand -Script 'Watch-NetUsage -InterfaceName $name -Interval 0.2 -Verbose' -Variables @{ name = $Net.HostName }
        try {
            Wait-Until { $job.Output.Count -ge 1 } | Should -BeTrue
            Send-UdpFromHost -Count 10 -Size 1000 -Port $port
            $old = Get-KernelCounters $Net.HostName
            $oldTotal = ($old.BytesReceived + $old.BytesSent) - ($base.BytesReceived + $base.BytesSent)
            Wait-Until { (Get-Last $job.Output).TotalBytes -eq $oldTotal } | Should -BeTrue

            Invoke-Ip link set $Net.HostName down | Out-Null
            Invoke-Ip link del $Net.HostName | Out-Null
            Wait-Until { $job.PowerShell.Streams.Verbose.Message -like '*disappeared*' } | Should -BeTrue

            Add-TestVethPair $Net
            Send-UdpFromHost -Count 3 -Size 500 -Port $port
            $new = Get-KernelCounters $Net.HostName
            $expected = $oldTotal + $new.BytesReceived + $new.BytesSent
            Wait-Until { (Get-Last $job.Output).TotalBytes -eq $expected } | Should -BeTrue
        }
        finally {
            Stop-Watch $job
        }

        $verbose = @($job.PowerShell.Streams.Verbose.Message)
        $verbose | Should -Contain "Interface '$($Net.HostName)' disappeared; its usage so far is kept."
        $verbose | Should -Contain "Interface '$($Net.HostName)' is back."
        $new.BytesSent | Should -BeLessThan $old.BytesSent -Because 'the re-created interface starts from zero (a guard on the test itself)'
        $previous = $null
        foreach ($sample in $job.Output) {
            $sample.ReceivedBytesPerSecond | Should -BeGreaterOrEqual 0
            $sample.SentBytesPerSecond | Should -BeGreaterOrEqual 0
            if ($previous) {
                $sample.BytesReceived | Should -BeGreaterOrEqual $previous.BytesReceived
                $sample.BytesSent | Should -BeGreaterOrEqual $previous.BytesSent
            }
            $previous = $sample
        }
        # Everything before the deletion plus everything the new interface carried: nothing lost, nothing invented.
        ($job.Output | Measure-Object TotalBytes -Maximum).Maximum | Should -Be $expected
    }
}
