# Register-NetUsageTask -Resident: one recorder that the system keeps running. The exact artefacts of every
# mechanism are tested by the engine's xunit tests; here the cmdlets, and cron for real: its lines, run as
# cron runs them, start the recorder, refuse a second one quietly and start it again once it was killed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'ScheduleSandbox.ps1')
    Initialize-ScheduleSandbox
    $script:Marker = '# netusagetracker-recorder'

    function Test-Running {
        # Whether a process still runs: an ended one that its parent (here this test, through .NET) has not
        # reaped yet keeps an empty command line in /proc.
        param([Parameter(Mandatory)] [Diagnostics.Process] $Process)
        # It may be reaped between any two looks, so the one look is the read itself.
        try { [IO.File]::ReadAllText("/proc/$($Process.Id)/cmdline").Length -gt 0 }
        catch [IO.IOException] { $false }
    }

    function Wait-Recorder {
        # Get-NetUsageTask's view of the resident recorder once it runs and has recorded into $Database
        # after $Since (Unix ms): then it holds its lock and listens for SIGTERM. Within 90 s; the
        # recorder's output file explains a failure.
        param([Parameter(Mandatory)] [string] $Database, [Parameter(Mandatory)] [long] $Since, [Parameter(Mandatory)] [string] $OutputFile)
        $recorded = Wait-Until -TimeoutSeconds 90 -Condition {
            (Test-Path -LiteralPath $Database) -and [long](Invoke-HistorySql -Path $Database -Sql 'SELECT coalesce(max(recorded), 0) FROM interface_state;') -ge $Since
        }
        $output = if (Test-Path -LiteralPath $OutputFile) { [IO.File]::ReadAllText($OutputFile) } else { '(no output file)' }
        $recorded | Should -BeTrue -Because "the recorder should have recorded (its output: $output)"
        $task = Get-NetUsageTask
        $task.Running | Should -BeTrue
        $task
    }
}

AfterAll {
    Remove-ScheduleSandbox
}

