BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:lo = Get-LoopbackName
}

Describe 'Get-NetConnectionInfo' {
    It 'describes loopback with 127.0.0.1 and ::1 when asked' {
        $info = Get-NetConnectionInfo -InterfaceName $lo
        $info.PSObject.TypeNames[0] | Should -Be 'NetUsageTracker.NetConnectionInfo'
        $info.InterfaceType | Should -Be 'Loopback'
        $info.IPv4Address | Should -Contain '127.0.0.1/8'
        $info.IPv6Address | Should -Contain '::1/128'
        $info.ComputerName | Should -Be ([Environment]::MachineName)
        $info.InternetReachable | Should -BeNullOrEmpty
    }

    It 'leaves loopback out by default' {
        (Get-NetConnectionInfo).InterfaceName | Should -Not -Contain $lo
        (Get-NetConnectionInfo -IncludeLoopback).InterfaceName | Should -Contain $lo
    }

    It 'lists the interface of the default route first' -Skip:(-not (Test-Path /proc/net/route)) {
        $kernelDefault = Get-Content /proc/net/route | Select-Object -Skip 1 |
            ForEach-Object { , ($_ -split '\s+') } |
            Where-Object { $_[1] -eq '00000000' -and $_[7] -eq '00000000' } |
            Sort-Object { [int]$_[6] } | Select-Object -First 1
        if (-not $kernelDefault) { Set-ItResult -Skipped -Because 'this machine has no IPv4 default route' }
        $all = Get-NetConnectionInfo -IncludeLoopback
        $all[0].InterfaceName | Should -Be $kernelDefault[0]
        $all[0].IsDefaultRoute | Should -BeTrue
        $all[0].Gateway | Should -Not -BeNullOrEmpty
        @($all | Where-Object IsDefaultRoute).Count | Should -BeLessOrEqual (@($all).Count)
        ($all | Where-Object InterfaceName -eq $lo).IsDefaultRoute | Should -BeFalse
    }

    It 'reports what the kernel says of an interface: MAC, MTU and addresses' -Skip:(-not (Test-Path /sys/class/net)) {
        foreach ($i in Get-NetConnectionInfo -IncludeLoopback) {
            $sys = "/sys/class/net/$($i.InterfaceName)"
            $i.Mtu | Should -Be ([int](Get-Content "$sys/mtu"))
            $mac = (Get-Content "$sys/address").ToUpperInvariant()
            if ($mac -eq '00:00:00:00:00:00') { $i.MacAddress | Should -Be '' } else { $i.MacAddress | Should -Be $mac }
        }
    }

    It 'says reachable against a local listener, with a latency' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $info = Get-NetConnectionInfo -InterfaceName $lo -TestInternet -ProbeEndpoint "127.0.0.1:$($listener.LocalEndpoint.Port)" -TimeoutSeconds 5
            $info.InternetReachable | Should -BeTrue
            $info.ProbeLatencyMs | Should -BeGreaterThan 0
            $info.ProbeLatencyMs | Should -BeLessThan 5000
        }
        finally {
            $listener.Stop()
        }
    }

    It 'says unreachable, within the timeout, against a closed local port' {
        # Take a free port and close it again: nothing listens there.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $info = Get-NetConnectionInfo -InterfaceName $lo -TestInternet -ProbeEndpoint "127.0.0.1:$port", "[::1]:$port" -TimeoutSeconds 2
        $clock.Stop()
        $info.InternetReachable | Should -BeFalse
        $info.ProbeLatencyMs | Should -BeNullOrEmpty
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 4
    }

    It 'rejects a malformed -ProbeEndpoint <Endpoint>' -ForEach @(
        @{ Endpoint = 'localhost' }, @{ Endpoint = '127.0.0.1:0' }, @{ Endpoint = '::1:80' }, @{ Endpoint = '127.0.0.1:99999' }
    ) {
        $err = { Get-NetConnectionInfo -TestInternet -ProbeEndpoint $Endpoint } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,NetUsageTracker.Commands.GetNetConnectionInfoCommand'
        $err.Exception.Message | Should -Match 'host:port'
    }

    It 'writes InterfaceNotFound for an unknown literal name' {
        $null = Get-NetConnectionInfo -InterfaceName 'nosuchif0' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'InterfaceNotFound,NetUsageTracker.Commands.GetNetConnectionInfoCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows a table that fits an 80-column console' {
        $text = Get-NetConnectionInfo -IncludeLoopback | Format-Table | Out-String -Width 79
        $text | Should -Match 'InterfaceName'
        $text | Should -Match '127\.0\.0\.1/8'
        foreach ($line in $text -split "`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 79 }
    }
}

Describe 'Module lifetime' {
    It 'shares one sampler in a runspace and closes it on Remove-Module' -Skip:(-not (Test-Path /proc/self/fd)) {
        function Get-ProcNetDevHandleCount {
            @(Get-ChildItem /proc/self/fd -ErrorAction SilentlyContinue |
                Where-Object { $_.LinkTarget -like '*/net/dev' }).Count
        }
        $null = Get-NetUsage; $null = Watch-NetUsage -Count 1 -Interval 0.01
        $open = Get-ProcNetDevHandleCount
        $open | Should -Be 1
        Remove-Module NetUsageTracker
        Get-ProcNetDevHandleCount | Should -Be 0
        Import-Module $script:ModuleManifest -Force
        $null = Get-NetUsage
        Get-ProcNetDevHandleCount | Should -Be 1
    }
}
