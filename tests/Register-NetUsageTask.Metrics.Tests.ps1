# Register-NetUsageTask -MetricsPath: the recorder keeps a metrics file in a textfile collector's folder. Run as cron
# runs the registered lines (the sandbox's real crontab), read by the real node_exporter and scraped by the real
# Prometheus, on loopback ports of their own, stopped at the end.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'prometheus.ps1')
    . (Join-Path $PSScriptRoot 'ScheduleSandbox.ps1')
    Initialize-ScheduleSandbox

    function New-ImportedHistory {
        # A history holding 95 MB received on 'wan0' this month (imported: it is no interface of this machine,
        # so the figure stays put while the recorder records the live ones).
        $history = New-HistoryPath
        $now = Get-Date
        @(
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-4); InterfaceName = 'wan0'; BytesReceived = [uint64]0; BytesSent = [uint64]0 }
            [pscustomobject]@{ Timestamp = $now.AddMinutes(-2); InterfaceName = 'wan0'; BytesReceived = [uint64]95MB; BytesSent = [uint64]0 }
        ) | Import-NetUsageHistory -Path $history
        $history
    }

    function Get-CronLine {
        param([Parameter(Mandatory)] [string] $Like)
        @((Get-SandboxCrontab) -split "`n" | Where-Object { $_ -like $Like })[0]
    }
}

AfterAll {
    Remove-ScheduleSandbox
}

