# The metrics with the real things, as a fleet runs them: two machines (a history and a node_exporter each, reading
# the file Export-NetUsageMetric keeps in its textfile folder), one Prometheus scraping both every second with the
# documented rules loaded, all on loopback ports of their own and stopped at the end; and promtool test rules.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'prometheus.ps1')
    $script:rules = (Resolve-Path (Join-Path $PSScriptRoot '../docs/prometheus/netusagetracker.rules.yml')).Path
    $script:rulesTest = (Resolve-Path (Join-Path $PSScriptRoot 'prometheus/netusagetracker.rules.test.yml')).Path

    # Quotes, backslashes, a line feed and letters outside ASCII, in an interface name and in a plan name.
    $script:oddInterface = "wan `"quoted`" C:\back\slash`nzweite Zeile Ωß 中文"
    $script:oddPlan = "Plan `"Ü`" \ one`ntwo ✓"

    function New-Machine {
        # A history with $Bytes received on $InterfaceName (imported) and this machine's interfaces recorded once,
        # and a textfile folder holding its metrics with one plan over that interface.
        param([string] $Name, [string] $InterfaceName, [uint64] $Bytes, [string] $Plan)
        $history = New-HistoryPath
        $now = Get-Date
        @(
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-4); InterfaceName = $InterfaceName; BytesReceived = [uint64]0; BytesSent = [uint64]0 }
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-2); InterfaceName = $InterfaceName; BytesReceived = $Bytes; BytesSent = [uint64]0 }
        ) | Import-NetUsageHistory -Path $history
        Update-NetUsageHistory -Path $history
        $folder = Join-Path $TestDrive "textfile-$Name"
        New-Item -ItemType Directory -Path $folder | Out-Null
        $export = @{ Path = $history; InterfaceName = $InterfaceName; Limit = 100MB; PlanName = $Plan }
        $file = Join-Path $folder 'netusagetracker.prom'
        Export-NetUsageMetric $file @export | Out-Null
        [pscustomobject]@{ History = $history; Folder = $folder; File = $file; Export = $export; Exporter = $null }
    }

    $script:a = New-Machine -Name a -InterfaceName $oddInterface -Bytes 95MB -Plan $oddPlan
    $script:b = New-Machine -Name b -InterfaceName 'lan0' -Bytes 40MB -Plan 'mobile'
    $script:prometheus = $null
    try {
        $a.Exporter = Start-NodeExporter -TextfileFolder $a.Folder
        $b.Exporter = Start-NodeExporter -TextfileFolder $b.Folder
        $script:prometheus = Start-Prometheus -Folder (Join-Path $TestDrive 'prometheus') -Targets $a.Exporter.Address, $b.Exporter.Address -RuleFiles $rules
    }
    catch {
        Stop-Daemon $a.Exporter; Stop-Daemon $b.Exporter
        throw
    }
}

AfterAll {
    Stop-Daemon $script:prometheus
    Stop-Daemon $a.Exporter
    Stop-Daemon $b.Exporter
}

