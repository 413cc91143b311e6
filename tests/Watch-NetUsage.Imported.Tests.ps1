# A live figure counts the interfaces this machine has: traffic that only an imported log knows (a
# pseudo-interface of another machine's log) is kept out of Watch-NetUsage -Period's figure, which names the
# live interfaces it sums (issue 20, "Also seen": 7.03 GB "on eth0" that came from imported names).
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
}

Describe 'Watch-NetUsage -Period and imported interfaces' {
    It 'keeps an interface known only from an imported log out of the live figure' {
        $path = New-HistoryPath
        Update-NetUsageHistory -Path $path
        $now = Get-Date
        @(
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-20).ToString('o'); InterfaceName = 'impx0'; BytesReceived = '1000'; BytesSent = '0' }
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-10).ToString('o'); InterfaceName = 'impx0'; BytesReceived = [string](1000 + 5GB); BytesSent = '0' }
        ) | Import-NetUsageHistory -Path $path
        (Get-NetUsageHistory -Path $path -InterfaceName impx0 -By Day).BytesReceived | Should -Be 5GB

        $watch = Watch-NetUsage -Path $path -Period Day -Limit 1TB -Count 1 -Interval 0.1 -IncludeVirtual -IncludeLoopback
        $watch.InterfaceName -split ',' | Should -Not -Contain 'impx0'
        $watch.CountedBytes | Should -BeLessThan 1GB -Because 'the 5 GB of impx0 belong to no interface this watch follows'
    }

    It 'still counts it when it is named' {
        $path = New-HistoryPath
        Update-NetUsageHistory -Path $path
        $lo = Get-LoopbackName
        $now = Get-Date
        @(
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-20).ToString('o'); InterfaceName = $lo; BytesReceived = '1000'; BytesSent = '0' }
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-10).ToString('o'); InterfaceName = $lo; BytesReceived = [string](1000 + 2GB); BytesSent = '0' }
        ) | Import-NetUsageHistory -Path $path
        # An imported log of a live interface's name is that interface's traffic: it counts.
        (Watch-NetUsage -Path $path -Period Day -Limit 1TB -Count 1 -Interval 0.1 -InterfaceName $lo).CountedBytes | Should -BeGreaterOrEqual 2GB
    }
}
