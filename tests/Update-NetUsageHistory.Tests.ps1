BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
    $script:lo = Get-LoopbackName
}

Describe 'Update-NetUsageHistory' {
    Context 'The module ships SQLite' {
        It 'holds the e_sqlite3 library of <Rid>' -ForEach @(
            @{ Rid = 'win-x64'; File = 'e_sqlite3.dll' }, @{ Rid = 'win-x86'; File = 'e_sqlite3.dll' },
            @{ Rid = 'win-arm64'; File = 'e_sqlite3.dll' }, @{ Rid = 'linux-x64'; File = 'libe_sqlite3.so' },
            @{ Rid = 'linux-arm64'; File = 'libe_sqlite3.so' }, @{ Rid = 'linux-musl-x64'; File = 'libe_sqlite3.so' },
            @{ Rid = 'osx-x64'; File = 'libe_sqlite3.dylib' }, @{ Rid = 'osx-arm64'; File = 'libe_sqlite3.dylib' }
        ) {
            $file = Join-Path (Split-Path $script:ModuleManifest) "runtimes/$Rid/native/$File"
            $file | Should -Exist
            (Get-Item $file).Length | Should -BeGreaterThan 500KB
        }

        It 'loads the library from the module folder' {
            Update-NetUsageHistory -Path (New-HistoryPath)
            [NetUsageTracker.History.Sqlite.SqliteNativeLoader]::LoadedPath |
                Should -BeLike "$(Split-Path $script:ModuleManifest)*runtimes*native*"
        }
    }

    Context 'Recording' {
        It 'stores the loopback traffic since the previous recording' {
            $path = New-HistoryPath
            $first = Update-NetUsageHistory -Path $path -PassThru | Where-Object InterfaceName -eq $script:lo
            $first.Kind | Should -Be 'First'
            Send-LoopbackBytes -Count 3MB
            $second = Update-NetUsageHistory -Path $path -PassThru | Where-Object InterfaceName -eq $script:lo
            $second.Kind | Should -Be 'Normal'
            $second.BytesReceived | Should -BeGreaterOrEqual 3MB
            Get-HistoryTotal -Path $path -InterfaceName $script:lo | Should -Be $second.BytesReceived
        }

        It 'uses $env:NETUSAGETRACKER_DB, and the XDG data folder without it' {
            $db = New-HistoryPath
            $xdg = Join-Path $TestDrive 'xdg'
            $p = Start-PwshProcess -Script 'Update-NetUsageHistory' -Environment @{ NETUSAGETRACKER_DB = $db }
            $p.WaitForExit(60000) | Should -BeTrue
            $db | Should -Exist
            $p = Start-PwshProcess -Script 'Update-NetUsageHistory' -Environment @{ NETUSAGETRACKER_DB = ''; XDG_DATA_HOME = $xdg }
            $p.WaitForExit(60000) | Should -BeTrue
            Join-Path $xdg 'NetUsageTracker/usage.db' | Should -Exist
        }

        It 'changes nothing with -WhatIf' {
            $path = New-HistoryPath
            Update-NetUsageHistory -Path $path -WhatIf
            $path | Should -Not -Exist
        }
    }

    Context 'Reliability' {
        It 'survives kill -9 in the middle of recording with every byte counted once' {
            $path = New-HistoryPath
            Update-NetUsageHistory -Path $path
            $start = Get-HistoryBaseline -Path $path -InterfaceName $script:lo
            $marker = "$path.count"
            $p = Start-PwshProcess -Script @"
`$n = 0
while (`$true) {
    `$l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); `$l.Start()
    `$c = [System.Net.Sockets.TcpClient]::new(); `$c.Connect([System.Net.IPAddress]::Loopback, `$l.LocalEndpoint.Port)
    `$s = `$l.AcceptTcpClient(); `$c.GetStream().Write([byte[]]::new(65536), 0, 65536); `$c.Dispose(); `$s.Dispose(); `$l.Stop()
    Update-NetUsageHistory -Path '$path'
    `$n++; Set-Content -Path '$marker' -Value `$n
}
"@
            Wait-Until { (Test-Path $marker) -and [int](Get-Content $marker -ErrorAction Ignore) -ge 20 } -TimeoutSeconds 60 | Should -BeTrue
            $p.Kill()
            $p.WaitForExit(10000) | Should -BeTrue

            Invoke-HistorySql -Path $path -Sql 'PRAGMA integrity_check;' | Should -Be 'ok'
            $end = Get-HistoryBaseline -Path $path -InterfaceName $script:lo
            Get-HistoryTotal -Path $path -InterfaceName $script:lo | Should -Be ($end - $start)
            { Update-NetUsageHistory -Path $path -ErrorAction Stop } | Should -Not -Throw
        }

        It 'holds no handle on the history once a cmdlet returns: <Name> leaves it free to move and delete' -ForEach @(
            @{ Name = 'Update-NetUsageHistory'; Run = { param($p) Update-NetUsageHistory -Path $p } }
            @{ Name = 'Get-NetUsageHistory'; Run = { param($p) $null = Get-NetUsageHistory -Path $p } }
            @{ Name = 'Get-NetUsageQuota'; Run = { param($p) $null = Get-NetUsageQuota -Path $p -Limit 1GB } }
        ) {
            # Windows refuses to move or delete an open file (the Windows lane moves it too); here the open
            # handles of this process are read from /proc/self/fd.
            $path = New-HistoryPath
            Update-NetUsageHistory -Path $path
            & $Run $path
            if (Test-Path /proc/self/fd) {
                $open = @(Get-ChildItem /proc/self/fd -ErrorAction SilentlyContinue |
                    Where-Object { $_.LinkTarget -and $_.LinkTarget.StartsWith($path) })
                $open.LinkTarget | Should -BeNullOrEmpty
            }
            $aside = "$path.damaged"
            Move-Item -LiteralPath $path -Destination $aside
            Remove-Item -LiteralPath $aside
            $aside | Should -Not -Exist
            Update-NetUsageHistory -Path $path
            $path | Should -Exist
        }

        It 'adds no traffic when the boot time moves without a reboot (a wall-clock step, shown through a time namespace)' {
            # /proc/stat's btime is the wall clock minus the uptime, so setting the clock moves it. This machine's
            # clock cannot be set by a test; a time namespace moves btime the same way (its boot clock offset), in
            # the same boot: the kernel's boot_id stays. Before issue 11 the history took this for a restart and
            # counted every counter since boot again.
            if (-not $IsLinux -or (& id -u) -ne '0' -or -not (Get-Command unshare -ErrorAction SilentlyContinue)) {
                Set-ItResult -Skipped -Because 'time namespaces need Linux, root and unshare (util-linux)'
                return
            }
            $uptime = [double]((Get-Content /proc/uptime -Raw) -split ' ')[0]
            $shift = [int][Math]::Min(600, [Math]::Floor($uptime) - 5)
            if ($shift -lt 60) { Set-ItResult -Skipped -Because "the machine booted $uptime s ago; the test moves btime by at least 60 s"; return }
            $path = New-HistoryPath
            $before = (Get-NetUsage -InterfaceName $script:lo).BytesReceived
            Update-NetUsageHistory -Path $path
            Send-LoopbackBytes -Count 4MB
            $shifted = Invoke-PwshJson -Wrapper @('unshare', '--fork', '--time', '--boottime', "-$shift") -Script @"
[pscustomobject]@{
    Btime = [long](Select-String -Path /proc/stat -Pattern '^btime (\d+)').Matches[0].Groups[1].Value
    Records = @(Update-NetUsageHistory -Path '$path' -PassThru -Verbose 4>&1 | ForEach-Object { if (`$_ -is [System.Management.Automation.VerboseRecord]) { "verbose: `$(`$_.Message)" } else { "`$(`$_.InterfaceName)=`$(`$_.Kind)=`$(`$_.TotalBytes)" } })
}
"@
            $btime = [long](Select-String -Path /proc/stat -Pattern '^btime (\d+)').Matches[0].Groups[1].Value
            ($shifted.Btime - $btime) | Should -BeGreaterOrEqual ($shift - 1) -Because 'the namespace must move btime later'
            @($shifted.Records | Where-Object { $_ -like '*restarted*' -or $_ -like '*=Reboot=*' }) | Should -BeNullOrEmpty
            # Its uptime reads lower than the stored reading's: an older reading of the same boot, counted by no one.
            @($shifted.Records | Where-Object { $_ -notlike 'verbose:*' -and $_ -notlike '*=Stale=0' }) | Should -BeNullOrEmpty
            $after = Update-NetUsageHistory -Path $path -PassThru | Where-Object InterfaceName -eq $script:lo
            $after.Kind | Should -Be 'Normal'
            $moved = (Get-NetUsage -InterfaceName $script:lo).BytesReceived - $before
            # Whatever else the machine sent on lo meanwhile is real; a phantom would add the whole counter again.
            Get-HistoryTotal -Path $path -InterfaceName $script:lo | Should -BeGreaterOrEqual 4MB
            Get-HistoryTotal -Path $path -InterfaceName $script:lo | Should -BeLessOrEqual $moved
        }

        It 'lets two recorders run at once without losing or doubling a byte' {
            $path = New-HistoryPath
            Update-NetUsageHistory -Path $path
            $start = Get-HistoryBaseline -Path $path -InterfaceName $script:lo
            $script = "1..25 | ForEach-Object { Update-NetUsageHistory -Path '$path' -ErrorAction Stop }"
            $a = Start-PwshProcess -Script $script
            $b = Start-PwshProcess -Script $script
            while (-not ($a.HasExited -and $b.HasExited)) { Send-LoopbackBytes -Count 64KB }
            $a.WaitForExit(); $b.WaitForExit()
            $a.ExitCode | Should -Be 0 -Because $a.StandardError.ReadToEnd()
            $b.ExitCode | Should -Be 0 -Because $b.StandardError.ReadToEnd()
            $end = Get-HistoryBaseline -Path $path -InterfaceName $script:lo
            $end | Should -BeGreaterThan $start
            Get-HistoryTotal -Path $path -InterfaceName $script:lo | Should -Be ($end - $start)
        }

        It 'stops with <ErrorId> naming the file when it <Case>, and leaves it untouched' -ForEach @(
            @{ Case = 'is not a database'; ErrorId = 'HistoryCorrupt'; Make = { param($p) [IO.File]::WriteAllBytes($p, [byte[]](1..4096 | ForEach-Object { $_ % 251 })) } }
            @{ Case = 'has a newer schema'; ErrorId = 'HistorySchemaTooNew'; Make = { param($p) Update-NetUsageHistory -Path $p; & sqlite3 $p 'PRAGMA user_version = 99;' } }
            @{ Case = 'is a folder'; ErrorId = 'HistoryUnavailable'; Make = { param($p) New-Item -ItemType Directory -Path $p | Out-Null } }
        ) {
            $path = New-HistoryPath
            & $Make $path
            $before = if (Test-Path $path -PathType Leaf) { (Get-FileHash $path).Hash }
            $err = Get-TerminatingError { Update-NetUsageHistory -Path $path }
            $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $err.Exception.Message | Should -BeLike "*$path*"
            $err.TargetObject | Should -Be $path
            if ($before) { (Get-FileHash $path).Hash | Should -Be $before }
        }

        It 'stops with HistoryLocked when another process holds the database for good' {
            $path = New-HistoryPath
            Update-NetUsageHistory -Path $path
            $info = [System.Diagnostics.ProcessStartInfo]::new('sqlite3', $path)
            $info.RedirectStandardInput = $true
            $info.RedirectStandardOutput = $true
            $holder = [System.Diagnostics.Process]::Start($info)
            try {
                $holder.StandardInput.WriteLine("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('lock', 'held'); SELECT 'locked';")
                $holder.StandardOutput.ReadLine() | Should -Be 'locked'
                $before = (Get-FileHash $path).Hash
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $err = Get-TerminatingError { Update-NetUsageHistory -Path $path }
                $err.FullyQualifiedErrorId | Should -BeLike 'HistoryLocked,*'
                $err.CategoryInfo.Category | Should -Be 'ResourceBusy'
                $err.Exception.Message | Should -BeLike "*$path*locked*"
                $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
                (Get-FileHash $path).Hash | Should -Be $before
            }
            finally {
                $holder.StandardInput.Close()
                $holder.WaitForExit(5000) | Out-Null
            }
        }
    }

    Context 'The resident recorder (-Every)' {
        BeforeAll {
            function Wait-RecorderStarted {
                # Until the recorder holds its lock and has stored its first reading of loopback.
                param($Path, $Process)
                Wait-Until -TimeoutSeconds 60 -Condition {
                    $Process.HasExited -or ((Test-Path "$Path.recorder") -and (Test-Path $Path) -and (Get-HistoryBaseline -Path $Path -InterfaceName $script:lo) -gt 0)
                } | Should -BeTrue
                $Process.HasExited | Should -BeFalse -Because $(if ($Process.HasExited) { $Process.StandardError.ReadToEnd() })
            }
        }

        It 'records once more when it is sent SIGTERM mid-interval, then ends cleanly' -Skip:(-not $IsLinux -and -not $IsMacOS) {
            $path = New-HistoryPath
            $recorder = Start-PwshProcess -Script "Update-NetUsageHistory -Path '$path' -Every 01:00:00"
            try {
                Wait-RecorderStarted -Path $path -Process $recorder
                Send-LoopbackBytes -Count 3MB
                & kill -TERM $recorder.Id
                $recorder.WaitForExit(30000) | Should -BeTrue -Because 'the recorder must end once it has recorded'
                $recorder.ExitCode | Should -Be 0 -Because $recorder.StandardError.ReadToEnd()
            }
            finally {
                if (-not $recorder.HasExited) { $recorder.Kill() }
            }
            Get-HistoryTotal -Path $path -InterfaceName $script:lo | Should -BeGreaterOrEqual 3MB
            "$path.recorder" | Should -Not -Exist
        }

        It 'refuses a second recorder on the same history, and starts again once the first was killed outright' {
            $path = New-HistoryPath
            $first = Start-PwshProcess -Script "Update-NetUsageHistory -Path '$path' -Every 01:00:00"
            try {
                Wait-RecorderStarted -Path $path -Process $first
                $err = Get-TerminatingError { Update-NetUsageHistory -Path $path -Every 00:00:01 }
                $err.FullyQualifiedErrorId | Should -BeLike 'HistoryLocked,*'
                $err.CategoryInfo.Category | Should -Be 'ResourceBusy'
                $err.Exception.Message | Should -BeLike "*Another resident recorder*$path*"
                $first.Kill() # SIGKILL: no chance to clean up; the system releases the lock
                $first.WaitForExit(10000) | Out-Null
                $job = Start-BackgroundCommand -Script "Update-NetUsageHistory -Path '$path' -Every 00:00:01 -PassThru"
                try {
                    Wait-Until -TimeoutSeconds 30 -Condition { $job.Output.Count -gt 0 -or $job.PowerShell.Streams.Error.Count -gt 0 } | Should -BeTrue
                    # Counted, not enumerated: enumerating a stream the pipeline still writes to waits for its end.
                    $job.PowerShell.Streams.Error.Count | Should -Be 0 -Because "$(Get-Collected $job.PowerShell.Streams.Error)"
                    $job.Output.Count | Should -BeGreaterThan 0
                }
                finally {
                    Stop-BackgroundCommand $job
                }
            }
            finally {
                if (-not $first.HasExited) { $first.Kill() }
            }
        }

        It 'starts in a folder that does not exist yet, as the first recording of a new history does' {
            $path = Join-Path $TestDrive "new-$([guid]::NewGuid().ToString('N'))/sub/usage.db"
            $job = Start-BackgroundCommand -Script "Update-NetUsageHistory -Path '$path' -Every 01:00:00"
            try {
                Wait-Until -TimeoutSeconds 30 -Condition { (Test-Path $path) -or $job.PowerShell.Streams.Error.Count -gt 0 } | Should -BeTrue
                $job.PowerShell.Streams.Error.Count | Should -Be 0 -Because "$(Get-Collected $job.PowerShell.Streams.Error)"
                "$path.recorder" | Should -Exist
            }
            finally {
                Stop-BackgroundCommand $job
            }
        }

        It 'keeps an interval longer than one system wait (-Every 30.00:00:00): records, then waits without an error' {
            $path = New-HistoryPath
            $job = Start-BackgroundCommand -Script "Update-NetUsageHistory -Path '$path' -Every 30.00:00:00"
            try {
                Wait-Until -TimeoutSeconds 30 -Condition { ((Test-Path $path) -and (Get-HistoryBaseline -Path $path -InterfaceName $script:lo) -gt 0) -or $job.Handle.IsCompleted } | Should -BeTrue
                # The wait starts as the first recording is stored: a wait the system refuses fails at once.
                Wait-Until -TimeoutSeconds 2 -Condition { $job.Handle.IsCompleted } | Should -BeFalse -Because "$(Get-Collected $job.PowerShell.Streams.Error)"
                $job.PowerShell.Streams.Error.Count | Should -Be 0
            }
            finally {
                Stop-BackgroundCommand $job
            }
        }

        It 'refuses -Every <Every>, which it cannot keep, with a clear error before it records' -ForEach @(
            @{ Every = '00:00:00.001'; Pattern = 'from 00:00:01 to 31 days' }
            @{ Every = '00:00:00.9'; Pattern = 'from 00:00:01 to 31 days' }
            @{ Every = '31.00:00:01'; Pattern = 'from 00:00:01 to 31 days' }
        ) {
            $path = New-HistoryPath
            # In the background: a recorder that accepted it would run (or spin) until stopped.
            $job = Start-BackgroundCommand -Script "Update-NetUsageHistory -Path '$path' -Every $Every"
            try {
                Wait-Until -TimeoutSeconds 20 -Condition { $job.Handle.IsCompleted } | Should -BeTrue -Because 'the interval is refused, not kept'
                # A parameter that does not bind is the script's error, in its error stream.
                $job.PowerShell.Streams.Error.Count | Should -Be 1
                $err = $job.PowerShell.Streams.Error[0]
                $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,NetUsageTracker.Commands.UpdateNetUsageHistoryCommand'
                $err.CategoryInfo.Category | Should -Be 'InvalidData'
                $err.Exception.Message | Should -Match $Pattern
                $path | Should -Not -Exist
            }
            finally {
                # A recorder that took the interval may not even hear Stop(): ask once and leave it.
                if ($job.Handle.IsCompleted) { Stop-BackgroundCommand $job } else { $null = $job.PowerShell.BeginStop($null, $null) }
            }
        }

        It 'records the traffic up to Ctrl+C before it stops' {
            $path = New-HistoryPath
            $job = Start-BackgroundCommand -Script "Update-NetUsageHistory -Path '$path' -Every 01:00:00"
            try {
                Wait-Until -TimeoutSeconds 30 -Condition { (Test-Path "$path.recorder") -and (Test-Path $path) -and (Get-HistoryBaseline -Path $path -InterfaceName $script:lo) -gt 0 } | Should -BeTrue
                Send-LoopbackBytes -Count 2MB
                $clock = [Diagnostics.Stopwatch]::StartNew()
            }
            finally {
                Stop-BackgroundCommand $job
            }
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
            Get-HistoryTotal -Path $path -InterfaceName $script:lo | Should -BeGreaterOrEqual 2MB
            "$path.recorder" | Should -Not -Exist
        }
    }
}
