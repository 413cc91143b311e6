BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
    $script:lo = Get-LoopbackName

    function Get-PlanCount {
        param([string] $Path)
        [int](Invoke-HistorySql -Path $Path -Sql 'SELECT COUNT(*) FROM plan;')
    }
}

Describe 'New-NetUsagePlan, Get-, Set- and Remove-NetUsagePlan' {
    BeforeEach { $script:path = New-HistoryPath }

    It 'stores a plan with the defaults and reads it back from another process' {
        $made = New-NetUsagePlan -Path $path -Name 'Home' -Limit 500GB -BillingDay 15
        $made.PSObject.TypeNames[0] | Should -Be 'NetUsageTracker.Plans.NetUsagePlan'
        $made.Scope | Should -Be 'AllPhysical'
        $made.Threshold | Should -Be @(80, 90, 100)
        $made.Notify | Should -BeTrue

        $json = Invoke-PwshJson -Script "Get-NetUsagePlan -Path '$path' | Select-Object Name, Limit, Period, BillingDay, Direction"
        $json.Name | Should -Be 'Home'
        $json.Limit | Should -Be 500GB
        $json.BillingDay | Should -Be 15
    }

    It 'takes each scope: <Name>' -ForEach @(
        @{ Name = 'interfaces'; Arguments = @{ InterfaceName = 'wlan*', 'eth0' }; Scope = 'Interface'; Target = 'wlan*, eth0' }
        @{ Name = 'networks, one of them never seen'; Arguments = @{ Network = 'Pixel 7', 'Nowhere Cafe' }; Scope = 'Network'; Target = 'Pixel 7, Nowhere Cafe' }
        @{ Name = 'metered networks'; Arguments = @{ Metered = $true }; Scope = 'Metered'; Target = 'metered networks' }
        @{ Name = 'all physical traffic'; Arguments = @{ AllPhysical = $true }; Scope = 'AllPhysical'; Target = 'all physical' }
    ) {
        $plan = New-NetUsagePlan -Path $path -Name p -Limit 1GB @Arguments
        $plan.Scope | Should -Be $Scope
        (Get-NetUsagePlan -Path $path -Name p).Target | Should -Be $Target
    }

    It 'refuses <Name> with <ErrorId> and stores nothing' -ForEach @(
        @{ Name = 'a zero limit'; Arguments = @{ Limit = 0 }; ErrorId = 'PlanLimitNotPositive'; Category = 'InvalidArgument' }
        @{ Name = 'a negative limit'; Arguments = @{ Limit = -1GB }; ErrorId = 'PlanLimitNotPositive'; Category = 'InvalidArgument' }
        @{ Name = 'billing day 0'; Arguments = @{ Limit = 1GB; BillingDay = 0 }; ErrorId = 'PlanBillingDayOutOfRange'; Category = 'InvalidArgument' }
        @{ Name = 'billing day 32'; Arguments = @{ Limit = 1GB; BillingDay = 32 }; ErrorId = 'PlanBillingDayOutOfRange'; Category = 'InvalidArgument' }
        @{ Name = 'a negative threshold'; Arguments = @{ Limit = 1GB; Threshold = -5 }; ErrorId = 'PlanThresholdInvalid'; Category = 'InvalidArgument' }
    ) {
        $failure = Get-TerminatingError { New-NetUsagePlan -Path $path -Name bad @Arguments }
        $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,NetUsageTracker.Commands.NewNetUsagePlanCommand"
        $failure.CategoryInfo.Category | Should -Be $Category
        $failure.Exception.Message | Should -Match 'bad'
        Test-Path $path | Should -BeFalse
    }

    It 'refuses a duplicate name in any case with PlanExists and keeps the first' {
        $null = New-NetUsagePlan -Path $path -Name Phone -Limit 10GB
        $failure = Get-TerminatingError { New-NetUsagePlan -Path $path -Name PHONE -Limit 1GB }
        $failure.FullyQualifiedErrorId | Should -Be 'PlanExists,NetUsageTracker.Commands.NewNetUsagePlanCommand'
        $failure.CategoryInfo.Category | Should -Be 'ResourceExists'
        (Get-NetUsagePlan -Path $path).Limit | Should -Be 10GB
        Get-PlanCount $path | Should -Be 1
    }

    It 'changes nothing with -WhatIf' {
        New-NetUsagePlan -Path $path -Name Phone -Limit 10GB -WhatIf
        Test-Path $path | Should -BeFalse
        $null = New-NetUsagePlan -Path $path -Name Phone -Limit 10GB
        Set-NetUsagePlan -Path $path -Name Phone -Limit 1GB -WhatIf
        Remove-NetUsagePlan -Path $path -Name Phone -WhatIf
        (Get-NetUsagePlan -Path $path).Limit | Should -Be 10GB
    }

    It 'changes plans from the pipeline and keeps what was not given' {
        $null = New-NetUsagePlan -Path $path -Name Phone -Limit 10GB -Network 'Pixel 7' -Period Week -Threshold 50, 100
        $null = New-NetUsagePlan -Path $path -Name Home -Limit 500GB
        $changed = Get-NetUsagePlan -Path $path | Set-NetUsagePlan -Path $path -Direction Received -Notify:$false -PassThru
        $changed.Count | Should -Be 2
        $phone = Get-NetUsagePlan -Path $path -Name Phone
        $phone.Direction | Should -Be 'Received'
        $phone.Notify | Should -BeFalse
        $phone.Period | Should -Be 'Week'
        $phone.Network | Should -Be 'Pixel 7'
        $phone.Threshold | Should -Be @(50, 100)

        Set-NetUsagePlan -Path $path -Name phone -NewName Hotspot -InterfaceName wlan0
        (Get-NetUsagePlan -Path $path -Name Hotspot).Scope | Should -Be 'Interface'
    }

    It 'refuses a bad change with the same error as New and leaves the plan as it was' {
        $null = New-NetUsagePlan -Path $path -Name Phone -Limit 10GB
        Set-NetUsagePlan -Path $path -Name Phone -BillingDay 32 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'PlanBillingDayOutOfRange,NetUsageTracker.Commands.SetNetUsagePlanCommand'
        (Get-NetUsagePlan -Path $path).BillingDay | Should -Be 1
    }

    It 'removes plans from the pipeline, and says so for a name that is not there' {
        $null = New-NetUsagePlan -Path $path -Name A -Limit 1GB
        $null = New-NetUsagePlan -Path $path -Name B -Limit 1GB
        Get-NetUsagePlan -Path $path | Remove-NetUsagePlan -Path $path -Confirm:$false
        Get-PlanCount $path | Should -Be 0

        Remove-NetUsagePlan -Path $path -Name Nope -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'PlanNotFound,NetUsageTracker.Commands.RemoveNetUsagePlanCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-NetUsagePlan -Path $path -Name Nope -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'PlanNotFound,NetUsageTracker.Commands.GetNetUsagePlanCommand'
        Get-NetUsagePlan -Path $path -Name 'No*' | Should -BeNullOrEmpty
    }

    It 'completes plan names from the history -Path names' {
        $null = New-NetUsagePlan -Path $path -Name 'Phone hotspot' -Limit 1GB
        $null = New-NetUsagePlan -Path $path -Name Home -Limit 1GB
        foreach ($command in 'Get-NetUsagePlan', 'Set-NetUsagePlan', 'Remove-NetUsagePlan', 'Get-NetUsageQuota') {
            $parameter = if ($command -eq 'Get-NetUsageQuota') { '-Plan' } else { '-Name' }
            $line = "$command -Path '$path' $parameter Ph"
            $result = [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null)
            $result.CompletionMatches.CompletionText | Should -Be @("'Phone hotspot'")
        }
    }

    It 'shows plans in a table that fits 80 columns' {
        $null = New-NetUsagePlan -Path $path -Name 'A rather long plan name' -Limit 1.5GB -Network 'Pixel 7', 'Home Wi-Fi 5 GHz' -BillingDay 7
        $text = Get-NetUsagePlan -Path $path | Out-String -Width 80
        $text | Should -Match 'Name\s+Limit\s+Period\s+Direction\s+Threshold\s+Notify\s+Target'
        $text | Should -Match '1\.5 GB\s+Month from 7\s+Total\s+80,90,100\s+True'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }
}

