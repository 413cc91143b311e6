# Import-NetUsageHistory reads every row as it was meant or refuses it by name (issue 20, points 4-6): an
# empty or unparsable counter never enters the counting, a timestamp means the same in every culture, a
# timestamp far from now is refused, and no stored row can crash a reader.
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1

    function Invoke-InCulture {
        # Runs $Script with this thread's culture set to $Name (what Import-Csv, Export-Csv and the cmdlet see).
        param([string] $Name, [scriptblock] $Script)
        $saved = [cultureinfo]::CurrentCulture
        [cultureinfo]::CurrentCulture = [cultureinfo]::GetCultureInfo($Name)
        try { & $Script } finally { [cultureinfo]::CurrentCulture = $saved }
    }

    function New-CsvLog {
        # A CSV log as Export-Csv writes it: header, then one line per row (all values as text).
        param([string[]] $Lines)
        $csv = Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).csv"
        Set-Content -Path $csv -Value (@('"Timestamp","InterfaceName","BytesReceived","BytesSent"') + $Lines) -Encoding utf8
        $csv
    }
}

Describe 'Import-NetUsageHistory rows' {
    Context 'Counters' {
        It 'refuses a row whose counter is <Case>, naming the row and the field, and counts around it' -ForEach @(
            @{ Case = 'empty'; Cell = '' }
            @{ Case = 'written with a decimal comma'; Cell = '1,5' }
            @{ Case = 'negative'; Cell = '-5' }
            @{ Case = 'not a number'; Cell = 'many' }
        ) {
            $path = New-HistoryPath
            $t = (Get-Date).Date.AddHours(-30)
            $rows = @(
                [pscustomobject]@{ Timestamp = $t.ToString('o'); InterfaceName = 'imp0'; BytesReceived = '400000000000'; BytesSent = '10' }
                [pscustomobject]@{ Timestamp = $t.AddMinutes(5).ToString('o'); InterfaceName = 'imp0'; BytesReceived = '400100000000'; BytesSent = '20' }
                [pscustomobject]@{ Timestamp = $t.AddMinutes(10).ToString('o'); InterfaceName = 'imp0'; BytesReceived = $Cell; BytesSent = '30' }
                [pscustomobject]@{ Timestamp = $t.AddMinutes(15).ToString('o'); InterfaceName = 'imp0'; BytesReceived = '400200000000'; BytesSent = '40' }
            )
            $added = $rows | Import-NetUsageHistory -Path $path -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidLogRow,*'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $err[0].Exception.Message | Should -BeLike '*row 3*BytesReceived*'
            $added.BytesReceived | Should -Be 200000000
            $added.BytesSent | Should -Be 30
            ((Get-NetUsageHistory -Path $path -InterfaceName imp0 -By Year) | Measure-Object BytesReceived -Sum).Sum | Should -Be 200000000
        }

        It 'names the row and the field when a column is missing altogether' {
            $path = New-HistoryPath
            $rows = @(
                [pscustomobject]@{ Timestamp = (Get-Date).AddHours(-2).ToString('o'); InterfaceName = 'imp1'; BytesReceived = '1000' }
            )
            $null = $rows | Import-NetUsageHistory -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidLogRow,*'
            $err[0].Exception.Message | Should -BeLike '*row 1*BytesSent*'
        }
    }

    Context 'Timestamps' {
        It 'reads a de-DE log under en-US only with -Culture de-DE, and says which row it cannot place otherwise' {
            $path = New-HistoryPath
            $day = (Get-Date).Date.AddDays(-3)
            $de = [cultureinfo]::GetCultureInfo('de-DE')
            $csv = New-CsvLog @(
                "`"$($day.AddHours(18).ToString($de))`",`"imp2`",`"1000`",`"10`""
                "`"$($day.AddHours(18).AddMinutes(5).ToString($de))`",`"imp2`",`"5000`",`"20`""
            )
            Invoke-InCulture en-US {
                $null = Import-Csv $csv | Import-NetUsageHistory -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
                $err | Should -HaveCount 2
                $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidLogRow,*'
                $err[0].Exception.Message | Should -BeLike '*row 1*Timestamp*-Culture*'
                $path | Should -Not -Exist

                $added = Import-Csv $csv | Import-NetUsageHistory -Path $path -Culture de-DE -PassThru
                $added.BytesReceived | Should -Be 4000
                $added.Timestamp | Should -Be $day.AddHours(18).AddMinutes(5)
            }
            (Get-NetUsageHistory -Path $path -InterfaceName imp2 -By Day).PeriodStart | Should -Be $day
        }

        It 'reads back a log the module''s own objects wrote under de-DE, imported under en-US without -Culture (the TimestampUtc column)' {
            # Get-NetUsage | Export-Csv and Watch-NetUsage | Export-Csv write Timestamp in the writer's culture (Export-Csv
            # calls ToString()); the TimestampUtc column beside it is round-trip ISO 8601 and is what the import reads.
            $path = New-HistoryPath
            $day = (Get-Date).Date.AddDays(-3)
            $csv = Join-Path $TestDrive 'own-de.csv'
            Invoke-InCulture de-DE {
                @(
                    [NetUsageTracker.NetUsage]@{ Timestamp = $day.AddHours(18); InterfaceName = 'imp5'; BytesReceived = 1000; BytesSent = 10 }
                    [NetUsageTracker.NetUsage]@{ Timestamp = $day.AddHours(18).AddMinutes(5); InterfaceName = 'imp5'; BytesReceived = 7000; BytesSent = 30 }
                ) | Export-Csv -Path $csv -NoTypeInformation
                Get-Content $csv -Raw | Should -BeLike ('*"' + $day.AddHours(18).ToString([cultureinfo]::GetCultureInfo('de-DE')) + '"*') -Because 'a guard on the test: Timestamp is in de-DE'
            }
            Invoke-InCulture en-US {
                $added = Import-Csv $csv | Import-NetUsageHistory -Path $path -PassThru
                $added.BytesReceived | Should -Be 6000
                $added.Timestamp | Should -Be $day.AddHours(18).AddMinutes(5)
            }
        }

        It 'writes TimestampUtc as round-trip ISO 8601 on <_>, the same in every culture' -ForEach @('NetUsageTracker.NetUsage', 'NetUsageTracker.NetUsageWatch') {
            $at = [datetime]::new(2026, 12, 6, 18, 35, 24, [DateTimeKind]::Local)
            $object = New-Object $_ -Property @{ Timestamp = $at }
            foreach ($culture in 'de-DE', 'en-US', 'ja-JP') {
                Invoke-InCulture $culture { ($object | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).TimestampUtc } | Should -Be $at.ToUniversalTime().ToString('o', [cultureinfo]::InvariantCulture)
            }
        }

        It 'reads an en-US log under de-DE only with -Culture en-US' {
            $path = New-HistoryPath
            $day = (Get-Date).Date.AddDays(-3)
            $us = [cultureinfo]::GetCultureInfo('en-US')
            $csv = New-CsvLog @(
                "`"$($day.AddHours(18).ToString($us))`",`"imp3`",`"1000`",`"10`""
                "`"$($day.AddHours(18).AddMinutes(5).ToString($us))`",`"imp3`",`"3000`",`"20`""
            )
            Invoke-InCulture de-DE {
                $null = Import-Csv $csv | Import-NetUsageHistory -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
                $err | Should -HaveCount 2
                (Import-Csv $csv | Import-NetUsageHistory -Path $path -Culture en-US -PassThru).Timestamp | Should -Be $day.AddHours(18).AddMinutes(5)
            }
        }

        It 'reads round-trip ISO 8601 the same in every culture' -ForEach @(@{ Culture = 'en-US' }, @{ Culture = 'de-DE' }, @{ Culture = 'ja-JP' }) {
            $path = New-HistoryPath
            $t = (Get-Date).Date.AddDays(-2).AddHours(9)
            $csv = New-CsvLog @(
                "`"$($t.ToString('o'))`",`"imp4`",`"1000`",`"10`""
                "`"$($t.AddMinutes(5).ToUniversalTime().ToString('o'))`",`"imp4`",`"3000`",`"20`""
            )
            Invoke-InCulture $Culture {
                (Import-Csv $csv | Import-NetUsageHistory -Path $path -PassThru).Timestamp | Should -Be $t.AddMinutes(5)
            }
        }

        It 'refuses a timestamp <Case> with a clear error' -ForEach @(
            @{ Case = 'in year 9999'; Text = '9999-12-31 23:50:00' }
            @{ Case = 'next year'; Text = (Get-Date).AddYears(1).ToString('o') }
            @{ Case = 'before 1990'; Text = '1985-01-01T00:00:00' }
        ) {
            $path = New-HistoryPath
            $rows = @(
                [pscustomobject]@{ Timestamp = (Get-Date).AddHours(-1).ToString('o'); InterfaceName = 'imp5'; BytesReceived = '10'; BytesSent = '10' }
                [pscustomobject]@{ Timestamp = $Text; InterfaceName = 'imp5'; BytesReceived = '20'; BytesSent = '20' }
            )
            $null = $rows | Import-NetUsageHistory -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidLogRow,*'
            $err[0].Exception.Message | Should -BeLike '*row 2*Timestamp*'
            Get-NetUsageHistory -Path $path -By Year | Where-Object { $_.PeriodStart.Year -ne (Get-Date).Year -and $_.PeriodStart.Year -ne (Get-Date).AddHours(-1).Year } | Should -BeNullOrEmpty
        }
    }

    Context 'A stored row far in the future' {
        It 'crashes no reader: <Name>' -ForEach @(
            @{ Name = 'Get-NetUsageHistory -By <By>'; Run = { param($p) foreach ($by in 'FiveMinute', 'Hour', 'Day', 'Month', 'Year') { Get-NetUsageHistory -Path $p -By $by } } }
            @{ Name = 'Get-NetUsageQuota'; Run = { param($p) Get-NetUsageQuota -Path $p -Limit 1GB } }
            @{ Name = 'Export-NetUsageReport'; Run = { param($p) Export-NetUsageReport -Path $p -ReportPath (Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).html") } }
        ) {
            # An older module imported 9999-12-31 23:50 (local): its rows are in every roll-up.
            $path = New-HistoryPath
            Update-NetUsageHistory -Path $path
            $local = [datetime]'9999-12-31T23:50:00'
            $seconds = [DateTimeOffset]::new([datetime]::SpecifyKind($local, 'Utc')).ToUnixTimeSeconds()
            & sqlite3 $path "INSERT INTO usage VALUES (0, $seconds, 'imp6', 5, 5), (1, $($seconds - 3000), 'imp6', 5, 5), (2, 99991231, 'imp6', 5, 5), (3, 999912, 'imp6', 5, 5), (4, 9999, 'imp6', 5, 5);"
            $LASTEXITCODE | Should -Be 0
            { & $Run $path -ErrorAction Stop | Out-Null } | Should -Not -Throw
        }
    }

    Context 'The space that retention frees' {
        It 'gives the file back when the retention removed most of what an import wrote' {
            $path = New-HistoryPath
            $start = (Get-Date).Date.AddDays(-20)
            # Ten days of five-minute readings of three interfaces: past the retention of five-minute and hourly
            # periods, so the import keeps their days, months and years only.
            $rows = foreach ($i in 0..2879) {
                foreach ($n in 0..2) {
                    [pscustomobject]@{ Timestamp = $start.AddMinutes(5 * $i).ToString('o'); InterfaceName = "old$n"; BytesReceived = [string](1000 * $i); BytesSent = [string](100 * $i) }
                }
            }
            $rows | Import-NetUsageHistory -Path $path
            $kept = [int](Invoke-HistorySql -Path $path -Sql 'SELECT COUNT(*) FROM usage;')
            $kept | Should -BeLessThan 100
            (Get-Item $path).Length | Should -BeLessThan 64KB -Because "the import kept $kept rows; the pages of the rest are given back"
            (Get-NetUsageHistory -Path $path -InterfaceName old0 -By Year).BytesReceived | Should -Be (1000 * 2879)
        }
    }
}
