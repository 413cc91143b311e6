BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
    $script:lo = Get-LoopbackName
    $script:path = New-HistoryPath
    Update-NetUsageHistory -Path $script:path
    $script:first = Get-HistoryBaseline -Path $script:path -InterfaceName $script:lo
    Send-LoopbackBytes -Count 2MB
    Update-NetUsageHistory -Path $script:path
    $script:recorded = Get-HistoryTotal -Path $script:path -InterfaceName $script:lo
}

Describe 'Get-NetUsageHistory' {
    It 'returns the recorded traffic by <By>' -ForEach @(
        @{ By = 'FiveMinute'; Span = 300 }, @{ By = 'Hour'; Span = 3600 }, @{ By = 'Day' }, @{ By = 'Month' }, @{ By = 'Year' }
    ) {
        $script:recorded | Should -BeGreaterOrEqual 2MB
        $script:recorded | Should -Be ((Get-HistoryBaseline -Path $script:path -InterfaceName $script:lo) - $script:first)
        $rows = @(Get-NetUsageHistory -Path $script:path -InterfaceName $script:lo -By $By)
        $rows.Count | Should -BeGreaterOrEqual 1
        ($rows | Measure-Object BytesReceived -Sum).Sum | Should -Be $script:recorded
        $rows[-1].PeriodStart | Should -BeLessOrEqual (Get-Date)
        $rows[-1].PeriodEnd | Should -BeGreaterThan (Get-Date).AddSeconds(-5)
        $rows[-1].TotalBytes | Should -Be ($rows[-1].BytesReceived + $rows[-1].BytesSent)
        if ($Span) { ($rows[-1].PeriodEnd - $rows[-1].PeriodStart).TotalSeconds | Should -Be $Span }
    }

    It 'aligns months to the billing day' {
        $month = Get-NetUsageHistory -Path $script:path -InterfaceName $script:lo -By Month -BillingDay 7 | Select-Object -Last 1
        $month.PeriodStart.Day | Should -Be 7
        $month.PeriodEnd | Should -Be $month.PeriodStart.AddMonths(1)
        $month.PeriodStart | Should -BeLessOrEqual (Get-Date)
        $month.BytesReceived | Should -Be $script:recorded
    }

    It 'filters by -Since and -Until' {
        Get-NetUsageHistory -Path $script:path -InterfaceName $script:lo -Since (Get-Date).AddDays(1) | Should -BeNullOrEmpty
        Get-NetUsageHistory -Path $script:path -InterfaceName $script:lo -Until (Get-Date).AddDays(-1) | Should -BeNullOrEmpty
        Get-NetUsageHistory -Path $script:path -InterfaceName $script:lo -Since (Get-Date).AddHours(-1) | Should -Not -BeNullOrEmpty
    }

    It 'takes interface names from the pipeline' {
        $rows = [pscustomobject]@{ InterfaceName = $script:lo }, [pscustomobject]@{ InterfaceName = 'nosuch*' } | Get-NetUsageHistory -Path $script:path
        $rows.InterfaceName | Sort-Object -Unique | Should -Be $script:lo
    }

    It 'leaves loopback out unless asked' {
        (Get-NetUsageHistory -Path $script:path).InterfaceName | Should -Not -Contain $script:lo
        (Get-NetUsageHistory -Path $script:path -IncludeLoopback).InterfaceName | Should -Contain $script:lo
    }

    It 'writes InterfaceNotFound for a name the history lacks' {
        Get-NetUsageHistory -Path $script:path -InterfaceName 'nosuch0' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InterfaceNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'stops with HistoryNotFound and creates nothing when there is no history' {
        $missing = New-HistoryPath
        $err = Get-TerminatingError { Get-NetUsageHistory -Path $missing }
        $err.FullyQualifiedErrorId | Should -BeLike 'HistoryNotFound,*'
        $err.Exception.Message | Should -BeLike "*$missing*Update-NetUsageHistory*"
        $missing | Should -Not -Exist
    }

    It 'rejects a billing day past 28' {
        { Get-NetUsageHistory -Path $script:path -By Month -BillingDay 29 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'shows sizes readably in the default view within 80 columns' {
        $text = Get-NetUsageHistory -Path $script:path -InterfaceName $script:lo | Out-String -Width 79
        $text | Should -Match '\d+(\.\d+)? (KB|MB|GB)'
        ($text -split "`n" | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual 79
    }
}
