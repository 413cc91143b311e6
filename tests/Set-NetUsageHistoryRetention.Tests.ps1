BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
}

Describe 'Set-NetUsageHistoryRetention' {
    It 'keeps the vnStat defaults until changed' {
        $r = Set-NetUsageHistoryRetention -Path (New-HistoryPath) -PassThru -Confirm:$false
        $r.FiveMinuteHours, $r.HourDays, $r.DayDays, $r.MonthMonths, $r.YearYears | Should -Be @(48, 4, 62, 25, 0)
    }

    It 'prunes daily periods past the new retention at the next recording, keeping the months' {
        $path = New-HistoryPath
        $t = (Get-Date).Date.AddDays(-10).AddHours(12)
        @(
            [pscustomobject]@{ Timestamp = $t; InterfaceName = 'eth9'; BytesReceived = 0; BytesSent = 0 }
            [pscustomobject]@{ Timestamp = $t.AddHours(1); InterfaceName = 'eth9'; BytesReceived = 1000; BytesSent = 0 }
        ) | Import-NetUsageHistory -Path $path
        (Get-NetUsageHistory -Path $path -InterfaceName eth9 -By Day).BytesReceived | Should -Be 1000
        $r = Set-NetUsageHistoryRetention -Path $path -DayDays 3 -PassThru -Confirm:$false
        $r.DayDays | Should -Be 3
        $r.MonthMonths | Should -Be 25
        Update-NetUsageHistory -Path $path
        Get-NetUsageHistory -Path $path -InterfaceName eth9 -By Day | Should -BeNullOrEmpty
        (Get-NetUsageHistory -Path $path -InterfaceName eth9 -By Year).BytesReceived | Should -Be 1000
    }

    It 'changes nothing with -WhatIf' {
        $path = New-HistoryPath
        Set-NetUsageHistoryRetention -Path $path -DayDays 1 -WhatIf
        $path | Should -Not -Exist
    }

    It 'rejects a negative retention' {
        { Set-NetUsageHistoryRetention -Path (New-HistoryPath) -HourDays -1 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}