Describe 'Register-NetUsageTask -Resident' {
    It 'returns the two exact crontab lines under -WhatIf and changes nothing (cron)' {
        $box = Enter-ScheduleSandbox
        $db = Join-Path $TestDrive 'w/usage.db'
        $plan = Register-NetUsageTask -Resident -Every '00:10:00' -Path $db -WhatIf

        $plan.Resident | Should -BeTrue
        $plan.Mechanism | Should -Be 'Cron'
        $plan.Name | Should -Be $Marker
        $plan.Interval | Should -Be ([timespan]'00:10:00')
        $plan.NextRunTime | Should -BeNullOrEmpty
        $plan.Running | Should -BeNullOrEmpty
        $plan.Artefacts.Kind | Should -Be @('CrontabLine', 'CrontabLine')
        $pwsh = (Get-PwshCommand) -join ' '
        $manifest = Join-Path (Get-Module NetUsageTracker).ModuleBase 'NetUsageTracker.psd1'
        $plan.Artefacts[0].Content | Should -BeExactly ("@reboot [ ! -e $db.recorder ] || /usr/bin/flock -n $db.recorder true && POWERSHELL_TELEMETRY_OPTOUT=1 DOTNET_TieredCompilation=0 MALLOC_ARENA_MAX=1 exec $pwsh -NoProfile -NonInteractive " +
            "-Command 'Import-Module -Name '\''$manifest'\''; Update-NetUsageHistory -Every 00:10:00 -Path '\''$db'\''' $Marker")
        $plan.Artefacts[1].Content | Should -Be ($plan.Artefacts[0].Content -replace '^@reboot', '*/5 * * * *')
        Get-SandboxCrontab | Should -BeNullOrEmpty
        Test-Path (Split-Path $db) | Should -BeFalse
    }

    It 'records into the resolved default database, so the lines and the recorder test the same lock' {
        $box = Enter-ScheduleSandbox
        $env:NETUSAGETRACKER_DB = $null
        $plan = Register-NetUsageTask -Resident -WhatIf
        $default = [NetUsageTracker.History.HistoryPaths]::Resolve()
        $plan.Artefacts[1].Content | Should -BeLike "*-e $default.recorder ]*-Path '\''$default'\''' $Marker"
    }

    It 'records into the default database when NETUSAGETRACKER_DB is blank, as the recorder itself resolves it' {
        $box = Enter-ScheduleSandbox
        $env:NETUSAGETRACKER_DB = ' '
        try {
            $plan = Register-NetUsageTask -Resident -WhatIf
            $default = [NetUsageTracker.History.HistoryPaths]::Default()
            [NetUsageTracker.History.HistoryPaths]::Resolve() | Should -Be $default
            $plan.Artefacts[1].Content | Should -BeLike "*-e $default.recorder ]*-Path '\''$default'\''' $Marker"
        }
        finally {
            $env:NETUSAGETRACKER_DB = $null
        }
    }

    It 'installs a systemd service that systemd restarts, and reads its state and main process back' {
        $box = Enter-ScheduleSandbox -Systemd
        $task = Register-NetUsageTask -Resident -Path (Join-Path $TestDrive 's/usage.db') -Confirm:$false
        $task.Mechanism | Should -Be 'SystemdService'
        $task.Name | Should -Be 'netusagetracker.service'
        $unit = Join-Path $box.ConfigHome 'systemd/user/netusagetracker.service'
        $task.ArtefactPaths | Should -Be @($unit)
        [IO.File]::ReadAllText($unit) | Should -BeExactly $task.Artefacts[0].Content
        $task.Artefacts[0].Content | Should -BeLike "*`nRestart=always`nRestartSec=1min`n*"
        $calls = Get-SystemctlCalls $box
        $calls | Should -Contain '--user enable netusagetracker.service'
        $calls | Should -Contain '--user restart netusagetracker.service' -Because 'a recorder of an earlier registration is replaced'
        $task.Running | Should -BeFalse -Because 'the stand-in systemctl says inactive'

        $env:NUT_SYSTEMCTL_MAINPID = '4242'
        $found = Get-NetUsageTask
        $found.Resident | Should -BeTrue
        $found.Interval | Should -Be ([timespan]'00:05:00')
        ($found.Running, $found.ProcessId) | Should -Be @($true, 4242)
        $found.Command | Should -BeExactly $task.Command
        ($found | Format-Table -View Wide | Out-String -Width 200) | Should -BeLike '*SystemdService*netusagetracker.service*00:05:00*True*True*PID 4242*'

        Unregister-NetUsageTask -Confirm:$false
        Get-SystemctlCalls $box | Should -Contain '--user disable --now netusagetracker.service'
        Test-Path $unit | Should -BeFalse
    }

    It 'replaces a scheduled job with -Force, and refuses without it' {
        $box = Enter-ScheduleSandbox
        Register-NetUsageTask -Confirm:$false | Out-Null
        { Register-NetUsageTask -Resident -WhatIf } | Should -Throw -ErrorId 'TaskExists,NetUsageTracker.Commands.RegisterNetUsageTaskCommand'
        Register-NetUsageTask -Resident -Force -Path (Join-Path $TestDrive 'f/usage.db') -Confirm:$false | Out-Null
        $lines = @((Get-SandboxCrontab) -split "`n" | Where-Object { $_ })
        $lines.Count | Should -Be 2
        $lines | ForEach-Object { $_ | Should -BeLike "* $Marker" }
        Unregister-NetUsageTask -Confirm:$false
        Get-SandboxCrontab | Should -BeNullOrEmpty
    }

    It 'is started by its cron line, refused quietly while it runs, started again once killed, and stopped by Unregister' {
        $box = Enter-ScheduleSandbox
        $db = New-HistoryPath
        $task = Register-NetUsageTask -Resident -Every '00:01:00' -Path $db -Confirm:$false
        $task.Registered | Should -BeTrue
        $check = @((Get-SandboxCrontab) -split "`n" | Where-Object { $_ -like '`* `* `* `* `* *' })
        $check.Count | Should -Be 1 -Because 'with an interval of a minute, cron checks every minute'
        $check = $check[0]
        (Get-NetUsageTask).Running | Should -BeFalse

        $third = $null
        $since = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $first = Start-CronCommand -Line $check -OutputFile (Join-Path $TestDrive 'first.out')
        try {
            $running = Wait-Recorder -Database $db -Since $since -OutputFile (Join-Path $TestDrive 'first.out')
            $running.ProcessId | Should -Be $first.Id -Because 'sh execs the recorder: cron''s process becomes it'
            # PowerShell's telemetry timer would wake the idle recorder: its line turns telemetry off for it alone,
            # and has the runtime compile its code optimised once rather than again after 30 calls (hours, once a recording).
            $environment = [IO.File]::ReadAllText("/proc/$($first.Id)/environ").Split([char]0)
            $environment | Should -Contain 'POWERSHELL_TELEMETRY_OPTOUT=1'
            $environment | Should -Contain 'DOTNET_TieredCompilation=0'
            $environment | Should -Contain 'MALLOC_ARENA_MAX=1'

            # The next check while it runs: refused by the lock before any PowerShell starts, with no output for cron to mail.
            $second = Start-CronCommand -Line $check -OutputFile (Join-Path $TestDrive 'second.out') -Wait
            $second.ExitCode | Should -Be 1
            $second.Output | Should -BeExactly ''
            $still = Get-NetUsageTask
            ($still.Running, $still.ProcessId) | Should -Be @($true, $first.Id)

            # Killed outright: the lock goes with the process, and the next check starts a new recorder.
            & kill -KILL $first.Id
            $first.WaitForExit(30000) | Should -BeTrue
            (Get-NetUsageTask).Running | Should -BeFalse
            $since = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
            $third = Start-CronCommand -Line $check -OutputFile (Join-Path $TestDrive 'third.out')
            $again = Wait-Recorder -Database $db -Since $since -OutputFile (Join-Path $TestDrive 'third.out')
            $again.ProcessId | Should -Be $third.Id

            # Unregister stops it with SIGTERM: it records the traffic up to that moment before it ends.
            $before = Get-HistoryTotal -Path $db -InterfaceName 'lo'
            Send-LoopbackBytes -Count 2MB
            Unregister-NetUsageTask -Confirm:$false -ErrorAction Stop
            Test-Running $third | Should -BeFalse -Because 'Unregister-NetUsageTask waits for the recorder to end'
            $third.WaitForExit(30000) | Should -BeTrue
            $third.ExitCode | Should -Be 0
            (Get-HistoryTotal -Path $db -InterfaceName 'lo') - $before | Should -BeGreaterOrEqual 2MB
            Get-SandboxCrontab | Should -BeNullOrEmpty
            [IO.File]::ReadAllText((Join-Path $TestDrive 'third.out')) | Should -BeExactly ''
        }
        finally {
            foreach ($process in $first, $third) {
                if ($process -and -not $process.HasExited) { $process.Kill() }
            }
        }
    }

    It 'stops the recorder of the registration that -Force replaces, so the new lines start theirs' {
        $box = Enter-ScheduleSandbox
        $db = New-HistoryPath
        Register-NetUsageTask -Resident -Every '00:01:00' -Path $db -Confirm:$false | Out-Null
        $line = @((Get-SandboxCrontab) -split "`n" | Where-Object { $_ -like '`* `* `* `* `* *' })[0]
        $since = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $old = Start-CronCommand -Line $line -OutputFile (Join-Path $TestDrive 'old.out')
        $new = $null
        try {
            Wait-Recorder -Database $db -Since $since -OutputFile (Join-Path $TestDrive 'old.out') | Out-Null
            Register-NetUsageTask -Resident -Every '00:02:00' -Path $db -Force -Confirm:$false | Out-Null
            Test-Running $old | Should -BeFalse -Because 'the replaced recorder is stopped before the cmdlet returns'
            $old.WaitForExit(30000) | Should -BeTrue
            $old.ExitCode | Should -Be 0 -Because 'it ended on SIGTERM after its last recording'
            $line = @((Get-SandboxCrontab) -split "`n" | Where-Object { $_ -like '`*/2 *' })[0]
            $since = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
            $new = Start-CronCommand -Line $line -OutputFile (Join-Path $TestDrive 'new.out')
            $running = Wait-Recorder -Database $db -Since $since -OutputFile (Join-Path $TestDrive 'new.out')
            ($running.ProcessId, $running.Interval) | Should -Be @($new.Id, [timespan]'00:02:00')
            Unregister-NetUsageTask -Confirm:$false
            Test-Running $new | Should -BeFalse
        }
        finally {
            foreach ($process in $old, $new) {
                if ($process -and -not $process.HasExited) { $process.Kill() }
            }
        }
    }
}
