# The history on Windows: the win-x64 SQLite, the default file in %LOCALAPPDATA%, Windows' file locking
# (a file that is still open cannot be moved or deleted), and paths with spaces and non-ASCII characters.

BeforeAll {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
    . (Join-Path $PSScriptRoot '../history.ps1')
    $script:savedDb = $env:NETUSAGETRACKER_DB
    $env:NETUSAGETRACKER_DB = $null
    $script:defaultFolder = Join-Path $env:LOCALAPPDATA 'NetUsageTracker'
    $script:default = Join-Path $defaultFolder 'usage.db'
    if (Test-Path -LiteralPath $defaultFolder) { Remove-Item -LiteralPath $defaultFolder -Recurse -Force }
}

AfterAll {
    $env:NETUSAGETRACKER_DB = $script:savedDb
    if (Test-Path -LiteralPath $defaultFolder) { Remove-Item -LiteralPath $defaultFolder -Recurse -Force }
}

Describe 'The history on Windows' {
    It 'records into %LOCALAPPDATA%\NetUsageTracker\usage.db by default, with the win-x64 SQLite' {
        Invoke-WithDeadline {
            Update-NetUsageHistory
            $default | Should -Exist
            $header = [byte[]]::new(16)
            $stream = [IO.File]::OpenRead($default)
            try { $null = $stream.Read($header, 0, 16) } finally { $stream.Dispose() }
            [Text.Encoding]::ASCII.GetString($header) | Should -Be "SQLite format 3`0"
            [NetUsageTracker.History.Sqlite.SqliteNativeLoader]::LoadedPath |
                Should -Be (Join-Path (Get-Module NetUsageTracker).ModuleBase 'runtimes\win-x64\native\e_sqlite3.dll')
        }
    }

    It 'lets the history be moved aside and deleted in the same session after Update- and Get-NetUsageHistory' {
        Invoke-WithDeadline {
            Update-NetUsageHistory
            $null = Get-NetUsageHistory -InterfaceName 'lo'
            $aside = "$default.aside"
            Move-Item -LiteralPath $default -Destination $aside -ErrorAction Stop
            Remove-Item -LiteralPath $aside -ErrorAction Stop
            $aside | Should -Not -Exist
            $default | Should -Not -Exist
        }
    }

    It 'keeps recording on its interval (the shortest, a second) as a resident recorder, trimming its working set after each recording (Wine cannot show the trim itself)' {
        Invoke-WithDeadline {
            $path = Join-Path $TestDrive 'resident.db'
            $job = Start-BackgroundCommand -Script "Update-NetUsageHistory -Path '$path' -Every 00:00:01 -PassThru"
            try {
                # Counted by index: enumerating a stream the pipeline still writes to waits for its end.
                Wait-Until -TimeoutSeconds 40 -Condition {
                    @(Get-Collected $job.Output | Where-Object InterfaceName -eq 'lo').Count -ge 3 -or $job.PowerShell.Streams.Error.Count -gt 0
                } | Should -BeTrue
                $job.PowerShell.Streams.Error.Count | Should -Be 0 -Because "$(Get-Collected $job.PowerShell.Streams.Error)"
            }
            finally {
                Stop-BackgroundCommand $job
            }
            "$path.recorder" | Should -Not -Exist
        }
    }

    It 'records into and reads back a history whose path has spaces and non-ASCII characters' {
        Invoke-WithDeadline {
            $path = Join-Path $TestDrive 'Hïstory dîr ü\usage ñ 1.db'
            $null = New-Item -ItemType Directory -Path (Split-Path $path) -Force
            Update-NetUsageHistory -Path $path
            Send-LoopbackBytes -Count 2MB
            $second = Update-NetUsageHistory -Path $path -PassThru | Where-Object InterfaceName -eq 'lo'
            $second.BytesReceived | Should -BeGreaterOrEqual 2MB
            Get-HistoryTotal -Path $path -InterfaceName 'lo' | Should -Be $second.BytesReceived
        }
    }

    It 'keeps one interface spelled two ways (Windows names are case-insensitive): <Case>' -ForEach @(
        @{ Case = 'a recording, then a log in other case'; Stored = 'lo'; Logged = 'LO' }
        @{ Case = 'a log, then another log in other case'; Stored = $null; Logged = 'Wi-Fi' }
    ) {
        Invoke-WithDeadline {
            $path = Join-Path $TestDrive "case-$([guid]::NewGuid().ToString('N')).db"
            $t = (Get-Date).AddHours(-1)
            if ($Stored) {
                Update-NetUsageHistory -Path $path
                $first = $Stored
            }
            else {
                [pscustomobject]@{ Timestamp = $t; InterfaceName = 'wi-fi'; BytesReceived = 100; BytesSent = 10 },
                [pscustomobject]@{ Timestamp = $t.AddMinutes(5); InterfaceName = 'wi-fi'; BytesReceived = 600; BytesSent = 60 } |
                    Import-NetUsageHistory -Path $path
                $first = 'wi-fi'
            }
            [pscustomobject]@{ Timestamp = $t.AddMinutes(10); InterfaceName = $Logged; BytesReceived = 1000; BytesSent = 100 },
            [pscustomobject]@{ Timestamp = $t.AddMinutes(15); InterfaceName = $Logged; BytesReceived = 3000; BytesSent = 300 } |
                Import-NetUsageHistory -Path $path
            $names = @(Get-NetUsageHistory -Path $path -By Year -IncludeVirtual -IncludeLoopback | ForEach-Object InterfaceName | Sort-Object -Unique)
            @($names | Where-Object { $_ -eq $Logged }).Count | Should -Be 1 -Because "one interface, stored as '$first': $($names -join ', ')"
            $names -ccontains $first | Should -BeTrue -Because "the first spelling stays: $($names -join ', ')"
            $names -ccontains $Logged | Should -BeFalse -Because "the other spelling is the same interface: $($names -join ', ')"
        }
    }
}
