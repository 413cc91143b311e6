BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
    $script:lo = Get-LoopbackName
    $script:path = New-RecordedHistory -Bytes 1MB
}

Describe 'Get-NetUsageQuota' {
    It 'counts the period so far, recorded plus not yet recorded' {
        $before = Get-NetUsageQuota -Path $script:path -InterfaceName $script:lo -Limit 10GB
        Send-LoopbackBytes -Count 1MB
        $after = Get-NetUsageQuota -Path $script:path -InterfaceName $script:lo -Limit 10GB
        $before.Used | Should -BeGreaterOrEqual 2MB
        ($after.Used - $before.Used) | Should -BeGreaterOrEqual 2MB
        $after.Limit | Should -Be 10GB
        $after.Remaining | Should -Be (10GB - $after.Used)
        $after.Exceeded | Should -BeFalse
        $after.PercentUsed | Should -Be ([math]::Round($after.Used * 100 / 10GB, 2))
    }

    It 'computes the billing period from -BillingDay and the daily budget from the days left' {
        $q = Get-NetUsageQuota -Path $script:path -InterfaceName $script:lo -Limit '50GB' -Period Month -BillingDay 7
        $q.PeriodStart.Day | Should -Be 7
        $q.PeriodEnd | Should -Be $q.PeriodStart.AddMonths(1)
        $daysLeft = [math]::Max(($q.PeriodEnd - (Get-Date)).TotalDays, 1)
        $q.DailyBudget | Should -BeGreaterOrEqual ([math]::Floor($q.Remaining / $daysLeft) - 1MB)
        $q.DailyBudget | Should -BeLessOrEqual ([math]::Floor($q.Remaining / $daysLeft) + 1MB)
    }

    It 'counts one direction with -Direction' {
        $q = Get-NetUsageQuota -Path $script:path -InterfaceName $script:lo -Limit 1GB -Direction Sent -Period Day
        $q.Used | Should -Be $q.BytesSent
        ($q.PeriodEnd - $q.PeriodStart).TotalDays | Should -Be 1
    }

    It 'reports Exceeded with no forecast on an hour-old history' {
        $q = Get-NetUsageQuota -Path $script:path -InterfaceName $script:lo -Limit 1KB -Period Week
        $q.Exceeded | Should -BeTrue
        $q.Remaining | Should -Be 0
        $q.Forecast | Should -BeNullOrEmpty
        $q.PeriodStart.DayOfWeek | Should -Be 'Monday'
    }

    It 'takes the limit as a string size' {
        (Get-NetUsageQuota -Path $script:path -InterfaceName $script:lo -Limit '1.5GB').Limit | Should -Be 1.5GB
    }

    It 'shows a readable table within 80 columns' {
        $text = Get-NetUsageQuota -Path $script:path -InterfaceName $script:lo -Limit 50GB | Out-String -Width 79
        $text | Should -Match '50 GB'
        ($text -split "`n" | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual 79
    }
}
