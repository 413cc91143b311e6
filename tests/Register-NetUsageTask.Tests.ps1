BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'ScheduleSandbox.ps1')
    Initialize-ScheduleSandbox
    $script:Marker = '# netusagetracker-record'
}

AfterAll {
    Remove-ScheduleSandbox
}

Describe 'Register-NetUsageTask' {
    Context 'with -WhatIf' {
        It 'returns the exact crontab line and changes nothing (cron fallback)' {
            $box = Enter-ScheduleSandbox
            $plan = Register-NetUsageTask -Path (Join-Path $TestDrive 'u.db') -WhatIf

            $plan.PSObject.TypeNames[0] | Should -Be 'NetUsageTracker.NetUsageTask'
            $plan.Registered | Should -BeFalse
            $plan.Platform | Should -Be 'Linux'
            $plan.Mechanism | Should -Be 'Cron'
            $plan.Interval | Should -Be ([TimeSpan]::FromMinutes(5))
            $plan.Artefacts.Count | Should -Be 1
            $plan.Artefacts[0].Kind | Should -Be 'CrontabLine'
            $line = $plan.Artefacts[0].Content
            $line | Should -BeLike "`*/5 `* `* `* `* *$Marker"
            $line | Should -BeLike "*Update-NetUsageHistory -Path '\''$(Join-Path $TestDrive 'u.db')'\''*"
            Get-SandboxCrontab | Should -BeNullOrEmpty
        }

        It 'returns the exact unit files and writes none of them (systemd)' {
            $box = Enter-ScheduleSandbox -Systemd
            $plan = Register-NetUsageTask -Every '01:00:00' -WhatIf

            $plan.Mechanism | Should -Be 'SystemdTimer'
            $plan.Registered | Should -BeFalse
            $unitDir = Join-Path $box.ConfigHome 'systemd/user'
            $plan.ArtefactPaths | Should -Be @((Join-Path $unitDir 'netusagetracker-record.service'), (Join-Path $unitDir 'netusagetracker-record.timer'))
            $plan.Artefacts[1].Content | Should -BeLike '*OnUnitActiveSec=1h*'
            $plan.Artefacts[0].Content | Should -BeLike "*ExecStart=*$($plan.Command)*"
            foreach ($path in $plan.ArtefactPaths) { Test-Path $path | Should -BeFalse }
            Test-Path $unitDir | Should -BeFalse
            # Once to find a user manager, once for the environment the job's PowerShell gets from it.
            Get-SystemctlCalls $box | Should -Be @('--user show-environment', '--user show-environment')
        }
    }

    Context 'with a real crontab' {
        It 'adds its line, keeps every other byte, and refuses to add it twice' {
            $box = Enter-ScheduleSandbox
            # Other lines: a tab, a %, a backslash, a control character and bytes that are not UTF-8.
            # (Debian's crontab -l prints a carriage return as the two characters \r, so none is used here.)
            $others = (ConvertTo-ByteString "# mine`nMAILTO=`"`"`n0 3 * * *`t/usr/bin/backup --all 50\% # keep`n# raw `u{1} ") + "$([char]0xFF)$([char]0xFE)`n"
            Set-SandboxCrontab $others

            $task = Register-NetUsageTask -Confirm:$false
            $task.Registered | Should -BeTrue
            $expected = $others + (ConvertTo-ByteString "$($task.Artefacts[0].Content)`n")
            Get-SandboxCrontab | Should -BeExactly $expected

            $err = { Register-NetUsageTask -Every '00:10:00' -Confirm:$false } | Should -Throw -ErrorId 'TaskExists,NetUsageTracker.Commands.RegisterNetUsageTaskCommand' -PassThru
            $err.CategoryInfo.Category | Should -Be 'ResourceExists'
            $err.Exception.Message | Should -BeLike '*already registered (Cron*-Force*'
            Get-SandboxCrontab | Should -BeExactly $expected
        }

        It 'replaces its line in place with -Force, idempotently' {
            $box = Enter-ScheduleSandbox
            $first = Register-NetUsageTask -Confirm:$false
            $before = "A=1`n"
            $after = "B=2`n"
            Set-SandboxCrontab ($before + (ConvertTo-ByteString "$($first.Artefacts[0].Content)`n") + $after)

            $replaced = Register-NetUsageTask -Every '00:15:00' -Force -Confirm:$false
            $replaced.Interval | Should -Be ([TimeSpan]::FromMinutes(15))
            $expected = $before + (ConvertTo-ByteString "$($replaced.Artefacts[0].Content)`n") + $after
            Get-SandboxCrontab | Should -BeExactly $expected
            $replaced.Artefacts[0].Content | Should -BeLike '`*/15 *'

            Register-NetUsageTask -Every '00:15:00' -Force -Confirm:$false | Out-Null
            Get-SandboxCrontab | Should -BeExactly $expected
        }

        It 'rounds an interval cron cannot keep evenly and says so' {
            $box = Enter-ScheduleSandbox
            $task = Register-NetUsageTask -Every '00:07:00' -Confirm:$false -WarningVariable warn -WarningAction SilentlyContinue
            $task.Interval | Should -Be ([TimeSpan]::FromMinutes(6))
            $task.Note | Should -BeLike '*every 7 minutes*every 6 minutes*'
            $warn[0].Message | Should -Be $task.Note
            (Get-SandboxCrontab) | Should -BeLike '`*/6 `* `* `* `* *'
        }

        It 'writes a line whose command records into the exact database path when cron runs it' {
            $box = Enter-ScheduleSandbox
            $folder = Join-Path $TestDrive "it's 50% `$HOME `"q`" ;&"
            New-Item -ItemType Directory -Path $folder -Force | Out-Null
            $db = Join-Path $folder 'usage.db'
            $task = Register-NetUsageTask -Path $db -Confirm:$false

            # What cron hands to sh: the line from the sixth field on, '\%' made '%' (crontab(5)); run by sh.
            $line = (Get-SandboxCrontab).TrimEnd("`n")
            $command = ($line -split ' ', 6)[5].Replace('\%', '%')
            $output = & /bin/sh -c "exec 2>&1`n$command"
            $recorder = Get-Command Update-NetUsageHistory -Module NetUsageTracker -ErrorAction Ignore
            if ($recorder) {
                $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
                Test-Path -LiteralPath $db | Should -BeTrue
            }
            else {
                # Until the history store is merged: the module loaded from its path, and only the recorder is missing.
                ($output -join "`n") | Should -BeLike "*Update-NetUsageHistory*not recognized*"
                ($output -join "`n") | Should -Not -BeLike '*Import-Module*'
            }
        }
    }

    Context 'with a systemd user manager' {
        It 'writes both units under XDG_CONFIG_HOME, reloads and enables the timer' {
            $box = Enter-ScheduleSandbox -Systemd
            $task = Register-NetUsageTask -Every '00:20:00' -Confirm:$false

            $task.Registered | Should -BeTrue
            $task.NextRunTime | Should -Be ([datetime]'2026-11-25 22:05:00')
            foreach ($artefact in $task.Artefacts) {
                $artefact.Path | Should -BeLike "$($box.ConfigHome)/systemd/user/*"
                [IO.File]::ReadAllText($artefact.Path) | Should -BeExactly $artefact.Content
            }
            Get-SystemctlCalls $box | Should -Be @(
                '--user show-environment'
                '--user show-environment'
                '--user daemon-reload'
                '--user enable --now netusagetracker-record.timer'
                '--user list-timers netusagetracker-record.timer --all --no-legend --no-pager')
            Get-SandboxCrontab | Should -BeNullOrEmpty
        }

        It 'uses ~/.config/systemd/user when XDG_CONFIG_HOME is not set' {
            $box = Enter-ScheduleSandbox -Systemd -NoXdgConfigHome
            $task = Register-NetUsageTask -Confirm:$false
            $task.Artefacts[1].Path | Should -Be (Join-Path $box.Home '.config/systemd/user/netusagetracker-record.timer')
            Test-Path $task.Artefacts[1].Path | Should -BeTrue
        }
    }

    Context 'the recorded database' {
        It 'resolves a relative -Path against the current location' {
            $box = Enter-ScheduleSandbox
            Push-Location $TestDrive
            try { $plan = Register-NetUsageTask -Path 'sub/usage.db' -WhatIf } finally { Pop-Location }
            $plan.Command | Should -BeLike "*-Path '\''$(Join-Path $TestDrive 'sub/usage.db')'\''*"
        }

        It 'falls back to NETUSAGETRACKER_DB, which a scheduled job would not inherit' {
            $box = Enter-ScheduleSandbox
            $env:NETUSAGETRACKER_DB = Join-Path $TestDrive 'from-env.db'
            (Register-NetUsageTask -WhatIf).Command | Should -BeLike "*-Path '\''$(Join-Path $TestDrive 'from-env.db')'\''*"
            $env:NETUSAGETRACKER_DB = $null
            (Register-NetUsageTask -WhatIf).Command | Should -BeLike "*; Update-NetUsageHistory'"
        }

        It 'leaves the job its own default when NETUSAGETRACKER_DB is blank, as the history cmdlets read it' {
            $box = Enter-ScheduleSandbox
            $env:NETUSAGETRACKER_DB = '   '
            try {
                (Register-NetUsageTask -WhatIf).Command | Should -BeLike "*; Update-NetUsageHistory'"
            }
            finally {
                $env:NETUSAGETRACKER_DB = $null
            }
        }

        It 'runs the PowerShell of this session with this module''s manifest' {
            $box = Enter-ScheduleSandbox
            $plan = Register-NetUsageTask -WhatIf
            $manifest = (Get-Module NetUsageTracker).Path -replace '\.dll$', '.psd1'
            $plan.Command | Should -BeLike "*-NoProfile -NonInteractive -Command 'Import-Module -Name '\''$manifest'\''*"
            $self = (Get-Process -Id $PID).Path
            # cron runs it with PowerShell's telemetry off, as every mechanism but Task Scheduler does.
            $plan.Command | Should -BeLike "POWERSHELL_TELEMETRY_OPTOUT=1 $self *"
        }
    }

    Context 'the module the job imports' {
        It 'imports a module outside the job''s module path by its manifest path, and warns with the folders it searched' {
            $box = Enter-ScheduleSandbox
            $plan = Register-NetUsageTask -WhatIf -WarningVariable warn -WarningAction SilentlyContinue
            ($plan.ModuleImport, $plan.Healthy) | Should -Be @('ByPath', $true)
            $plan.Module | Should -Be (Join-Path (Get-Module NetUsageTracker).ModuleBase 'NetUsageTracker.psd1')
            $warn.Count | Should -Be 1
            $warn[0].Message | Should -BeLike "The job imports this module by its full path, '$($plan.Module)'*Install-PSResource NetUsageTracker -Scope CurrentUser*"
        }

        It 'searches what a PowerShell started as cron starts it searches: <_>' -ForEach @('cron', 'systemd with XDG_DATA_HOME') {
            $box = Enter-ScheduleSandbox -Systemd:($_ -like 'systemd*')
            $environment = Get-CronEnvironment
            if ($_ -like 'systemd*') {
                $environment.XDG_DATA_HOME = Join-Path $TestDrive 'data home'
                $env:NUT_SYSTEMCTL_ENVIRONMENT = "HOME=$($environment.HOME)`nXDG_DATA_HOME=$($environment.XDG_DATA_HOME)"
            }
            Register-NetUsageTask -WhatIf -WarningVariable warn -WarningAction SilentlyContinue | Out-Null

            # The PSModulePath that the job's own PowerShell builds in that environment.
            $start = [Diagnostics.ProcessStartInfo]::new((Get-PwshCommand)[0])
            foreach ($a in @(Get-PwshCommand | Select-Object -Skip 1) + '-NoProfile', '-NonInteractive', '-Command', '$env:PSModulePath') { $start.ArgumentList.Add($a) }
            $start.UseShellExecute = $false
            $start.RedirectStandardOutput = $true
            $start.Environment.Clear()
            foreach ($name in $environment.Keys) { $start.Environment[$name] = $environment[$name] }
            $job = [Diagnostics.Process]::Start($start)
            $seen = $job.StandardOutput.ReadToEnd().Trim()
            $job.WaitForExit()
            $dataHome = if ($environment.XDG_DATA_HOME) { $environment.XDG_DATA_HOME } else { "$($environment.HOME)/.local/share" }
            $seen | Should -BeLike "$dataHome/powershell/Modules:*" -Because 'the user''s folder comes from the job''s HOME or XDG_DATA_HOME'
            $warn[0].Message | Should -BeLike "*modules ($(($seen -split ':') -join ', ')). After*"
        }
    }

    Context 'when the system cannot schedule' {
        It 'says so when there is neither a systemd user manager nor crontab' {
            $box = Enter-ScheduleSandbox
            $onlySystemctl = Join-Path $TestDrive 'only-systemctl'
            New-Item -ItemType Directory -Path $onlySystemctl -Force | Out-Null
            Copy-Item (Join-Path $script:SandboxBin 'systemctl') $onlySystemctl
            $env:PATH = $onlySystemctl
            $err = { Register-NetUsageTask -WhatIf } | Should -Throw -ErrorId 'NoSchedulerAvailable,NetUsageTracker.Commands.RegisterNetUsageTaskCommand' -PassThru
            $err.CategoryInfo.Category | Should -Be 'NotInstalled'
            $err.Exception.Message | Should -BeLike '*install cron*'
        }

        It 'reports the message of a crontab that refuses the new table, and changes nothing' {
            $box = Enter-ScheduleSandbox
            $refusing = Join-Path $TestDrive 'refusing'
            New-Item -ItemType Directory -Path $refusing -Force | Out-Null
            Copy-Item (Join-Path $script:SandboxBin 'systemctl') $refusing
            Set-Content -Path (Join-Path $refusing 'crontab') -NoNewline -Value "#!/bin/sh`nif [ `"`$1`" = -l ]; then echo 'no crontab for test' >&2; exit 1; fi`necho 'crontab: not allowed to write (test)' >&2`nexit 1`n"
            & chmod +x (Join-Path $refusing 'crontab')
            $env:PATH = $refusing + [IO.Path]::PathSeparator + $env:PATH
            $err = { Register-NetUsageTask -Confirm:$false } | Should -Throw -ErrorId 'SchedulerCommandFailed,NetUsageTracker.Commands.RegisterNetUsageTaskCommand' -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err.Exception.Message | Should -BeLike "*'crontab -' failed with exit code 1: crontab: not allowed to write (test)*"
            Get-SandboxCrontab | Should -BeNullOrEmpty
        }
    }

    It 'rejects an interval of <Every>: <Why>' -TestCases @(
        @{ Every = '00:00:30'; Why = 'under a minute' }
        @{ Every = '00:05:30'; Why = 'not whole minutes' }
        @{ Every = '32.00:00:00'; Why = 'over 31 days' }
    ) {
        $box = Enter-ScheduleSandbox
        { Register-NetUsageTask -Every $Every -WhatIf } | Should -Throw -ErrorId 'InvalidInterval,NetUsageTracker.Commands.RegisterNetUsageTaskCommand'
        try { Register-NetUsageTask -Every $Every -WhatIf } catch {
            $_.CategoryInfo.Category | Should -Be 'InvalidArgument'
            # One sentence a person reads: no "Actual value was ..." line from ArgumentOutOfRangeException.
            $_.Exception.Message | Should -BeLike "The interval $([timespan]$Every) is *"
            $_.Exception.Message | Should -Not -Match "`n"
        }
    }

    It 'reads back each path exactly when PowerShell runs the script: <Name>' -TestCases @(
        @{ Name = 'quotes'; Path = "/h/o'brien/$([char]0x2019)smart$([char]0x2018)/`"d`"/u.db" }
        @{ Name = 'percent and dollar'; Path = '/h/50% off/%USERPROFILE%/$HOME/$(id)/`n/u.db' }
        @{ Name = 'line break and tab'; Path = "/h/a`nb`tc/u.db" }
        @{ Name = 'wildcards and separators'; Path = '/h/[x]*?;&|<>(){}@#,/u.db' }
    ) {
        foreach ($spelled in '', '%', "`r`n") {
            $script = [NetUsageTracker.Scheduling.RecorderCommand]::new('pwsh', [string[]]@(), $Path, $Path).Script($spelled)
            $seen = & {
                function Import-Module { param($Name) "module=$Name" }
                function Update-NetUsageHistory { param($Path) "db=$Path" }
                & ([scriptblock]::Create($script))
            }
            $seen | Should -Be @("module=$Path", "db=$Path")
        }
    }
}
