# Scheduled recording on Windows. Wine's schtasks.exe is a stub (it exits 0 and prints nothing) and Task
# Scheduler never runs a job here, so the exact schtasks command lines and task XML are checked through a
# stand-in schtasks.exe that records them, and the job's own command is run as conhost.exe would start it.
# What only a real Windows machine shows: Task Scheduler starting the job, conhost's window behaviour.

BeforeAll {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
    . (Join-Path $PSScriptRoot '../history.ps1')
    $script:taskPath = '\NetUsageTracker\Record'
    $script:residentPath = '\NetUsageTracker\Recorder'

    function Get-TaskExec {
        # The Exec action of a plan's task XML, and what else the tests look at.
        param([Parameter(Mandatory)] $Plan)
        $xml = [xml]$Plan.Artefacts[0].Content
        $names = [Xml.XmlNamespaceManager]::new($xml.NameTable)
        $names.AddNamespace('t', 'http://schemas.microsoft.com/windows/2004/02/mit/task')
        [pscustomobject]@{
            Command = $xml.SelectSingleNode('/t:Task/t:Actions/t:Exec/t:Command', $names).InnerText
            Arguments = $xml.SelectSingleNode('/t:Task/t:Actions/t:Exec/t:Arguments', $names).InnerText
            LogonType = $xml.SelectSingleNode('/t:Task/t:Principals/t:Principal/t:LogonType', $names).InnerText
            Triggers = @($xml.SelectSingleNode('/t:Task/t:Triggers', $names).ChildNodes.LocalName)
            RunLimit = $xml.SelectSingleNode('/t:Task/t:Settings/t:ExecutionTimeLimit', $names).InnerText
        }
    }

    function Split-HeadlessCommand {
        # What conhost.exe --headless starts: the rest of its command line, handed to CreateProcess as is,
        # as the PowerShell path and its arguments.
        param([Parameter(Mandatory)] $Exec)
        $commandLine = if ($Exec.Command -like '*\conhost.exe') { $Exec.Arguments -replace '^--headless ', '' } else { "`"$($Exec.Command)`" $($Exec.Arguments)" }
        $parts = [regex]::Match($commandLine, '^"([^"]+)" (.*)$')
        $parts.Success | Should -BeTrue -Because "$commandLine starts with PowerShell's quoted path"
        $start = [Diagnostics.ProcessStartInfo]::new($parts.Groups[1].Value, $parts.Groups[2].Value)
        $start.UseShellExecute = $false
        # This lane runs with -ExecutionPolicy Bypass, which its children inherit; the job must not need it.
        $null = $start.Environment.Remove('PSExecutionPolicyPreference')
        $start
    }

    function New-LaneHistoryPath {
        # A history path with spaces and non-ASCII characters, in a folder of its own.
        $folder = Join-Path $TestDrive "Hïstory dîr ü $([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $null = New-Item -ItemType Directory -Path $folder
        Join-Path $folder 'usage ñ.db'
    }
}

Describe 'Register-NetUsageTask with Wine''s schtasks.exe, which exits 0 and prints nothing' {
    It 'shows the plan under -WhatIf instead of reading the empty answer as task XML' {
        Invoke-WithDeadline {
            $plan = Register-NetUsageTask -WhatIf -ErrorAction Stop
            $plan.Mechanism | Should -Be 'TaskScheduler'
            $plan.Registered | Should -BeFalse
            $plan.Artefacts[0].Kind | Should -Be 'TaskXml'
        }
    }

    It 'finds no task with Get-NetUsageTask, and writes no error' {
        Invoke-WithDeadline {
            $found = Get-NetUsageTask -ErrorVariable failures -ErrorAction SilentlyContinue
            $found | Should -BeNullOrEmpty
            $failures | Should -BeNullOrEmpty
        }
    }
}

Describe 'Task Scheduler through a stand-in schtasks.exe' {
    BeforeEach {
        $standIn = Enter-StandInSystemRoot
        $history = New-LaneHistoryPath
        $schtasks = Join-Path $standIn.SystemRoot 'System32\schtasks.exe'
    }

    AfterEach {
        Exit-StandInSystemRoot $standIn
    }

    It 'registers with schtasks /Query (of the job and of the resident recorder), then /Create /XML with the plan''s task XML, by schtasks'' full path' {
        Invoke-WithDeadline {
            $plan = Register-NetUsageTask -Path $history -Confirm:$false
            $calls = @(Get-StandInCall $standIn)
            $calls.Count | Should -Be 3
            $calls.Path | Should -Be @($schtasks, $schtasks, $schtasks)
            $calls[0].CommandLine | Should -BeExactly "`"$schtasks`" /Query /TN $taskPath /XML"
            $calls[1].CommandLine | Should -BeExactly "`"$schtasks`" /Query /TN $residentPath /XML"
            $file = $calls[2].Arguments[2]
            $quotedFile = if ($file.Contains(' ')) { '"' + $file + '"' } else { $file }
            $calls[2].CommandLine | Should -BeExactly "`"$schtasks`" /Create /XML $quotedFile /TN $taskPath /F"
            $calls[2].Files.$file | Should -BeExactly $plan.Artefacts[0].Content
            $file | Should -Not -Exist -Because 'the definition file is removed once schtasks has read it'
            $plan.Registered | Should -BeTrue
        }
    }

    It 'runs the recorder windowless (conhost.exe --headless), with -ExecutionPolicy Bypass, as the user without a stored password' {
        Invoke-WithDeadline {
            $plan = Register-NetUsageTask -Path $history -Confirm:$false
            $exec = Get-TaskExec $plan
            $pwsh = (Get-Process -Id $PID).Path
            $pwsh | Should -Match ' ' -Because 'the lane''s PowerShell is in a folder with a space, as C:\Program Files\PowerShell\7'
            $manifest = Join-Path (Get-Module NetUsageTracker).ModuleBase 'NetUsageTracker.psd1'
            $exec.Command | Should -BeExactly (Join-Path $standIn.SystemRoot 'System32\conhost.exe')
            $exec.Arguments | Should -BeExactly ("--headless `"$pwsh`" -NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden " +
                "-Command `"Import-Module -Name '$manifest'; Update-NetUsageHistory -Path '$history'`"")
            $exec.LogonType | Should -Be 'InteractiveToken'
            $plan.Command | Should -BeExactly "$($exec.Command) $($exec.Arguments)"
        }
    }

    It 'records into a history with spaces and non-ASCII characters, started as conhost.exe starts it, under the default Restricted policy' {
        Invoke-WithDeadline -Seconds 180 {
            $exec = Get-TaskExec (Register-NetUsageTask -Path $history -Confirm:$false)
            foreach ($run in 1, 2) {
                $job = [Diagnostics.Process]::Start((Split-HeadlessCommand $exec))
                try {
                    $job.WaitForExit(90000) | Should -BeTrue
                    $job.ExitCode | Should -Be 0
                }
                finally {
                    if (-not $job.HasExited) { $job.Kill($true) }
                    $job.Dispose()
                }
                if ($run -eq 1) { Send-LoopbackBytes -Count 1MB }
            }
            Get-HistoryTotal -Path $history -InterfaceName 'lo' | Should -BeGreaterOrEqual 1MB
        }
    }

    It 'reads the registered task back from schtasks /Query' {
        Invoke-WithDeadline {
            $plan = Register-NetUsageTask -Path $history -Confirm:$false
            $next = (Get-Date).Date.AddDays(1).AddHours(3)
            Set-StandInReply $standIn schtasks @('/Query', '/TN', $taskPath, '/XML') -Output $plan.Artefacts[0].Content
            Set-StandInReply $standIn schtasks @('/Query', '/TN', $taskPath, '/FO', 'CSV', '/NH') -Output "`"$taskPath`",`"$($next.ToString())`",`"Ready`"`r`n"
            $task = Get-NetUsageTask -ErrorAction Stop
            $task.Registered | Should -BeTrue
            $task.Interval | Should -Be ([TimeSpan]::FromMinutes(5))
            $task.Command | Should -BeExactly $plan.Command
            $task.NextRunTime | Should -Be $next
        }
    }

    It 'removes the task with schtasks /Delete /TN \NetUsageTracker\Record /F' {
        Invoke-WithDeadline {
            $plan = Register-NetUsageTask -Path $history -Confirm:$false
            Set-StandInReply $standIn schtasks @('/Query', '/TN', $taskPath, '/XML') -Output $plan.Artefacts[0].Content
            Unregister-NetUsageTask -Confirm:$false -ErrorAction Stop
            (@(Get-StandInCall $standIn))[-1].CommandLine | Should -BeExactly "`"$schtasks`" /Delete /TN $taskPath /F"
        }
    }

    It 'registers the resident recorder as its own task: the same windowless command with -Every, started at logon and every minute, with no run limit' {
        Invoke-WithDeadline {
            $plan = Register-NetUsageTask -Resident -Every 00:10:00 -Path $history -Confirm:$false
            ($plan.Name, $plan.Resident, $plan.Registered) | Should -Be @($residentPath, $true, $true)
            $exec = Get-TaskExec $plan
            $exec.Triggers | Should -Be @('LogonTrigger', 'TimeTrigger')
            $exec.RunLimit | Should -Be 'PT0S'
            $exec.Arguments | Should -BeLike "--headless * -WindowStyle Hidden -Command `"Import-Module -Name '*'; Update-NetUsageHistory -Every 00:10:00 -Path '$history'`""
            (@(Get-StandInCall $standIn))[-1].CommandLine | Should -BeLike "`"$schtasks`" /Create /XML * /TN $residentPath /F"
        }
    }

    # Under Wine SystemEvents cannot make its window ("Failed to create system events window thread"): the
    # recorder must go on without the session-end notice rather than stop at start.
    It 'records with the resident command, started as conhost.exe starts it, until it is ended' {
        Invoke-WithDeadline -Seconds 180 {
            $exec = Get-TaskExec (Register-NetUsageTask -Resident -Every 00:01:00 -Path $history -Confirm:$false)
            $recorder = [Diagnostics.Process]::Start((Split-HeadlessCommand $exec))
            try {
                Wait-Until -TimeoutSeconds 120 { $recorder.HasExited -or ((Test-Path -LiteralPath $history) -and (Get-HistoryBaseline -Path $history -InterfaceName 'lo') -gt 0) } | Should -BeTrue
                $recorder.HasExited | Should -BeFalse -Because 'a resident recorder keeps running after its first recording'
            }
            finally {
                if (-not $recorder.HasExited) { $recorder.Kill($true) }
                $recorder.Dispose()
            }
        }
    }

    It 'says from schtasks'' Last Result whether the recorder runs, and ends it before deleting the task' {
        Invoke-WithDeadline {
            $plan = Register-NetUsageTask -Resident -Path $history -Confirm:$false
            Set-StandInReply $standIn schtasks @('/Query', '/TN', $residentPath, '/XML') -Output $plan.Artefacts[0].Content
            # With /V, schtasks prints a row per trigger; Last Result is 267009 (SCHED_S_TASK_RUNNING) while it runs.
            $row = "`"PC`",`"$residentPath`",`"N/A`",`"Running`",`"Interactive only`",`"12/1/2026 9:00:00 AM`",`"267009`",`"ada`"`r`n"
            Set-StandInReply $standIn schtasks @('/Query', '/TN', $residentPath, '/FO', 'CSV', '/NH', '/V') -Output ($row + $row)
            $task = Get-NetUsageTask -ErrorAction Stop
            ($task.Resident, $task.Running, $task.ProcessId, $task.Healthy) | Should -Be @($true, $true, $null, $true)
            $task.Interval | Should -Be ([TimeSpan]::FromMinutes(5))
            Unregister-NetUsageTask -Confirm:$false -ErrorAction Stop
            $calls = @(Get-StandInCall $standIn)
            ($calls | Select-Object -Last 2).CommandLine | Should -Be @("`"$schtasks`" /End /TN $residentPath", "`"$schtasks`" /Delete /TN $residentPath /F")
        }
    }
}
