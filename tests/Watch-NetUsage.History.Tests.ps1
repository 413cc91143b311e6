BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
    $script:lo = Get-LoopbackName
}

Describe 'Watch-NetUsage and the history' {
    It 'records as it watches with -Record' {
        $path = New-HistoryPath
        Watch-NetUsage -InterfaceName $script:lo -Record -Path $path -Count 1 -Interval 0.1 | Out-Null
        $path | Should -Exist
        Get-HistoryBaseline -Path $path -InterfaceName $script:lo | Should -BeGreaterThan 0
    }

    It 'counts the limit from the start of the billing period with -Period' {
        $path = New-RecordedHistory -Bytes 4MB
        $recorded = (Get-NetUsageHistory -Path $path -InterfaceName $script:lo -By Month -BillingDay 7).TotalBytes
        $watch = Watch-NetUsage -InterfaceName $script:lo -Limit 1GB -Period Month -BillingDay 7 -Path $path -Count 1 -Interval 0.1
        $watch.CountedBytes | Should -BeGreaterOrEqual $recorded
        $watch.CountedBytes | Should -BeGreaterThan $watch.TotalBytes
        $watch.PercentOfLimit | Should -Be ([math]::Round($watch.CountedBytes * 100 / 1GB, 2))
    }

    It 'says in its alert that the usage counts from the start of the period, not the watch' {
        $path = New-RecordedHistory -Bytes 4MB
        $start = (Get-NetUsageQuota -Path $path -InterfaceName $script:lo -Limit 1GB -BillingDay 7).PeriodStart
        $null = Watch-NetUsage -InterfaceName $script:lo -Limit 1MB -Period Month -BillingDay 7 -Path $path -Count 1 -Interval 0.1 -WarningVariable warned -WarningAction SilentlyContinue
        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -BeLike "Network usage limit reached: * total on $($script:lo) since $($start.ToString('yyyy-MM-dd')), limit 1 MB (*%)."
    }

    It 'counts only the watch without -Period' {
        $path = New-RecordedHistory -Bytes 4MB
        $watch = Watch-NetUsage -InterfaceName $script:lo -Limit 1GB -Count 1 -Interval 0.1
        $watch.CountedBytes | Should -Be $watch.TotalBytes
    }

    It 'stops before watching when the history is damaged' {
        $path = New-HistoryPath
        Set-Content -Path $path -Value ('x' * 5000)
        $err = Get-TerminatingError { Watch-NetUsage -InterfaceName $script:lo -Record -Path $path -Count 1 -Interval 0.1 }
        $err.FullyQualifiedErrorId | Should -BeLike 'HistoryCorrupt,*'
    }
}