Describe 'Register-NetUsageTask -MetricsPath' {
    It 'puts the metrics file in the job''s command, and Get-NetUsageTask reads it back' {
        $box = Enter-ScheduleSandbox
        $folder = Join-Path $TestDrive 'collector-plan'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $file = Join-Path $folder 'netusagetracker.prom'
        $db = Join-Path $TestDrive 'plan/usage.db'
        $task = Register-NetUsageTask -Path $db -MetricsPath $file -Confirm:$false -WarningAction SilentlyContinue
        $task.Command | Should -BeLike "*Update-NetUsageHistory -Path *$db* -MetricsPath *$file*"
        (Get-NetUsageTask).Command | Should -BeExactly $task.Command
        Unregister-NetUsageTask -Confirm:$false
    }

    It 'refuses <Case> at registration with one <Id> error, and registers nothing' -ForEach @(
        @{ Case = 'a folder that does not exist'; Leaf = 'missing/netusagetracker.prom'; Id = 'MetricsFolderNotFound'; Category = 'ObjectNotFound' }
        @{ Case = 'a path that is a folder'; Leaf = ''; Id = 'MetricsPathIsFolder'; Category = 'InvalidArgument' }
    ) {
        $box = Enter-ScheduleSandbox
        $target = if ($Leaf) { Join-Path $TestDrive $Leaf } else { $TestDrive }
        $err = { Register-NetUsageTask -MetricsPath $target -Confirm:$false } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "$Id,NetUsageTracker.Commands.RegisterNetUsageTaskCommand"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        Get-SandboxCrontab | Should -BeNullOrEmpty
    }

    It 'refuses a folder this user may not write with one MetricsAccessDenied error, as a real user' -Skip:(-not $IsLinux) {
        $collector = Join-Path $TestDrive 'collector-denied'
        New-Item -ItemType Directory -Path $collector | Out-Null
        & chmod 755 $collector
        $answer = Invoke-AsTestUser -Prefix nutregmet @"
try {
    Register-NetUsageTask -MetricsPath '$collector/netusagetracker.prom' -WhatIf -ErrorAction Stop | Out-Null
    'registered'
}
catch {
    @{ Id = `$_.FullyQualifiedErrorId; Category = "`$(`$_.CategoryInfo.Category)"; Message = `$_.Exception.Message }
}
"@
        $answer.Id | Should -Be 'MetricsAccessDenied,NetUsageTracker.Commands.RegisterNetUsageTaskCommand' -Because "$answer"
        $answer.Category | Should -Be 'PermissionDenied'
        $answer.Message | Should -BeLike "*cannot be written: permission denied in '$collector'*"
        @(Get-ChildItem -LiteralPath $collector -Force) | Should -BeNullOrEmpty
    }

    It 'writes the file after the scheduled job''s recording, with each stored plan, and records even when the file cannot be written' {
        $box = Enter-ScheduleSandbox
        $db = New-ImportedHistory
        New-NetUsagePlan -Path $db -Name 'wan cap' -InterfaceName wan0 -Limit 100MB -Direction Received -Confirm:$false | Out-Null
        $folder = Join-Path $TestDrive 'collector-scheduled'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $file = Join-Path $folder 'netusagetracker.prom'
        Register-NetUsageTask -Path $db -MetricsPath $file -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        $line = Get-CronLine '`*/5 *'

        $run = Start-CronCommand -Line $line -OutputFile (Join-Path $TestDrive 'scheduled.out') -Wait
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -BeExactly ''
        $check = Invoke-Promtool -Arguments @('check', 'metrics') -InputFile $file
        $check.ExitCode | Should -Be 0 -Because $check.Output
        Get-Content -LiteralPath $file | Should -Contain 'netusagetracker_period_usage_bytes{interface="wan0",direction="received",period="month"} 99614720'
        # The stored plan, as Export-NetUsageMetric writes it: the recorder's file is what a fleet alerts on.
        Get-Content -LiteralPath $file | Should -Contain 'netusagetracker_plan_used_bytes{plan="wan cap",period="month",direction="received"} 99614720'
        Get-Content -LiteralPath $file | Should -Contain 'netusagetracker_plan_limit_bytes{plan="wan cap",period="month",direction="received"} 104857600'
        @(Get-ChildItem -LiteralPath $folder -Force).Name | Should -Be @('netusagetracker.prom')

        # The collector's folder gone: the job still records, and says why the metrics are missing in its log.
        Remove-Item -LiteralPath $folder -Recurse
        $before = [long](Invoke-HistorySql -Path $db -Sql 'SELECT max(recorded) FROM interface_state;')
        $run = Start-CronCommand -Line $line -OutputFile (Join-Path $TestDrive 'scheduled-2.out') -Wait
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -BeLike "*WARNING: The recording is stored; the metrics were not written:*'$folder'*"
        [long](Invoke-HistorySql -Path $db -Sql 'SELECT max(recorded) FROM interface_state;') | Should -BeGreaterThan $before
        Unregister-NetUsageTask -Confirm:$false
    }

    It 'is what Prometheus answers, through node_exporter, from the resident recorder: the bytes Get-NetUsageQuota gives' {
        $box = Enter-ScheduleSandbox
        $db = New-ImportedHistory
        $folder = Join-Path $TestDrive 'collector-resident'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Register-NetUsageTask -Resident -Every '00:01:00' -Path $db -MetricsPath (Join-Path $folder 'netusagetracker.prom') -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        $line = Get-CronLine '`* `* `* `* `* *'
        $exporter = $prometheus = $recorder = $null
        try {
            $recorder = Start-CronCommand -Line $line -OutputFile (Join-Path $TestDrive 'resident.out')
            Wait-Until -TimeoutSeconds 90 -Condition { (Test-Path -LiteralPath (Join-Path $folder 'netusagetracker.prom')) -or $recorder.HasExited } | Should -BeTrue
            $recorder.HasExited | Should -BeFalse -Because ([IO.File]::ReadAllText((Join-Path $TestDrive 'resident.out')))
            $exporter = Start-NodeExporter -TextfileFolder $folder
            $prometheus = Start-Prometheus -Folder (Join-Path $TestDrive 'prometheus-resident') -Targets $exporter.Address

            $quota = Get-NetUsageQuota -Path $db -InterfaceName wan0 -Limit 100MB
            $quota.Used | Should -Be 95MB
            $series = Invoke-PrometheusQuery $prometheus 'sum by (interface) (netusagetracker_period_usage_bytes{interface="wan0",period="month"})'
            $series | Should -HaveCount 1
            $series[0].value[1] | Should -BeExactly "$($quota.Used)"
            $last = Invoke-PrometheusQuery $prometheus 'netusagetracker_last_recording_timestamp_seconds'
            [double]$last[0].value[1] | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(-5).ToUnixTimeSeconds())
            Unregister-NetUsageTask -Confirm:$false
            $recorder.WaitForExit(30000) | Should -BeTrue
            $recorder.ExitCode | Should -Be 0
        }
        finally {
            Stop-Daemon $prometheus
            Stop-Daemon $exporter
            if ($recorder -and -not $recorder.HasExited) { $recorder.Kill() }
        }
    }
}