Describe 'Get-NetUsageQuota and Test-NetUsageQuota over stored plans' {
    BeforeAll {
        # An imported interface: no live traffic moves its numbers between two calls.
        $script:recorded = New-HistoryPath
        $now = Get-Date
        @(
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-4); InterfaceName = 'wan0'; BytesReceived = [uint64]1000; BytesSent = [uint64]0 }
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-2); InterfaceName = 'wan0'; BytesReceived = [uint64]1000 + 2MB; BytesSent = [uint64]5KB }
        ) | Import-NetUsageHistory -Path $recorded
        $null = New-NetUsagePlan -Path $recorded -Name Loop -InterfaceName wan0 -Limit 1MB -Direction Received
        $null = New-NetUsagePlan -Path $recorded -Name Big -InterfaceName wan0 -Limit 100GB
    }

    It 'reports every plan without -Limit, with the bytes -Limit gives for the same cap' {
        $quotas = Get-NetUsageQuota -Path $recorded
        $quotas.Plan | Should -Be @('Big', 'Loop')
        $loop = $quotas | Where-Object Plan -eq Loop
        $same = Get-NetUsageQuota -Path $recorded -InterfaceName wan0 -Limit 1MB -Direction Received
        $loop.Used | Should -Be 2MB
        $loop.Used | Should -Be $same.Used
        $loop.Exceeded | Should -BeTrue
        $same.Plan | Should -Be ''
    }

    It 'shows plan quotas in their own table that fits 80 columns' {
        $text = Get-NetUsageQuota -Path $recorded | Out-String -Width 80
        $text | Should -Match 'Plan\s+PeriodEnd\s+Used\s+Limit\s+Used%\s+Forecast\s+DailyBudget'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'tests every plan, or those -Plan names, for a script''s exit code' {
        Test-NetUsageQuota -Path $recorded | Should -BeExactly $false
        Test-NetUsageQuota -Path $recorded -Plan Big | Should -BeExactly $true
        $p = Start-PwshProcess -Script "if (-not (Test-NetUsageQuota -Path '$recorded')) { exit 3 }; exit 0"
        $p.WaitForExit(60000) | Should -BeTrue
        $p.ExitCode | Should -Be 3
    }

    It 'says so when there is neither -Limit nor a plan, or a quota parameter without -Limit' {
        $empty = New-HistoryPath
        Update-NetUsageHistory -Path $empty
        (Get-TerminatingError { Get-NetUsageQuota -Path $empty }).FullyQualifiedErrorId | Should -Be 'NoPlan,NetUsageTracker.Commands.GetNetUsageQuotaCommand'
        (Get-TerminatingError { Get-NetUsageQuota -Path $recorded -Period Day }).FullyQualifiedErrorId | Should -Be 'LimitParameterWithoutLimit,NetUsageTracker.Commands.GetNetUsageQuotaCommand'
        (Get-TerminatingError { Get-NetUsageQuota -Path $recorded -Plan Big -Limit 1GB }).FullyQualifiedErrorId | Should -Be 'PlanWithLimit,NetUsageTracker.Commands.GetNetUsageQuotaCommand'
    }
}

