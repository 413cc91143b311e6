BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'ScheduleSandbox.ps1')
    Initialize-ScheduleSandbox
}

AfterAll {
    Remove-ScheduleSandbox
}

Describe 'Unregister-NetUsageTask' {
    It 'has ConfirmImpact High' {
        $type = (Get-Command Unregister-NetUsageTask).ImplementingType
        $attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
    }

    It 'writes a non-terminating TaskNotFound error when nothing is registered' {
        $box = Enter-ScheduleSandbox
        $result = Unregister-NetUsageTask -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'TaskNotFound,NetUsageTracker.Commands.UnregisterNetUsageTaskCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -BeLike '*Get-NetUsageTask*'
    }

    It 'removes only its own crontab line' {
        $box = Enter-ScheduleSandbox
        $others = "# mine`n0 3 * * * /usr/bin/backup 50\% # netusagetracker-record-not`n"
        Set-SandboxCrontab $others
        Register-NetUsageTask -Confirm:$false | Out-Null
        Get-SandboxCrontab | Should -Not -BeExactly $others

        $removed = Unregister-NetUsageTask -Confirm:$false -PassThru
        $removed.Mechanism | Should -Be 'Cron'
        $removed.Registered | Should -BeFalse
        Get-SandboxCrontab | Should -BeExactly $others
        Get-NetUsageTask | Should -BeNullOrEmpty
    }

    It 'changes nothing with -WhatIf' {
        $box = Enter-ScheduleSandbox -Systemd
        $task = Register-NetUsageTask -Confirm:$false
        Unregister-NetUsageTask -WhatIf | Should -BeNullOrEmpty
        foreach ($path in $task.ArtefactPaths) { Test-Path $path | Should -BeTrue }
        Get-SystemctlCalls $box | Should -Not -Contain '--user disable --now netusagetracker-record.timer'
    }

    It 'disables the timer and deletes both unit files' {
        $box = Enter-ScheduleSandbox -Systemd
        $task = Register-NetUsageTask -Confirm:$false
        Unregister-NetUsageTask -Confirm:$false | Should -BeNullOrEmpty
        foreach ($path in $task.ArtefactPaths) { Test-Path $path | Should -BeFalse }
        $calls = Get-SystemctlCalls $box
        $calls | Should -Contain '--user disable --now netusagetracker-record.timer'
        $calls[-1] | Should -Be '--user daemon-reload'
    }

    It 'deletes the unit files even when no user manager answers' {
        $box = Enter-ScheduleSandbox -Systemd
        $task = Register-NetUsageTask -Confirm:$false
        $env:NUT_SYSTEMCTL_MODE = 'absent'
        Unregister-NetUsageTask -Confirm:$false -ErrorVariable err
        $err.Count | Should -Be 0
        foreach ($path in $task.ArtefactPaths) { Test-Path $path | Should -BeFalse }
    }
}
