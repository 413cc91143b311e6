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
