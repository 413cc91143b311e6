BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
}

Describe 'Import-NetUsageHistory' {
    It 'imports an Export-Csv log of Get-NetUsage with resets, counting each drop from zero' {
        $path = New-HistoryPath
        $csv = Join-Path $TestDrive 'log.csv'
        $t = (Get-Date).Date.AddHours(1)
        @(
            [pscustomobject]@{ Timestamp = $t;               ComputerName = 'pc'; InterfaceName = 'ppp0'; BytesReceived = 1000;       BytesSent = 100 }
            [pscustomobject]@{ Timestamp = $t.AddMinutes(5);  ComputerName = 'pc'; InterfaceName = 'ppp0'; BytesReceived = 5000;       BytesSent = 300 }
            [pscustomobject]@{ Timestamp = $t.AddMinutes(10); ComputerName = 'pc'; InterfaceName = 'ppp0'; BytesReceived = 700;        BytesSent = 50 }   # reconnect: from zero
            [pscustomobject]@{ Timestamp = $t.AddMinutes(15); ComputerName = 'pc'; InterfaceName = 'ppp0'; BytesReceived = 4294967000; BytesSent = 60 }
            [pscustomobject]@{ Timestamp = $t.AddMinutes(20); ComputerName = 'pc'; InterfaceName = 'ppp0'; BytesReceived = 1000;       BytesSent = 70 }   # reset again
        ) | Export-Csv -Path $csv -NoTypeInformation
        $added = Import-Csv $csv | Import-NetUsageHistory -Path $path -PassThru
        # A log does not say how wide its counters were; every source the module has counts in 64 bits, where a
        # drop is a reset. Counting it from zero never adds traffic that did not happen (a 32-bit guess would
        # add up to 4 GB here).
        $expected = (5000 - 1000) + 700 + (4294967000 - 700) + 1000
        $added.BytesReceived | Should -Be $expected
        $added.BytesSent | Should -Be (200 + 50 + 10 + 10)
        (Get-NetUsageHistory -Path $path -InterfaceName ppp0 -By Day).BytesReceived | Should -Be $expected
    }

    It 'reads a real Get-NetUsage log and leaves the live baseline alone' {
        $path = New-HistoryPath
        $lo = Get-LoopbackName
        $csv = Join-Path $TestDrive 'real.csv'
        Update-NetUsageHistory -Path $path
        $baseline = Get-HistoryBaseline -Path $path -InterfaceName $lo
        Get-NetUsage -InterfaceName $lo | Export-Csv $csv
        Send-LoopbackBytes -Count 256KB
        Get-NetUsage -InterfaceName $lo | Export-Csv $csv -Append
        (Import-Csv $csv | Import-NetUsageHistory -Path $path -PassThru).BytesReceived | Should -BeGreaterOrEqual 256KB
        Get-HistoryBaseline -Path $path -InterfaceName $lo | Should -Be $baseline
    }

    It 'changes nothing with -WhatIf' {
        $path = New-HistoryPath
        [pscustomobject]@{ Timestamp = Get-Date; InterfaceName = 'eth9'; BytesReceived = 1; BytesSent = 1 } | Import-NetUsageHistory -Path $path -WhatIf
        $path | Should -Not -Exist
    }

    It 'writes an InvalidLogRow error for a line without counters and imports the rest' {
        $path = New-HistoryPath
        $t = Get-Date
        $lines = @(
            [pscustomobject]@{ Timestamp = $t; InterfaceName = 'eth9'; BytesReceived = 10; BytesSent = 10 }
            [pscustomobject]@{ Timestamp = $t.AddMinutes(1); InterfaceName = 'eth9'; BytesReceived = 'many'; BytesSent = 10 }
            [pscustomobject]@{ Timestamp = $t.AddMinutes(2); InterfaceName = 'eth9'; BytesReceived = 30; BytesSent = 15 }
        )
        $added = $lines | Import-NetUsageHistory -Path $path -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $added.BytesReceived | Should -Be 20
    }
}
