# Watch-NetUsage's alerts: thresholds, the rate limit, notifications, engine events and -Action, with
# real loopback traffic and a real notification server on a private session bus.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'alerts.ps1')
    $script:NoService = Get-NoNotificationServiceCase
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'alerts.ps1')
    $script:lo = Get-LoopbackName
    $script:bus = Enter-PrivateBus
    $script:notifyWarning = 'The desktop notification could not be shown:*'

    function Get-ExpectedAlert {
        # The alerts a watch's steps call for: at each step that crosses thresholds, one for the highest it
        # newly crossed (a busy loopback can pass 50 % and 100 % within one interval).
        param([Parameter(Mandatory)] [object[]] $Watch)
        $before = @()
        foreach ($step in $Watch) {
            $new = @($step.ThresholdsCrossed | Where-Object { $_ -notin $before })
            if ($new) { ($new | Measure-Object -Maximum).Maximum }
            $before = @($step.ThresholdsCrossed)
        }
    }
}

AfterAll {
    Exit-PrivateBus $bus
}

Describe 'Watch-NetUsage alerts' {
    It 'raises each threshold once as a warning, an engine event and an -Action run' {
        $global:NutEventAlerts = [Collections.Generic.List[object]]::new()
        $global:NutActionAlerts = [Collections.Generic.List[object]]::new()
        $subscriber = Register-EngineEvent -SourceIdentifier NetUsageTracker.LimitExceeded -Action {
            $global:NutEventAlerts.Add([pscustomobject]@{ Alert = $Event.MessageData; At = [DateTime]::Now })
        }
        $limit = 4MB
        $traffic = Start-LoopbackTraffic
        try {
            $watch = Watch-NetUsage -InterfaceName $lo -Limit $limit -Threshold 100, 50 -Interval 0.1 -Count 20 `
                -Action { $global:NutActionAlerts.Add($_) } -WarningVariable warnings -WarningAction SilentlyContinue
        }
        finally {
            Stop-LoopbackTraffic $traffic
            Unregister-Event -SourceIdentifier NetUsageTracker.LimitExceeded
            Remove-Job -Id $subscriber.Id -Force
        }

        $watch.Count | Should -Be 20
        $alerts = @($NutEventAlerts.Alert)
        $expected = @(Get-ExpectedAlert $watch)
        $expected[-1] | Should -Be 100
        $alerts.Threshold | Should -Be $expected
        foreach ($alert in $alerts) {
            $alert.PSObject.TypeNames[0] | Should -Be 'NetUsageTracker.NetUsageAlert'
            $alert.Kind | Should -Be 'Threshold'
            $alert.Limit | Should -Be $limit
            $alert.Usage | Should -BeGreaterOrEqual ($alert.Threshold / 100 * $limit)
            $alert.Percent | Should -Be ([Math]::Round($alert.Usage * 100 / $limit, 2))
            $alert.Direction | Should -Be 'Total'
            $alert.InterfaceName | Should -Be $lo
            $alert.Watch.CountedBytes | Should -Be $alert.Usage
        }
        if ($expected.Count -eq 2) { $alerts[0].Title | Should -Be 'NetUsageTracker: Network usage at 50 % of the limit' }
        $alerts[-1].Title | Should -Be 'NetUsageTracker: Network usage limit reached'
        # The handler ran during the watch, right after the step that crossed, not when the watch ended.
        $NutEventAlerts[0].At | Should -BeLessThan $watch[-1].Timestamp
        # -Action saw the very same alerts as $_.
        $NutActionAlerts.Count | Should -Be $expected.Count
        [object]::ReferenceEquals($NutActionAlerts[0], $alerts[0]) | Should -BeTrue
        @($warnings).Count | Should -Be $expected.Count
        if ($expected.Count -eq 2) { "$($warnings[0])" | Should -BeLike "Network usage at 50 % of the limit: * total on $lo since the watch began, limit 4 MB (*%)." }
        "$($warnings[-1])" | Should -BeLike "Network usage limit reached: * total on $lo since the watch began, limit 4 MB (*%)." 
        # Each watch object lists exactly the thresholds its usage has reached (usage only grows here).
        foreach ($step in $watch) {
            $reached = @(50, 100 | Where-Object { $step.CountedBytes -ge $_ / 100 * $limit })
            @($step.ThresholdsCrossed) | Should -Be $reached
        }
    }

    It 'raises a rate-limit alert once for a sustained rate above -RateLimit' {
        $traffic = Start-LoopbackTraffic
        try {
            $alerts = [Collections.Generic.List[object]]::new()
            $watch = Watch-NetUsage -InterfaceName $lo -RateLimit 256KB -RateWindow 0.8 -Interval 0.1 -Count 15 `
                -Action { $alerts.Add($_) } -WarningVariable warnings -WarningAction SilentlyContinue
        }
        finally {
            Stop-LoopbackTraffic $traffic
        }

        $watch.Count | Should -Be 15
        $alerts.Count | Should -Be 1
        $alerts[0].Kind | Should -Be 'RateLimit'
        $alerts[0].Limit | Should -Be 256KB
        $alerts[0].Usage | Should -BeGreaterThan 256KB
        $alerts[0].RateWindow | Should -Be ([TimeSpan]::FromSeconds(0.8))
        $alerts[0].Title | Should -Be 'NetUsageTracker: Network rate limit exceeded'
        "$warnings" | Should -BeLike "Network rate limit exceeded: * total on $lo on average over 0.8 s, limit 256 KB/s (*%)."
    }

    Context 'with -Notify and a notification server' {
        BeforeAll { $script:server = Start-NotificationServer -Bus $bus }
        AfterAll { Stop-NotificationServer $server }

        It 'puts a notification naming the threshold on the server' {
            Clear-MockNotification $bus
            $traffic = Start-LoopbackTraffic
            try {
                $watch = Watch-NetUsage -InterfaceName $lo -Limit 1MB -Notify -Interval 0.1 -Count 10 -WarningVariable warnings -WarningAction SilentlyContinue
            }
            finally {
                Stop-LoopbackTraffic $traffic
            }

            $watch.Count | Should -Be 10
            Wait-Until { @(Get-MockNotification $bus).Count -gt 0 } -TimeoutSeconds 10 | Should -BeTrue
            $received = @(Get-MockNotification $bus)
            $received.Count | Should -Be 1
            $title = [Text.Encoding]::UTF8.GetString([Convert]::FromHexString($received[0].Summary))
            $body = [Text.Encoding]::UTF8.GetString([Convert]::FromHexString($received[0].Body))
            $title | Should -Be 'NetUsageTracker: Network usage limit reached'
            $body | Should -BeLike "* total on $lo since the watch began, limit 1 MB (*%)."
            @($warnings | Where-Object { "$_" -like $notifyWarning }).Count | Should -Be 0
        }
    }

    Context 'with -Notify and no notification service' {
        It 'goes on with exactly one warning that says why when <Name>' -ForEach $NoService {
            Set-NoNotificationService $bus $Address
            $traffic = Start-LoopbackTraffic
            try {
                # Up to three alerts (one per step that crosses): each notification fails, one warning says so.
                $watch = Watch-NetUsage -InterfaceName $lo -Limit 1MB -Threshold 10, 50, 100 -Notify -Interval 0.1 -Count 6 `
                    -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errors
            }
            finally {
                Stop-LoopbackTraffic $traffic
                Reset-NotificationService $bus
            }

            $watch.Count | Should -Be 6
            $errors | Should -BeNullOrEmpty
            $watch[-1].ThresholdsCrossed | Should -Be @(10, 50, 100)
            $failures = @($warnings | Where-Object { "$_" -like $notifyWarning })
            $failures.Count | Should -Be 1
            "$($failures[0])" | Should -BeLike "*$Reason*The watch goes on*"
            @($warnings).Count | Should -Be (@(Get-ExpectedAlert $watch).Count + 1)
        }
    }

    It 'rejects <Name>' -ForEach @(
        @{ Name = '-Threshold without -Limit'; Arguments = @{ Threshold = 80 }; ErrorId = 'ThresholdWithoutLimit'; Category = 'InvalidArgument' }
        @{ Name = '-RateWindow without -RateLimit'; Arguments = @{ Limit = 1GB; RateWindow = 5 }; ErrorId = 'RateWindowWithoutRateLimit'; Category = 'InvalidArgument' }
        @{ Name = '-Notify without a limit'; Arguments = @{ Notify = $true }; ErrorId = 'NotifyWithoutLimit'; Category = 'InvalidArgument' }
        @{ Name = 'a threshold of zero'; Arguments = @{ Limit = 1GB; Threshold = 80, 0 }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'a rate limit that is not a size'; Arguments = @{ RateLimit = 'fast' }; ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData' }
    ) {
        $failure = $null
        try { Watch-NetUsage -InterfaceName $lo -Count 1 @Arguments } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,NetUsageTracker.Commands.WatchNetUsageCommand"
        $failure.CategoryInfo.Category | Should -Be $Category
    }
}
