# Export-NetUsageMetric: the text and the file, checked by Debian's promtool; its plan against Get-NetUsageQuota;
# the errors a user can cause, the permission one as a real user. Prometheus itself scrapes the file in
# Export-NetUsageMetric.Prometheus.Tests.ps1.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'prometheus.ps1')

    function New-ImportedHistory {
        # A history with $Bytes received on an imported interface in the last few minutes, and one recording of this
        # machine's interfaces (so a last recording exists). Returns its path.
        param([string] $InterfaceName = 'wan0', [uint64] $Bytes = 95MB)
        $path = New-HistoryPath
        $now = Get-Date
        @(
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-4); InterfaceName = $InterfaceName; BytesReceived = [uint64]1000; BytesSent = [uint64]0 }
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-2); InterfaceName = $InterfaceName; BytesReceived = [uint64]1000 + $Bytes; BytesSent = [uint64]0 }
        ) | Import-NetUsageHistory -Path $path
        Update-NetUsageHistory -Path $path
        $path
    }

    function Get-MetricLine {
        # The sample lines of one metric name in an exposition text.
        param([string] $Text, [string] $Name)
        @($Text -split "`n" | Where-Object { $_ -like "$Name{*" -or $_ -like "$Name *" })
    }

    $script:history = New-ImportedHistory
}

