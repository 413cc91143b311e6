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
}