Describe 'Export-NetUsageMetric with node_exporter and Prometheus' {
    It 'writes files that promtool check metrics accepts, odd names included' {
        foreach ($machine in $a, $b) {
            $check = Invoke-Promtool -Arguments @('check', 'metrics') -InputFile $machine.File
            $check.ExitCode | Should -Be 0 -Because $check.Output
        }
    }

    It 'is scraped through the textfile collector, and Prometheus answers with the bytes Get-NetUsageQuota gives' {
        $quota = Get-NetUsageQuota -Path $a.History -InterfaceName $oddInterface -Limit 100MB
        $series = Invoke-PrometheusQuery $prometheus "netusagetracker_plan_used_bytes{instance=`"$($a.Exporter.Address)`"}"
        $series | Should -HaveCount 1
        $series[0].metric.plan | Should -BeExactly $oddPlan
        $series[0].metric.period | Should -Be 'month'
        $series[0].metric.direction | Should -Be 'total'
        $quota.Used | Should -Be 95MB
        $series[0].value[1] | Should -BeExactly "$($quota.Used)"
        # The budget shrinks with the time left, so it is the same only to the second the file was written.
        $budget = [double](Invoke-PrometheusQuery $prometheus "netusagetracker_plan_daily_budget_bytes{instance=`"$($a.Exporter.Address)`"}")[0].value[1]
        [math]::Abs($budget - $quota.DailyBudget) / $quota.DailyBudget | Should -BeLessThan 0.001
    }

    It 'keeps an interface name with quotes, backslashes, a line feed and non-ASCII letters as one label, unchanged' {
        $today = Get-NetUsageHistory -Path $a.History -By Day -InterfaceName $oddInterface | Select-Object -Last 1
        $series = Invoke-PrometheusQuery $prometheus "netusagetracker_period_usage_bytes{instance=`"$($a.Exporter.Address)`",period=`"day`",direction=`"received`"}"
        $series | Should -HaveCount 1
        $series[0].metric.interface | Should -BeExactly $oddInterface
        $series[0].value[1] | Should -BeExactly "$($today.BytesReceived)"
        $today.BytesReceived | Should -Be 95MB
    }

    It 'answers the README''s query with every machine''s plan, nearest its cap first' {
        $series = Invoke-PrometheusQuery $prometheus 'sort_desc(netusagetracker_plan_used_ratio)' -Count 2
        @($series | ForEach-Object { $_.metric.instance }) | Should -Be @($a.Exporter.Address, $b.Exporter.Address)
        @($series | ForEach-Object { $_.metric.plan }) | Should -Be @($oddPlan, 'mobile')
        @($series | ForEach-Object { $_.value[1] }) | Should -Be @('0.95', '0.4')
    }

    It 'has the documented alert pending for the machine above 90 % and for no other' {
        $seen = @{}
        $found = Wait-Until -TimeoutSeconds 30 -Condition {
            $seen.Alerts = @((Invoke-RestMethod -Uri "http://$($prometheus.Address)/api/v1/alerts").data.alerts |
                Where-Object { $_.labels.alertname -eq 'NetUsagePlanNearCap' })
            $seen.Alerts.Count -gt 0
        }
        $found | Should -BeTrue
        $alerts = $seen.Alerts
        $alerts | Should -HaveCount 1
        $alerts[0].state | Should -Be 'pending' -Because 'the rule waits 5 minutes before it fires'
        $alerts[0].labels.instance | Should -Be $a.Exporter.Address
        $alerts[0].labels.plan | Should -BeExactly $oddPlan
        $alerts[0].annotations.summary | Should -BeExactly "$($a.Exporter.Address): plan $oddPlan has used 95% of its cap"
    }

    It 'serves the whole file on every scrape while it is rewritten' {
        $job = Start-BackgroundCommand -Variables @{ Export = $a.Export; File = $a.File } -Script '
            for ($i = 0; $i -lt 30; $i++) { Export-NetUsageMetric $File @Export | Out-Null }
            "done"'
        $scrapes = 0
        $bad = [System.Collections.Generic.List[string]]::new()
        try {
            while (-not $job.Handle.IsCompleted) {
                $body = (Invoke-WebRequest -Uri "http://$($a.Exporter.Address)/metrics").Content
                $scrapes++
                if ($body -notmatch '(?m)^node_textfile_scrape_error 0$' -or $body -notmatch '(?m)^netusagetracker_plan_used_bytes\{') {
                    $bad.Add($body)
                }
            }
            $job.PowerShell.EndInvoke($job.Handle) | Should -Be 'done'
        }
        finally {
            $job.PowerShell.Dispose()
        }
        $scrapes | Should -BeGreaterThan 5
        $bad | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $a.Folder -Force).Name | Should -Be @('netusagetracker.prom')
    }
}

Describe 'The documented alert rules' {
    It 'pass promtool test rules: the plan alert fires above 90 % and not at or below it' {
        $run = Invoke-Promtool -Arguments @('test', 'rules', $rulesTest)
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -BeLike '*SUCCESS*'
    }

    It 'fail the same test with a threshold of <Expression>' -ForEach @(
        @{ Expression = '>= 0.9' }
        @{ Expression = '> 0.95' }
        @{ Expression = '> 0.85' }
    ) {
        # The test file proves something only if a wrong rule fails it: the same layout, the rule changed.
        $copy = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path (Join-Path $copy 'docs/prometheus'), (Join-Path $copy 'tests/prometheus') | Out-Null
        $changed = (Get-Content -LiteralPath $rules -Raw).Replace('netusagetracker_plan_used_ratio > 0.9', "netusagetracker_plan_used_ratio $Expression")
        $changed | Should -Not -Be (Get-Content -LiteralPath $rules -Raw)
        Set-Content -LiteralPath (Join-Path $copy 'docs/prometheus/netusagetracker.rules.yml') -Value $changed
        Copy-Item -LiteralPath $rulesTest -Destination (Join-Path $copy 'tests/prometheus')
        $run = Invoke-Promtool -Arguments @('test', 'rules', (Join-Path $copy 'tests/prometheus/netusagetracker.rules.test.yml'))
        $run.ExitCode | Should -Not -Be 0 -Because $run.Output
    }
}