Describe 'Export-NetUsageMetric' {
    It 'writes one string to the pipeline that promtool check metrics accepts, with HELP and TYPE for each family' {
        $text = Export-NetUsageMetric -Path $history -IncludeLoopback -Limit 100MB
        @($text).Count | Should -Be 1
        $text | Should -BeOfType [string]
        $text | Should -BeLike '# NetUsageTracker metrics (Prometheus text format 0.0.4)*'
        $text.EndsWith("`n") | Should -BeTrue
        $text | Should -Not -Match "`r"
        $file = Join-Path $TestDrive 'pipeline.prom'
        [IO.File]::WriteAllText($file, $text)
        $check = Invoke-Promtool -Arguments @('check', 'metrics') -InputFile $file
        $check.ExitCode | Should -Be 0 -Because $check.Output
        $check.Output | Should -BeNullOrEmpty

        $families = [ordered]@{
            netusagetracker_interface_bytes_total = 'counter'; netusagetracker_interface_packets_total = 'counter'
            netusagetracker_interface_errors_total = 'counter'; netusagetracker_interface_drops_total = 'counter'
            netusagetracker_period_usage_bytes = 'gauge'; netusagetracker_plan_used_bytes = 'gauge'
            netusagetracker_plan_limit_bytes = 'gauge'; netusagetracker_plan_used_ratio = 'gauge'
            netusagetracker_plan_daily_budget_bytes = 'gauge'; netusagetracker_last_recording_timestamp_seconds = 'gauge'
        }
        foreach ($name in $families.Keys) {
            $text | Should -Match "(?m)^# HELP $name \S"
            $text | Should -Match "(?m)^# TYPE $name $($families[$name])$"
        }
        $loopback = Get-MetricLine $text 'netusagetracker_interface_bytes_total' | Where-Object { $_ -like '*interface="lo"*' }
        $loopback | Should -HaveCount 2
        $loopback[0] | Should -Match '^netusagetracker_interface_bytes_total\{interface="lo",class="loopback",direction="received"\} \d+$'
        $loopback[1] | Should -Match '^netusagetracker_interface_bytes_total\{interface="lo",class="loopback",direction="sent"\} \d+$'
    }

    It 'counts the same bytes in its plan as Get-NetUsageQuota with the same parameters' {
        $quota = Get-NetUsageQuota -Path $history -InterfaceName wan0 -Limit 100MB -BillingDay 3
        $text = Export-NetUsageMetric -Path $history -InterfaceName wan0 -Limit 100MB -BillingDay 3 -PlanName home
        $labels = '{plan="home",period="month",direction="total"}'
        $quota.Used | Should -Be 95MB
        Get-MetricLine $text 'netusagetracker_plan_used_bytes' | Should -Be "netusagetracker_plan_used_bytes$labels $($quota.Used)"
        Get-MetricLine $text 'netusagetracker_plan_limit_bytes' | Should -Be "netusagetracker_plan_limit_bytes$labels $(100MB)"
        Get-MetricLine $text 'netusagetracker_plan_used_ratio' | Should -Be "netusagetracker_plan_used_ratio$labels 0.95"
        Get-MetricLine $text 'netusagetracker_plan_daily_budget_bytes' | Should -Be "netusagetracker_plan_daily_budget_bytes$labels $($quota.DailyBudget)"
        Get-MetricLine $text 'netusagetracker_period_usage_bytes' | Should -Contain "netusagetracker_period_usage_bytes{interface=`"wan0`",direction=`"received`",period=`"day`"} $(95MB)"
        # Only the named interface counts; this machine's own are left out of the plan and the periods.
        Get-MetricLine $text 'netusagetracker_period_usage_bytes' | Should -HaveCount 4
    }

    It 'gives the last recording''s time and no plan without -Limit' {
        $before = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000.0
        Update-NetUsageHistory -Path $history
        $text = Export-NetUsageMetric -Path $history
        $line = Get-MetricLine $text 'netusagetracker_last_recording_timestamp_seconds'
        $line | Should -Match '^netusagetracker_last_recording_timestamp_seconds \d+(\.\d+)?$'
        [double]($line -split ' ')[1] | Should -BeGreaterOrEqual ([math]::Floor($before))
        [double]($line -split ' ')[1] | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000.0)
        $text | Should -Not -BeLike '*netusagetracker_plan_*'
    }

    It 'shows every stored plan without -Limit, with the bytes Get-NetUsageQuota gives it' {
        $stored = New-ImportedHistory
        $null = New-NetUsagePlan -Path $stored -Name 'Home "fibre"' -InterfaceName wan0 -Limit 100MB -BillingDay 3
        $null = New-NetUsagePlan -Path $stored -Name phone -InterfaceName wan0 -Limit 1GB -Period Day -Direction Received
        $quotas = Get-NetUsageQuota -Path $stored
        $text = Export-NetUsageMetric -Path $stored
        $fibre = $quotas | Where-Object Plan -eq 'Home "fibre"'
        $phone = $quotas | Where-Object Plan -eq phone
        Get-MetricLine $text 'netusagetracker_plan_used_bytes' | Should -Be @(
            "netusagetracker_plan_used_bytes{plan=`"Home \`"fibre\`"`",period=`"month`",direction=`"total`"} $($fibre.Used)"
            "netusagetracker_plan_used_bytes{plan=`"phone`",period=`"day`",direction=`"received`"} $($phone.Used)")
        $fibre.Used | Should -Be 95MB
        Get-MetricLine $text 'netusagetracker_plan_limit_bytes' | Should -HaveCount 2
        Get-MetricLine $text 'netusagetracker_plan_daily_budget_bytes' | Should -Contain "netusagetracker_plan_daily_budget_bytes{plan=`"phone`",period=`"day`",direction=`"received`"} $($phone.DailyBudget)"
        Export-NetUsageMetric -Path $stored -Limit 1GB -PlanName cli | Should -Not -BeLike '*plan="phone"*'
    }

    It 'writes -MetricsPath as a whole file, returns it, and replaces its own file the next time' {
        $file = Join-Path $TestDrive 'out/netusagetracker.prom'
        New-Item -ItemType Directory -Path (Split-Path $file) -Force | Out-Null
        $item = Export-NetUsageMetric $file -Path $history -Limit 1GB
        $item | Should -BeOfType [IO.FileInfo]
        $item.FullName | Should -Be $file
        (Invoke-Promtool -Arguments @('check', 'metrics') -InputFile $file).ExitCode | Should -Be 0
        Export-NetUsageMetric -MetricsPath $file -Path $history -Limit 2GB | Out-Null
        Get-Content -LiteralPath $file -Raw | Should -BeLike "*netusagetracker_plan_limit_bytes{*} $(2GB)`n*"
        @(Get-ChildItem -LiteralPath (Split-Path $file) -Force).Name | Should -Be @('netusagetracker.prom')
    }

    It 'writes nothing under -WhatIf' {
        $file = Join-Path $TestDrive 'whatif.prom'
        Export-NetUsageMetric $file -Path $history -WhatIf | Should -BeNullOrEmpty
        $file | Should -Not -Exist
    }

    It 'warns that the textfile collectors skip a name without .prom, and writes it all the same' {
        $file = Join-Path $TestDrive 'metrics.txt'
        Export-NetUsageMetric $file -Path $history -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        $warned.Message | Should -BeLike '*read only files whose names end in .prom*metrics.txt*'
        $file | Should -Exist
    }

    It 'takes the interfaces from the pipeline by property name' {
        $text = [pscustomobject]@{ InterfaceName = 'wan0' } | Export-NetUsageMetric -Path $history -Limit 1GB
        Get-MetricLine $text 'netusagetracker_period_usage_bytes' | Should -HaveCount 4
    }

    It 'refuses -<Name> without -Limit' -ForEach @(
        @{ Name = 'PlanName'; Value = 'x' }
        @{ Name = 'Period'; Value = 'Week' }
        @{ Name = 'Direction'; Value = 'Sent' }
    ) {
        $arguments = @{ Path = $history; $Name = $Value }
        $e = Get-TerminatingError { Export-NetUsageMetric @arguments }
        $e.FullyQualifiedErrorId | Should -BeLike 'PlanWithoutLimit,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeLike "*-$Name describes the plan that -Limit sets*"
    }

    It 'has a benchmark, bench/MetricsBench.ps1, that runs at a tiny size and writes its figures' {
        # The figures are the benchmark's business; this keeps the script working as the engine changes.
        $out = Join-Path $TestDrive 'bench'
        $pwsh = @(Get-PwshCommand)
        $log = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot '../bench/MetricsBench.ps1') `
            -ModulePath $script:ModuleManifest -OutDirectory $out -Iterations 3 -Days 2 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $log
        $figures = Get-Content -LiteralPath (Join-Path $out 'metrics.json') -Raw | ConvertFrom-Json
        $figures.Iterations | Should -Be 3
        $figures.Interfaces | Should -BeGreaterOrEqual 3
        $figures.MetricsFileBytes | Should -BeGreaterThan 1000
        $figures.MetricsMedianMs | Should -BeGreaterThan 0
    }

    It 'is documented with the alert rule of docs/prometheus, in Get-Help about_NetUsageTracker' {
        $rule = 'expr: netusagetracker_plan_used_ratio > 0.9'
        Get-Content -LiteralPath (Join-Path $PSScriptRoot '../docs/prometheus/netusagetracker.rules.yml') | ForEach-Object Trim | Should -Contain $rule
        $about = Get-Help about_NetUsageTracker | Out-String
        $about | Should -BeLike "*Metrics for Prometheus*$rule*"
        $about | Should -BeLike '*sort_desc(netusagetracker_plan_used_ratio)*'
    }

    It 'stops with HistoryNotFound when there is no history' {
        $e = Get-TerminatingError { Export-NetUsageMetric -Path (Join-Path $TestDrive 'none.db') }
        $e.FullyQualifiedErrorId | Should -BeLike 'HistoryNotFound,*'
    }
}

Describe 'Export-NetUsageMetric: a metrics file it cannot or must not write' {
    It '<Case>: one <Id> error (<Category>), and nothing written' -ForEach @(
        @{ Case = 'a folder that does not exist'; Id = 'MetricsFolderNotFound'; Category = 'ObjectNotFound'; Make = { Join-Path $TestDrive 'no-such-folder/x.prom' }; Says = '*does not exist*' }
        @{ Case = 'a folder named as the file'; Id = 'MetricsPathIsFolder'; Category = 'InvalidArgument'; Make = { $TestDrive }; Says = '*is a folder*' }
        @{ Case = 'a file it did not write'; Id = 'MetricsFileExists'; Category = 'ResourceExists'; Make = { $f = Join-Path $TestDrive 'usage.db'; Set-Content $f 'my history'; $f }; Says = '*not a metrics file*-Force*' }
    ) {
        $target = & $Make
        $before = @(Get-ChildItem -LiteralPath $TestDrive -Recurse -Force | ForEach-Object FullName)
        $e = Get-TerminatingError { Export-NetUsageMetric $target -Path $history -WarningAction SilentlyContinue }
        $e.FullyQualifiedErrorId | Should -Be "$Id,NetUsageTracker.Commands.ExportNetUsageMetricCommand"
        $e.CategoryInfo.Category | Should -Be $Category
        $e.Exception.Message | Should -BeLike $Says
        @(Get-ChildItem -LiteralPath $TestDrive -Recurse -Force | ForEach-Object FullName) | Should -Be $before
        if ($Id -eq 'MetricsFileExists') {
            Get-Content -LiteralPath $target | Should -Be 'my history'
            Export-NetUsageMetric $target -Path $history -Force -WarningAction SilentlyContinue | Out-Null
            Get-Content -LiteralPath $target -TotalCount 1 | Should -BeLike '# NetUsageTracker metrics*'
        }
    }

    It 'a folder this user may not write: one MetricsAccessDenied error (PermissionDenied), as a real user' -Skip:(-not $IsLinux) {
        $collector = Join-Path $TestDrive 'collector-denied'
        New-Item -ItemType Directory -Path $collector | Out-Null
        & chmod 755 $collector
        $answer = Invoke-AsTestUser -Prefix nutmetrics -Prepare { param($work) Copy-Item -LiteralPath $history -Destination (Join-Path $work 'usage.db') } @"
try {
    Export-NetUsageMetric '$collector/netusagetracker.prom' -Path (Join-Path `$work 'usage.db') -ErrorAction Stop | Out-Null
    'wrote'
}
catch {
    @{ Id = `$_.FullyQualifiedErrorId; Category = "`$(`$_.CategoryInfo.Category)"; Message = `$_.Exception.Message; Errors = `$Error.Count }
}
"@
        $answer.Id | Should -Be 'MetricsAccessDenied,NetUsageTracker.Commands.ExportNetUsageMetricCommand' -Because "$answer"
        $answer.Category | Should -Be 'PermissionDenied'
        $answer.Message | Should -BeLike "*cannot be written: permission denied in '$collector'*"
        $answer.Errors | Should -Be 1
        @(Get-ChildItem -LiteralPath $collector -Force) | Should -BeNullOrEmpty
    }
}

Describe 'Export-NetUsageMetric: the recording job''s health' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'ScheduleSandbox.ps1')
        Initialize-ScheduleSandbox
    }

    AfterAll {
        Remove-ScheduleSandbox
    }

    It 'is 1 for a job that can run and 0 for one whose PowerShell is gone, by mechanism' {
        $box = Enter-ScheduleSandbox
        $registered = Register-NetUsageTask -Path $history -Confirm:$false -WarningAction SilentlyContinue
        Get-MetricLine (Export-NetUsageMetric -Path $history) 'netusagetracker_recorder_healthy' |
            Should -Be 'netusagetracker_recorder_healthy{mechanism="cron"} 1'

        $line = $registered.Artefacts[0].Content.Replace((Get-PwshCommand)[0], '/opt/gone/pwsh')
        Set-SandboxCrontab (ConvertTo-ByteString "$line`n")
        Get-MetricLine (Export-NetUsageMetric -Path $history) 'netusagetracker_recorder_healthy' |
            Should -Be 'netusagetracker_recorder_healthy{mechanism="cron"} 0'
    }
}
