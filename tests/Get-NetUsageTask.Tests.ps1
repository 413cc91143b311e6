BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'ScheduleSandbox.ps1')
    Initialize-ScheduleSandbox
}

AfterAll {
    Remove-ScheduleSandbox
}

Describe 'Get-NetUsageTask' {
    It 'returns nothing, and no error, when no job is registered' {
        $box = Enter-ScheduleSandbox -Systemd
        Get-NetUsageTask -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 0
    }

    It 'reads the installed crontab line back: interval, command, next run' {
        $box = Enter-ScheduleSandbox
        $registered = Register-NetUsageTask -Every '00:20:00' -Path (Join-Path $TestDrive 'u.db') -Confirm:$false

        $task = Get-NetUsageTask
        @($task).Count | Should -Be 1
        $task.PSObject.TypeNames[0] | Should -Be 'NetUsageTracker.NetUsageTask'
        $task.Platform | Should -Be 'Linux'
        $task.Mechanism | Should -Be 'Cron'
        $task.Registered | Should -BeTrue
        $task.Interval | Should -Be ([TimeSpan]::FromMinutes(20))
        $task.Command | Should -BeExactly $registered.Command
        $task.Artefacts[0].Content | Should -BeExactly $registered.Artefacts[0].Content
        $task.ArtefactPaths | Should -Be @("crontab of $([Environment]::UserName)")
        # cron runs */20 at minutes 0, 20 and 40: the next run is the first of those after now.
        $task.NextRunTime | Should -BeGreaterThan (Get-Date)
        $task.NextRunTime | Should -BeLessOrEqual (Get-Date).AddMinutes(20)
        $task.NextRunTime.Minute % 20 | Should -Be 0
        $task.NextRunTime.Second | Should -Be 0
    }

    It 'reads the installed systemd units back, with the next run systemd reports' {
        $box = Enter-ScheduleSandbox -Systemd
        $registered = Register-NetUsageTask -Every '02:00:00' -Confirm:$false

        $task = Get-NetUsageTask
        $task.Mechanism | Should -Be 'SystemdTimer'
        $task.Name | Should -Be 'netusagetracker-record.timer'
        $task.Interval | Should -Be ([TimeSpan]::FromHours(2))
        $task.Command | Should -BeExactly $registered.Command
        $task.NextRunTime | Should -Be ([datetime]'2026-11-25 22:05:00')
        $task.ArtefactPaths | Should -Be $registered.ArtefactPaths
    }

    It 'shows a job left by each mechanism' {
        $box = Enter-ScheduleSandbox
        Register-NetUsageTask -Confirm:$false | Out-Null
        # Units written by hand next to the crontab line (as if systemd had been set up later).
        $unitDir = Join-Path $box.ConfigHome 'systemd/user'
        New-Item -ItemType Directory -Path $unitDir -Force | Out-Null
        Set-Content -Path (Join-Path $unitDir 'netusagetracker-record.timer') -Value "[Timer]`nOnUnitActiveSec=10min`n"

        $tasks = Get-NetUsageTask
        $tasks.Mechanism | Should -Be @('SystemdTimer', 'Cron')
        $tasks[0].Interval | Should -Be ([TimeSpan]::FromMinutes(10))
    }

    It 'formats as a table with the interval and the next run' {
        $box = Enter-ScheduleSandbox -Systemd
        Register-NetUsageTask -Confirm:$false | Out-Null
        $table = Get-NetUsageTask | Format-Table | Out-String -Width 79
        $table | Should -BeLike '*Mechanism*Name*Every*NextRun*Healthy*'
        $table | Should -BeLike '*SystemdTimer*netusagetracker-record.timer*00:05:00*2026-11-25 22:05*True*'
        $wide = Get-NetUsageTask | Format-Table -View Wide | Out-String -Width 200
        $wide | Should -BeLike '*Mechanism*Every*NextRun*Registered*Healthy*Recorder*'
        $wide | Should -BeLike '*SystemdTimer*netusagetracker-record.timer*00:05:00*2026-11-25 22:05*True*True*'
    }
}