Describe 'Watch-NetUsage -Plan' {
    BeforeAll {
        $script:watched = New-RecordedHistory -Bytes 1MB
        $null = New-NetUsagePlan -Path $watched -Name Loop -InterfaceName $lo -Limit 1GB -Period Week -Direction Received -Threshold 50, 75
    }

    It 'watches the plan''s interfaces against its limit, direction, period and thresholds' {
        $steps = Watch-NetUsage -Path $watched -Plan Loop -Count 2 -Interval 0.2
        $steps.Count | Should -Be 2
        $steps[-1].InterfaceName | Should -Be $lo
        $steps[-1].Limit | Should -Be 1GB
        $steps[-1].Direction | Should -Be 'Received'
        # The week's recorded usage counts, not only the watch's own.
        $steps[-1].CountedBytes | Should -BeGreaterOrEqual 1MB
    }

    It 'refuses <Name> beside -Plan, and a plan that is not stored' -ForEach @(
        @{ Name = '-Limit'; Arguments = @{ Limit = 1GB } }
        @{ Name = '-Period'; Arguments = @{ Period = 'Day' } }
        @{ Name = '-InterfaceName'; Arguments = @{ InterfaceName = 'lo' } }
    ) {
        $failure = Get-TerminatingError { Watch-NetUsage -Path $watched -Plan Loop -Count 1 @Arguments }
        $failure.FullyQualifiedErrorId | Should -Be 'PlanWithLimitParameter,NetUsageTracker.Commands.WatchNetUsageCommand'
        (Get-TerminatingError { Watch-NetUsage -Path $watched -Plan Nope -Count 1 }).FullyQualifiedErrorId | Should -Be 'PlanNotFound,NetUsageTracker.Commands.WatchNetUsageCommand'
    }
}

Describe 'Export-NetUsageReport over stored plans' {
    It 'draws a gauge per plan with the bytes Get-NetUsageQuota gives it' {
        # An imported interface: no live traffic moves its numbers between the report and the quota.
        $history = New-HistoryPath
        $now = Get-Date
        @(
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-4); InterfaceName = 'wan0'; BytesReceived = [uint64]1000; BytesSent = [uint64]0 }
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-2); InterfaceName = 'wan0'; BytesReceived = [uint64]3MB; BytesSent = [uint64]1MB }
        ) | Import-NetUsageHistory -Path $history
        $null = New-NetUsagePlan -Path $history -Name 'Loop <b>' -InterfaceName wan0 -Limit 1GB
        $null = New-NetUsagePlan -Path $history -Name Week -InterfaceName wan0 -Limit 10MB -Period Week -Direction Sent
        $report = Export-NetUsageReport (Join-Path $TestDrive 'plans.html') -HistoryPath $history
        $html = Get-Content $report -Raw
        $quotas = Get-NetUsageQuota -Path $history
        foreach ($quota in $quotas) {
            $plan = [System.Net.WebUtility]::HtmlEncode($quota.Plan)
            $card = [regex]::Match($html, "<div class=`"card quota [^`"]*`" data-quota=`"wan0`" data-plan=`"$([regex]::Escape($plan))`"><h4>$([regex]::Escape($plan)) \u00b7 This (billing month|week)")
            $card.Success | Should -BeTrue -Because "plan $($quota.Plan) has a card"
            $used = [regex]::Match($html.Substring($card.Index), 'data-field="Used" data-bytes="(\d+)"').Groups[1].Value
            [uint64]$used | Should -Be $quota.Used
            $html.Substring($card.Index) | Should -Match '<svg'
        }
        $html | Should -Not -Match 'No limit given'
    }
}
