# The history file when something happened to it (issue 20, points 7-9): a damaged page, read-only
# permissions and their leftovers, a full disk. Real files, a real user, a real small file system.
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1

    function New-FilledHistory {
        # A history of several hundred rows over the last day (nothing old enough to prune), vacuumed so that
        # every page is in use; returns its path.
        $path = New-HistoryPath
        $start = (Get-Date).AddHours(-20)
        $rows = foreach ($i in 0..200) {
            foreach ($n in 0..4) {
                [pscustomobject]@{ Timestamp = $start.AddMinutes(5 * $i).ToString('o'); InterfaceName = "dmg$n"; BytesReceived = [string](1000 * $i * ($n + 1)); BytesSent = [string](10 * $i) }
            }
        }
        $rows | Import-NetUsageHistory -Path $path
        & sqlite3 $path 'PRAGMA wal_checkpoint(TRUNCATE); VACUUM;' | Out-Null
        $path
    }

    function Set-DamagedPage {
        # Overwrites one page in the middle of the file with garbage, as a failing disk sector would.
        param([string] $Path)
        $pageSize = [int](& sqlite3 $Path 'PRAGMA page_size;')
        $pages = (Get-Item $Path).Length / $pageSize
        $pages | Should -BeGreaterThan 8 -Because 'the test needs a file of many pages'
        $stream = [System.IO.File]::OpenWrite($Path)
        try {
            $stream.Position = [long]([Math]::Floor($pages / 2)) * $pageSize
            $garbage = [byte[]]::new($pageSize)
            for ($i = 0; $i -lt $pageSize; $i++) { $garbage[$i] = [byte](($i * 37 + 11) % 251) }
            $stream.Write($garbage, 0, $pageSize)
        }
        finally {
            $stream.Dispose()
        }
    }

    function Get-FileHashText { param([string] $Path) (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash }
}