Describe 'Get-NetUsageTask: whether the job can still run' {
    BeforeAll {
        function Set-JobLine {
            # A crontab line as Register-NetUsageTask writes it (taken from -WhatIf), with the module part
            # replaced by $Module (a quoted manifest path or the bare name) and the PowerShell by $PowerShell.
            param([string] $Module, [string] $PowerShell)
            $line = (Register-NetUsageTask -WhatIf -WarningAction SilentlyContinue 6>$null).Artefacts[0].Content
            $manifest = Join-Path (Get-Module NetUsageTracker).ModuleBase 'NetUsageTracker.psd1'
            if ($Module) { $line = $line.Replace("'\''$manifest'\''", $Module) }
            if ($PowerShell) { $line = $line.Replace((Get-PwshCommand)[0], $PowerShell) }
            Set-SandboxCrontab (ConvertTo-ByteString "$line`n")
        }
        . (Join-Path $PSScriptRoot 'history.ps1')
    }

    It 'is healthy when the PowerShell and the manifest it imports by path exist' {
        $box = Enter-ScheduleSandbox
        Register-NetUsageTask -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        $task = Get-NetUsageTask
        ($task.Healthy, $task.Reason, $task.ModuleImport) | Should -Be @($true, $null, 'ByPath')
        $task.Module | Should -Be (Join-Path (Get-Module NetUsageTracker).ModuleBase 'NetUsageTracker.psd1')
    }

    It 'reports a manifest that was moved or removed' {
        $box = Enter-ScheduleSandbox
        Set-JobLine -Module "'\''/gone/NetUsageTracker/0.0.9/NetUsageTracker.psd1'\''"
        $task = Get-NetUsageTask
        $task.Healthy | Should -BeFalse
        $task.Reason | Should -BeLike "*from '/gone/NetUsageTracker/0.0.9/NetUsageTracker.psd1', which no longer exists*Register-NetUsageTask -Force*"
        ($task | Format-Table -View Wide | Out-String -Width 200) | Should -BeLike '*Cron*# netusagetracker-record*True*False*'
    }

    It 'looks for a module imported by name where the job''s PowerShell looks: the user''s folder under its HOME' {
        $box = Enter-ScheduleSandbox
        Set-JobLine -Module 'NetUsageTracker'
        $task = Get-NetUsageTask
        ($task.Healthy, $task.ModuleImport, $task.Module) | Should -Be @($false, 'ByName', 'NetUsageTracker')
        $task.Reason | Should -BeLike "*imports NetUsageTracker by name*$($box.Home)/.local/share/powershell/Modules*Install-PSResource NetUsageTracker*"

        $installed = Join-Path $box.Home '.local/share/powershell/Modules/NetUsageTracker/9.9.9/NetUsageTracker.psd1'
        New-Item -ItemType File -Path $installed -Force | Out-Null
        (Get-NetUsageTask).Healthy | Should -BeTrue
    }

    It 'reports a PowerShell that no longer exists' {
        $box = Enter-ScheduleSandbox
        Set-JobLine -PowerShell '/opt/gone/pwsh'
        $task = Get-NetUsageTask
        $task.Healthy | Should -BeFalse
        $task.Reason | Should -BeLike "*PowerShell '/opt/gone/pwsh' no longer exists*"
    }

    It 'reports a command it did not write instead of guessing' {
        $box = Enter-ScheduleSandbox
        Set-SandboxCrontab "*/5 * * * * /usr/bin/pwsh -File /home/me/record.ps1 # netusagetracker-record`n"
        $task = Get-NetUsageTask
        ($task.Healthy, $task.ModuleImport) | Should -Be @($false, '')
        $task.Reason | Should -BeLike '*not one that Register-NetUsageTask writes*/usr/bin/pwsh -File /home/me/record.ps1'
    }
}
