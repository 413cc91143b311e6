BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:lo = Get-LoopbackName
}

Describe 'Get-NetUsage' {
    It 'returns NetUsage objects with raw counters and null rates without -SampleInterval' {
        $usage = Get-NetUsage -IncludeLoopback
        $usage | Should -Not -BeNullOrEmpty
        $usage[0].PSObject.TypeNames[0] | Should -Be 'NetUsageTracker.NetUsage'
        foreach ($u in $usage) {
            $u.BytesReceived | Should -BeOfType [uint64]
            $u.TotalBytes | Should -Be ($u.BytesReceived + $u.BytesSent)
            $u.ReceivedBytesPerSecond | Should -BeNullOrEmpty
            $u.SentBytesPerSecond | Should -BeNullOrEmpty
            $u.ComputerName | Should -Be ([Environment]::MachineName)
        }
    }

    It 'leaves loopback out unless asked for' {
        (Get-NetUsage).InterfaceName | Should -Not -Contain $lo
        (Get-NetUsage -IncludeLoopback).InterfaceName | Should -Contain $lo
        (Get-NetUsage -InterfaceName $lo).InterfaceName | Should -Be $lo
    }

    It 'counts exactly the bytes sent over loopback, within the header allowance' {
        $payload = 1MB
        # Each loopback packet carries at most 94 bytes of headers: 14 (Ethernet) + 20 (IPv4) + 60 (TCP
        # with options). Other programs may use loopback at the same moment, so a measurement that
        # exceeds the allowance is retried (up to 3 times); the lower bound must hold every time.
        for ($attempt = 1; $attempt -le 3; $attempt++) {
            $before = Get-NetUsage -InterfaceName $lo
            Send-LoopbackBytes -Count $payload
            $after = Get-NetUsage -InterfaceName $lo
            $bytes = $after.BytesReceived - $before.BytesReceived
            $packets = $after.PacketsReceived - $before.PacketsReceived
            $bytes | Should -BeGreaterOrEqual $payload
            ($after.BytesSent - $before.BytesSent) | Should -BeGreaterOrEqual $payload
            if ($bytes -le $payload + 94 * $packets) { break }
        }
        $bytes | Should -BeLessOrEqual ($payload + 94 * $packets)
        # A 1 MB transfer needs tens of segments, not thousands (guards the allowance itself).
        $packets | Should -BeLessThan 400
    }

    It 'fills rates over -SampleInterval' {
        $job = Start-BackgroundCommand -Script 'Get-NetUsage -InterfaceName lo -SampleInterval 1.5'
        Start-Sleep -Milliseconds 300
        Send-LoopbackBytes -Count 2MB
        $null = $job.PowerShell.EndInvoke($job.Handle)
        $r = $job.Output[0]
        $r.SampleSeconds | Should -BeGreaterOrEqual 1.4
        $r.ReceivedBytesPerSecond | Should -BeGreaterOrEqual (2MB / $r.SampleSeconds)
        $r.SentBytesPerSecond | Should -BeGreaterOrEqual (2MB / $r.SampleSeconds)
        Stop-BackgroundCommand $job
    }

    It 'accepts wildcards' {
        $names = (Get-NetUsage -InterfaceName ($lo.Substring(0, 1) + '*')).InterfaceName
        $names | Should -Contain $lo
    }

    It 'writes InterfaceNotFound for a literal name that matches nothing and still reports the others' {
        $result = Get-NetUsage -InterfaceName 'nosuchif0', $lo -ErrorVariable errs -ErrorAction SilentlyContinue
        $result.InterfaceName | Should -Be $lo
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InterfaceNotFound,NetUsageTracker.Commands.GetNetUsageCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'nosuchif0'
    }

    It 'writes no error for a wildcard that matches nothing' {
        $result = Get-NetUsage -InterfaceName 'nosuch*' -ErrorVariable errs
        $result | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
    }

    It 'sums the selected interfaces with -Total' {
        $all = Get-NetUsage -IncludeLoopback
        $total = Get-NetUsage -IncludeLoopback -Total
        @($total).Count | Should -Be 1
        $total.InterfaceName | Should -Be 'Total' -Because 'the sum must not read as an ordinary interface, even of one interface'
        $total.Description | Should -Be "Total of $($all.InterfaceName -join ', ')"
        $row = @($total | Out-String -Width 79) -split "`r?`n" | Where-Object { $_ } | Select-Object -Last 1
        $row | Should -Match '^Total\s'
        # Counters keep moving between the two calls: the sum is at least the earlier one.
        $total.BytesReceived | Should -BeGreaterOrEqual ($all | Measure-Object BytesReceived -Sum).Sum
    }

    It 'takes interface names from the pipeline' {
        ($lo | Get-NetUsage).InterfaceName | Should -Be $lo
        (Get-NetConnectionInfo -InterfaceName $lo | Get-NetUsage).InterfaceName | Should -Be $lo
    }

    It 'rejects a non-positive -SampleInterval at binding' {
        { Get-NetUsage -SampleInterval 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NetUsageTracker.Commands.GetNetUsageCommand'
    }

    It 'shows the widest sizes and rates whole within 80 columns (<Type>)' -ForEach @(
        @{ Type = 'NetUsage'; Make = { [NetUsageTracker.NetUsage]@{ InterfaceName = 'Ethernet 2'; InterfaceClass = 'Physical'; BytesReceived = 1048565; BytesSent = 1072693248; ReceivedBytesPerSecond = 1048565; SentBytesPerSecond = 1072693248 } }; Expect = '1023.99 KB/s', '1023 MB/s' }
        @{ Type = 'NetUsageWatch'; Make = { [NetUsageTracker.NetUsageWatch]@{ InterfaceName = 'Ethernet 2'; BytesReceived = 1048565; ReceivedBytesPerSecond = 1048565; SentBytesPerSecond = 1072693248 } }; Expect = '1023.99 KB/s', '1023 MB/s' }
    ) {
        $lines = @((& $Make) | Out-String -Width 79) -split "`r?`n" | ForEach-Object TrimEnd | Where-Object { $_ }
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 79 }
        foreach ($text in $Expect) { $lines[-1] | Should -Match ([regex]::Escape($text)) }
    }

    It 'round-trips raw numbers through Export-Csv and Import-Csv' {
        $path = Join-Path $TestDrive 'usage.csv'
        $usage = Get-NetUsage -IncludeLoopback -SampleInterval 0.2
        $usage | Export-Csv -Path $path -NoTypeInformation
        $back = Import-Csv -Path $path
        $back.Count | Should -Be @($usage).Count
        for ($i = 0; $i -lt $back.Count; $i++) {
            [uint64]$back[$i].BytesReceived | Should -Be $usage[$i].BytesReceived
            [uint64]$back[$i].TotalBytes | Should -Be $usage[$i].TotalBytes
            [uint64]$back[$i].PacketsSent | Should -Be $usage[$i].PacketsSent
            [double]$back[$i].ReceivedBytesPerSecond | Should -Be ([double]$usage[$i].ReceivedBytesPerSecond.ToString())
        }
    }

    It 'completes interface names on Tab' {
        $line = "Get-NetUsage -InterfaceName $($lo.Substring(0, 1))"
        $completion = [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null)
        $completion.CompletionMatches.CompletionText | Should -Contain $lo
    }
}