Describe 'The history file when something happened to it' {
    Context 'A damaged page' {
        It '<Name> refuses with HistoryCorrupt and leaves the file byte for byte as it was' -ForEach @(
            @{ Name = 'Update-NetUsageHistory'; Run = { param($p) Update-NetUsageHistory -Path $p } }
            @{ Name = 'Import-NetUsageHistory'; Run = { param($p) [pscustomobject]@{ Timestamp = (Get-Date).ToString('o'); InterfaceName = 'dmg0'; BytesReceived = '1'; BytesSent = '1' } | Import-NetUsageHistory -Path $p } }
            @{ Name = 'Set-NetUsageHistoryRetention'; Run = { param($p) Set-NetUsageHistoryRetention -Path $p -FiveMinuteHours 24 -Confirm:$false } }
            @{ Name = 'Watch-NetUsage -Record'; Run = { param($p) Watch-NetUsage -Record -Path $p -Count 1 -Interval 0.1 } }
        ) {
            $path = New-FilledHistory
            Set-DamagedPage $path
            $before = Get-FileHashText $path
            $e = Get-TerminatingError { & $Run $path -ErrorAction Stop | Out-Null }
            $e.FullyQualifiedErrorId | Should -BeLike 'HistoryCorrupt,*'
            $e.CategoryInfo.Category | Should -Be 'InvalidData'
            $e.Exception.Message | Should -BeLike "*$path*"
            Get-FileHashText $path | Should -Be $before
        }
    }

    Context 'Permissions, as a real user' {
        BeforeAll {
            $script:UserSkip = if (-not $IsLinux -or (& id -u) -ne '0') { 'the test makes a user of its own: Linux, as root' }
            # Every step in one PowerShell of that user: what each writer and reader said, and the files left.
            $script:Steps = @'
function Step([string] $Name, [scriptblock] $Run) {
    try { & $Run -ErrorAction Stop | Out-Null; [pscustomobject]@{ Name = $Name; Id = 'ok'; Message = '' } }
    catch { [pscustomobject]@{ Name = $Name; Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message } }
}
function Files { @(Get-ChildItem -LiteralPath (Join-Path $work 'h') -Force | ForEach-Object Name) -join ',' }
'@
        }

        It 'a history made read-only: writers fail clearly, readers work, and after chmod 644 recording works again' {
            if ($UserSkip) { Set-ItResult -Skipped -Because $UserSkip; return }
            $answer = Invoke-AsTestUser -Prefix nuthist @"
$Steps
`$db = Join-Path `$work 'h/usage.db'
`$null = Step 'first' { Update-NetUsageHistory -Path `$db }
& chmod 444 `$db
[pscustomobject]@{
    Update = Step 'update' { Update-NetUsageHistory -Path `$db }
    Read = Step 'read' { Get-NetUsageHistory -Path `$db -By Day }
    Quota = Step 'quota' { Get-NetUsageQuota -Path `$db -Limit 1GB }
    Left = Files
    Fixed = & { & chmod 644 `$db; Step 'after chmod 644' { Update-NetUsageHistory -Path `$db } }
}
"@
            $answer.Update.Id | Should -BeLike 'HistoryUnavailable,*'
            $answer.Update.Message | Should -BeLike '*read-only*'
            $answer.Read.Id | Should -Be 'ok' -Because $answer.Read.Message
            $answer.Quota.Id | Should -Be 'ok' -Because $answer.Quota.Message
            $answer.Left | Should -Be 'usage.db' -Because 'a reader of a read-only history must leave no -shm or -wal behind'
            $answer.Fixed.Id | Should -Be 'ok' -Because $answer.Fixed.Message
        }

        It 'a history in a read-only folder: readers work, writers fail clearly, and after chmod 755 recording works again' {
            if ($UserSkip) { Set-ItResult -Skipped -Because $UserSkip; return }
            $answer = Invoke-AsTestUser -Prefix nuthist @"
$Steps
`$folder = Join-Path `$work 'h'
`$db = Join-Path `$folder 'usage.db'
`$null = Step 'first' { Update-NetUsageHistory -Path `$db }
& chmod 555 `$folder
[pscustomobject]@{
    Read = Step 'read' { Get-NetUsageHistory -Path `$db -By Day }
    Quota = Step 'quota' { Get-NetUsageQuota -Path `$db -Limit 1GB }
    Update = Step 'update' { Update-NetUsageHistory -Path `$db }
    Left = Files
    Fixed = & { & chmod 755 `$folder; Step 'after chmod 755' { Update-NetUsageHistory -Path `$db } }
}
"@
            $answer.Read.Id | Should -Be 'ok' -Because $answer.Read.Message
            $answer.Quota.Id | Should -Be 'ok' -Because $answer.Quota.Message
            $answer.Update.Id | Should -BeLike 'HistoryUnavailable,*'
            $answer.Left | Should -Be 'usage.db'
            $answer.Fixed.Id | Should -Be 'ok' -Because $answer.Fixed.Message
        }
    }

    Context 'A full disk (a small tmpfs of the test''s own)' {
        BeforeAll {
            $script:DiskSkip = if (-not $IsLinux -or (& id -u) -ne '0') { 'the test mounts a small tmpfs: Linux, as root' }
            if (-not $DiskSkip) {
                $script:Mount = Join-Path ([IO.Path]::GetTempPath()) ('nut-full-' + [guid]::NewGuid().ToString('N'))
                New-Item -ItemType Directory -Path $Mount | Out-Null
                & mount -t tmpfs -o size=1m,mode=0755 nutfull $Mount
                if ($LASTEXITCODE -ne 0) { $script:DiskSkip = 'mounting a tmpfs failed here' }
            }

            function Fill-Disk {
                # Fills the file system to the last byte, as a download or a log would.
                $stream = [System.IO.File]::OpenWrite((Join-Path $Mount "filler-$([guid]::NewGuid().ToString('N'))"))
                try {
                    $block = [byte[]]::new(4096)
                    while ($true) { $stream.Write($block, 0, $block.Length); $stream.Flush() }
                }
                catch [System.IO.IOException] {
                }
                finally {
                    try { $stream.Dispose() } catch [System.IO.IOException] { }
                }
            }
        }

        AfterAll {
            if ($script:Mount -and (Test-Path $Mount)) {
                & umount $Mount
                Remove-Item -LiteralPath $Mount -Recurse -Force -ErrorAction SilentlyContinue
            }
        }

        AfterEach {
            if ($script:Mount -and (Test-Path $Mount)) { Get-ChildItem -LiteralPath $Mount -Force | Remove-Item -Force -Recurse }
        }

        It 'says disk full, keeps the readers working, and counts the missed traffic at the next recording' {
            if ($DiskSkip) { Set-ItResult -Skipped -Because $DiskSkip; return }
            $lo = Get-LoopbackName
            $path = Join-Path $Mount 'usage.db'
            Update-NetUsageHistory -Path $path
            $start = Get-HistoryBaseline -Path $path -InterfaceName $lo
            Send-LoopbackBytes -Count 1MB
            Update-NetUsageHistory -Path $path
            Fill-Disk
            Send-LoopbackBytes -Count 2MB
            $e = Get-TerminatingError { Update-NetUsageHistory -Path $path -ErrorAction Stop }
            $e.FullyQualifiedErrorId | Should -BeLike 'HistoryDiskFull,*'
            $e.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $e.Exception.Message | Should -BeLike '*disk*full*'
            { Get-NetUsageHistory -Path $path -ErrorAction Stop } | Should -Not -Throw
            { Get-NetUsageQuota -Path $path -Limit 1GB -ErrorAction Stop } | Should -Not -Throw
            (Get-NetUsageHistory -Path $path -InterfaceName $lo -By Day | Measure-Object BytesReceived -Sum).Sum | Should -BeGreaterOrEqual 1MB

            Get-ChildItem -LiteralPath $Mount -Filter 'filler-*' | Remove-Item -Force
            Update-NetUsageHistory -Path $path
            $end = Get-HistoryBaseline -Path $path -InterfaceName $lo
            Get-HistoryTotal -Path $path -InterfaceName $lo | Should -Be ($end - $start)
            ($end - $start) | Should -BeGreaterOrEqual 3MB
        }

        It 'leaves no empty file when the first recording of a new history meets a full disk' {
            if ($DiskSkip) { Set-ItResult -Skipped -Because $DiskSkip; return }
            Fill-Disk
            $path = Join-Path $Mount 'new.db'
            $e = Get-TerminatingError { Update-NetUsageHistory -Path $path -ErrorAction Stop }
            $e.FullyQualifiedErrorId | Should -BeLike 'HistoryDiskFull,*'
            @(Get-ChildItem -LiteralPath $Mount -Force | Where-Object Name -like 'new.db*') | Should -BeNullOrEmpty
        }
    }
}
