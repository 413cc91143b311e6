BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
    . $PSScriptRoot/report.ps1
    $script:results = Join-Path $PSScriptRoot '../out/TestResults'
    New-Item -ItemType Directory -Path $script:results -Force | Out-Null

    # A history of 400 days of known traffic on three interfaces, one of them named like a script.
    $script:evil = '<script>alert(1)</script>'
    $script:names = @('wan0', 'lan0', $script:evil)
    $now = Get-Date
    $script:end = [datetime]::new($now.Ticks - $now.Ticks % [timespan]::FromMinutes(5).Ticks).AddMinutes(-5)
    $script:traffic = New-KnownTraffic -EndLocal $script:end -InterfaceName $script:names
    $script:db = New-HistoryPath
    Import-KnownTraffic -Path $script:db -Traffic $script:traffic

    $script:report = Join-Path $TestDrive 'usage.html'
    $script:title = 'Usage <b>test</b>'
    $script:file = Export-NetUsageReport $script:report -Path $script:db -InterfaceName $script:names -Limit 50GB -BillingDay 7 -Title $script:title
    $script:quota = Get-NetUsageQuota -Path $script:db -InterfaceName $script:names -Limit 50GB -BillingDay 7
    $script:html = Get-Content $script:report -Raw
    $script:dom = Invoke-Chromium -File $script:report -DumpDom
    $script:body = ConvertFrom-RenderedDom $script:dom
    $null = Invoke-Chromium -File $script:report -Screenshot (Join-Path $script:results 'Export-NetUsageReport.png') -WindowSize '1100,3000'
    $script:together = $script:body.SelectSingleNode('//section[@class="view"]')

    # The traffic of the selected interfaces that the known log put on each local day.
    $script:byDay = @{}
    foreach ($step in $script:traffic.Steps) {
        $day = $script:byDay[$step.End.Date]
        if (-not $day) { $day = $script:byDay[$step.End.Date] = [pscustomobject]@{ Received = [uint64]0; Sent = [uint64]0 } }
        $day.Received += $step.Received
        $day.Sent += $step.Sent
    }

    function script:Get-DayBytes {
        param([datetime] $Day)
        $script:byDay[$Day.Date]
    }

    function script:Get-Field {
        param($Node, [string] $Name)
        $Node.SelectSingleNode(".//*[@data-field='$Name']")
    }
}

Describe 'Export-NetUsageReport' {
    Context 'a report of a known history, rendered by Chromium' {
        It 'writes one self-contained file and returns it' {
            $script:file | Should -BeOfType System.IO.FileInfo
            $script:file.FullName | Should -Be $script:report
            $script:file.Length | Should -BeGreaterThan 10KB
            $script:html | Should -Not -Match 'https?://'
            $script:html | Should -Not -Match '<(script|link|img|iframe|object|embed)\b'
            $script:html | Should -Match '<style>'
            $script:html | Should -Match 'prefers-color-scheme:dark'
            $script:html | Should -Match '@media print'
        }

        It 'has every chart in every view, each with a title, a label and a table' {
            $views = @($script:body.SelectNodes('//*[@data-interfaces]'))
            $views.Count | Should -Be 4 # together, then each interface alone
            foreach ($view in $views) {
                $charts = @($view.SelectNodes('.//figure[@data-chart]'))
                ($charts | ForEach-Object { $_.'data-chart' }) | Should -Be @('five-minute', 'hour', 'day', 'month', 'top-days')
                foreach ($chart in $charts) {
                    $svg = $chart.SelectSingleNode('svg')
                    $svg.role | Should -Be 'img'
                    $svg.'aria-labelledby' | Should -Not -BeNullOrEmpty
                    $svg.title.'#text' | Should -Not -BeNullOrEmpty
                    $chart.SelectSingleNode('details/table') | Should -Not -BeNullOrEmpty
                }
            }
        }

        It 'draws a known day at the height its bytes call for, relative to the tallest day' {
            $chart = $script:together.SelectSingleNode('.//figure[@data-chart="day"]')
            $busy = $script:end.Date.AddDays(-10)
            $known = $script:end.Date.AddDays(-20)
            $busyBytes = Get-DayBytes $busy
            $knownBytes = Get-DayBytes $known
            # The busy day (3 GB more on wan0) is the tallest of the 30.
            $tallest = 0..29 | ForEach-Object { $d = Get-DayBytes $script:end.Date.AddDays(-$_); $d.Received + $d.Sent } | Measure-Object -Maximum
            $tallest.Maximum | Should -Be ($busyBytes.Received + $busyBytes.Sent)

            $busyHeight = Get-BarTotalHeight -Chart $chart -Period $busy.ToString('ddd yyyy-MM-dd', [cultureinfo]::InvariantCulture)
            $knownHeight = Get-BarTotalHeight -Chart $chart -Period $known.ToString('ddd yyyy-MM-dd', [cultureinfo]::InvariantCulture)
            $expected = ($knownBytes.Received + $knownBytes.Sent) / ($busyBytes.Received + $busyBytes.Sent)
            ($knownHeight / $busyHeight) | Should -BeGreaterThan ($expected * 0.998)
            ($knownHeight / $busyHeight) | Should -BeLessThan ($expected * 1.002)

            $bar = $chart.SelectNodes('.//*[@class="bars"]/g') | Where-Object { $_.title.StartsWith($known.ToString('ddd yyyy-MM-dd', [cultureinfo]::InvariantCulture)) }
            $bar.title | Should -BeLike "*received $($knownBytes.Received.ToString('N0')) B, sent $($knownBytes.Sent.ToString('N0')) B"

            # Each part against the axis: the top grid line's label gives the bytes the plot's height stands for.
            $lines = @($chart.SelectNodes('.//*[@class="grid"]/line'))
            $value, $unit = (@($chart.SelectNodes('.//*[@class="grid"]/text'))[-1].'#text') -split ' '
            $topBytes = [double]::Parse($value, [cultureinfo]::CurrentCulture) * [math]::Pow(1024, [array]::IndexOf(@('B', 'KB', 'MB', 'GB', 'TB'), $unit))
            $plotHeight = [double]$lines[0].y1 - [double]$lines[-1].y1
            $received, $sent = @($bar.SelectNodes('rect') | ForEach-Object { [double]$_.height })
            $received | Should -BeGreaterThan ($knownBytes.Received / $topBytes * $plotHeight - 0.02)
            $received | Should -BeLessThan ($knownBytes.Received / $topBytes * $plotHeight + 0.02)
            $sent | Should -BeGreaterThan ($knownBytes.Sent / $topBytes * $plotHeight - 0.02)
            $sent | Should -BeLessThan ($knownBytes.Sent / $topBytes * $plotHeight + 0.02)
        }

        It 'shows the quota that Get-NetUsageQuota computes for the same options' {
            $card = $script:together.SelectSingleNode('.//*[@data-quota]')
            $card.'data-quota' | Should -Be $script:quota.InterfaceName
            foreach ($name in 'Used', 'Limit', 'Remaining') {
                [uint64](Get-Field $card $name).'data-bytes' | Should -Be $script:quota.$name -Because $name
            }
            [double](Get-Field $card 'PercentUsed').'data-value' | Should -Be $script:quota.PercentUsed
            # The budget divides by the time left, which moved on between the two calls.
            $budget = [double](Get-Field $card 'DailyBudget').'data-bytes'
            [math]::Abs($budget - $script:quota.DailyBudget) | Should -BeLessThan ($script:quota.DailyBudget * 0.0001 + 1)
            if ($null -eq $script:quota.Forecast) {
                Get-Field $card 'Forecast' | Should -BeNullOrEmpty
                $card.InnerText | Should -Match 'not known yet'
            }
            else {
                [math]::Abs([double](Get-Field $card 'Forecast').'data-bytes' - $script:quota.Forecast) | Should -BeLessThan ($script:quota.Forecast * 0.001)
            }
        }

        It 'sums today, yesterday, this month, last month and all time as the history does' {
            $today = (Get-Date).Date
            $month = [datetime]::new($today.Year, $today.Month, 1)
            $days = Get-NetUsageHistory -Path $script:db -InterfaceName $script:names -By Day
            $months = Get-NetUsageHistory -Path $script:db -InterfaceName $script:names -By Month
            $years = Get-NetUsageHistory -Path $script:db -InterfaceName $script:names -By Year
            $expected = @{
                'Today' = $days | Where-Object PeriodStart -EQ $today
                'Yesterday' = $days | Where-Object PeriodStart -EQ $today.AddDays(-1)
                'This month' = $months | Where-Object PeriodStart -EQ $month
                'Last month' = $months | Where-Object PeriodStart -EQ $month.AddMonths(-1)
                'All time' = $years
            }
            foreach ($name in $expected.Keys) {
                $row = $script:together.SelectSingleNode(".//tr[@data-total='$name']")
                [uint64](Get-Field $row 'Received').'data-bytes' | Should -Be ([uint64](@($expected[$name]) | Measure-Object BytesReceived -Sum).Sum) -Because $name
                [uint64](Get-Field $row 'Sent').'data-bytes' | Should -Be ([uint64](@($expected[$name]) | Measure-Object BytesSent -Sum).Sum) -Because $name
            }
        }

        It 'renders an interface named like a script element, and the title, as text' {
            $script:body.SelectNodes('//script').Count | Should -Be 0
            $script:body.SelectNodes('//b').Count | Should -Be 0
            $script:body.SelectSingleNode('//h1').InnerText | Should -Be $script:title
            $alone = $script:body.SelectSingleNode("//details[@data-interfaces='$script:evil']")
            $alone.SelectSingleNode('summary/h3').InnerText | Should -Be $script:evil
            $script:together.SelectSingleNode('h3').InnerText | Should -BeLike "$script:evil + lan0 + wan0 together"
            $script:dom | Should -Match ([regex]::Escape('&lt;script&gt;alert(1)&lt;/script&gt;'))
        }
    }

    Context 'files' {
        It 'does not replace an existing file without -Force' {
            $path = Join-Path $TestDrive 'exists.html'
            Set-Content -Path $path -Value 'mine'
            $err = Get-TerminatingError { Export-NetUsageReport $path -Path $script:db -InterfaceName wan0 }
            $err.FullyQualifiedErrorId | Should -BeLike 'ReportFileExists,*'
            $err.CategoryInfo.Category | Should -Be 'ResourceExists'
            $err.Exception.Message | Should -BeLike "*$path*-Force*"
            Get-Content $path | Should -Be 'mine'

            Export-NetUsageReport $path -Path $script:db -InterfaceName wan0 -Force | Should -Not -BeNullOrEmpty
            Get-Content $path -Raw | Should -Match '<h1>Network usage of '
            @(Get-ChildItem (Split-Path $path) -Force -Filter '.*.tmp').Count | Should -Be 0
        }

        It 'writes nothing with -WhatIf' {
            $path = Join-Path $TestDrive 'whatif.html'
            Export-NetUsageReport $path -Path $script:db -InterfaceName wan0 -WhatIf | Should -BeNullOrEmpty
            $path | Should -Not -Exist
            Set-Content -Path $path -Value 'mine'
            Export-NetUsageReport $path -Path $script:db -InterfaceName wan0 -Force -WhatIf
            Get-Content $path | Should -Be 'mine'
        }

        It 'says how to start recording when there is no history yet, and creates none' {
            $missing = New-HistoryPath
            $path = Join-Path $TestDrive 'nothing.html'
            $file = Export-NetUsageReport $path -Path $missing -WarningVariable warnings -WarningAction SilentlyContinue
            $file.Name | Should -Be 'nothing.html'
            $warnings[0].Message | Should -BeLike "*$missing*"
            $missing | Should -Not -Exist
            $text = Get-Content $path -Raw
            $text | Should -Match 'data-empty="true"'
            $text | Should -Match 'Register-NetUsageTask'
            $text | Should -Match 'Update-NetUsageHistory'
        }

        It 'says the same of a history that holds no traffic yet' {
            $empty = New-HistoryPath
            Set-NetUsageHistoryRetention -Path $empty -DayDays 62 -Confirm:$false
            $path = Join-Path $TestDrive 'empty.html'
            Export-NetUsageReport $path -Path $empty | Out-Null
            Get-Content $path -Raw | Should -Match 'Nothing recorded yet'
        }

        It 'stops with the history error on a damaged history and writes nothing' {
            $damaged = New-HistoryPath
            [IO.File]::WriteAllBytes($damaged, [byte[]](1..200))
            $path = Join-Path $TestDrive 'damaged.html'
            $err = Get-TerminatingError { Export-NetUsageReport $path -Path $damaged }
            $err.FullyQualifiedErrorId | Should -BeLike 'HistoryCorrupt,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.TargetObject | Should -Be $damaged
            $path | Should -Not -Exist
        }

        It 'reads the history named by -Path, as every history cmdlet, and writes the report named first or by -ReportPath' {
            $path = Join-Path $TestDrive 'by-path.html'
            $file = Export-NetUsageReport $path -Path $script:db -InterfaceName wan0
            $file.FullName | Should -Be $path
            Get-Content $path -Raw | Should -Match 'wan0'
            $other = Join-Path $TestDrive 'by-name.html'
            Export-NetUsageReport -ReportPath $other -HistoryPath $script:db -InterfaceName wan0 | Out-Null # the old name of -Path
            $other | Should -Exist
        }

        It 'rejects a folder as the report' {
            $err = Get-TerminatingError { Export-NetUsageReport $TestDrive -Path $script:db }
            $err.FullyQualifiedErrorId | Should -BeLike 'ReportPathIsFolder,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }

    Context '-Open' {
        BeforeAll {
            # A stand-in for the desktop's opener (xdg-open on Linux), first on PATH, that notes what it was asked to open.
            $script:opener = Join-Path $TestDrive 'opener'
            New-Item -ItemType Directory -Path $script:opener | Out-Null
            $script:opened = Join-Path $TestDrive 'opened.txt'
            Set-Content -Path (Join-Path $script:opener 'xdg-open') -Value "#!/bin/sh`nprintf '%s' `"`$1`" > '$script:opened'"
            chmod +x (Join-Path $script:opener 'xdg-open')
            $script:path = $env:PATH
            $script:display = $env:DISPLAY
        }

        AfterEach {
            $env:PATH = $script:path
            $env:DISPLAY = $script:display
        }

        It 'opens the report with the system''s opener' -Skip:(-not $IsLinux) {
            $env:PATH = "$script:opener$([IO.Path]::PathSeparator)$script:path"
            $env:DISPLAY = ':0' # a desktop session: without one the opener is not tried (FirstSteps.Tests.ps1)
            $path = Join-Path $TestDrive 'open.html'
            Export-NetUsageReport $path -Path $script:db -InterfaceName wan0 -Open | Out-Null
            Wait-Until { Test-Path $script:opened } | Should -BeTrue
            Get-Content $script:opened -Raw | Should -Be $path
        }

        It 'warns where there is nothing to open it with, and still writes it' -Skip:(-not $IsLinux) {
            $env:PATH = Join-Path $TestDrive 'no-such-folder'
            $env:DISPLAY = ':0'
            $path = Join-Path $TestDrive 'noopen.html'
            $file = Export-NetUsageReport $path -Path $script:db -InterfaceName wan0 -Open -WarningVariable warnings -WarningAction SilentlyContinue
            $file.FullName | Should -Be $path
            $warnings[0].Message | Should -BeLike "*Open '$path' in a web browser*"
        }
    }

    Context 'pipeline input from several machines' {
        BeforeAll {
            # alpha: real records and a quota, sent through PowerShell's serializer as remoting sends them.
            $records = 'FiveMinute', 'Hour', 'Day', 'Month', 'Year' | ForEach-Object { Get-NetUsageHistory -Path $script:db -InterfaceName wan0 -By $_ }
            $quota = Get-NetUsageQuota -Path $script:db -InterfaceName wan0 -Limit 200GB
            $alpha = foreach ($item in @($records) + $quota) {
                $remote = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($item))
                $remote | Add-Member -NotePropertyName PSComputerName -NotePropertyValue 'alpha' -PassThru
            }
            $script:alphaQuota = $quota
            # beta: objects that only look deserialized, with days and a quota nearer its limit.
            $day = (Get-Date).Date
            $beta = @(
                foreach ($k in 0..4) {
                    [pscustomobject]@{ PSTypeName = 'Deserialized.NetUsageTracker.History.NetUsageHistory'; Period = 'Day'; PeriodStart = $day.AddDays(-$k)
                        PeriodEnd = $day.AddDays(1 - $k); InterfaceName = 'eth0'; BytesReceived = [uint64](($k + 1) * 1GB); BytesSent = [uint64]1MB; PSComputerName = 'beta' }
                }
                [pscustomobject]@{ PSTypeName = 'Deserialized.NetUsageTracker.History.NetUsageQuota'; InterfaceName = 'eth0'; Direction = 'Total'; Period = 'Month'
                    PeriodStart = [datetime]::new($day.Year, $day.Month, 1); PeriodEnd = [datetime]::new($day.Year, $day.Month, 1).AddMonths(1)
                    Used = [uint64]9GB; Limit = [long]10GB; Remaining = [uint64]1GB; PercentUsed = 90.0; Exceeded = $false; Forecast = [uint64]12GB
                    DailyBudget = [uint64]100MB; PSComputerName = 'beta' }
            )
            $script:fleetPath = Join-Path $TestDrive 'fleet.html'
            $watch = [pscustomobject]@{ Timestamp = Get-Date; InterfaceName = 'eth0'; BytesReceived = 1; BytesSent = 1; Elapsed = [timespan]::FromSeconds(1) }
            $script:fleetFile = @($alpha) + $beta + (Get-Date) + $watch | Export-NetUsageReport $script:fleetPath -ErrorVariable script:fleetErrors -ErrorAction SilentlyContinue
            $script:fleet = ConvertFrom-RenderedDom (Invoke-Chromium -File $script:fleetPath -DumpDom)
        }

        It 'has a row per machine, the nearest its limit first' {
            $rows = @($script:fleet.SelectNodes('//table[@class="fleet"]/tbody/tr'))
            ($rows | ForEach-Object { $_.'data-computer' }) | Should -Be @('beta', 'alpha')
            [double](Get-Field $rows[0] 'PercentUsed').'data-value' | Should -Be 90
            [uint64](Get-Field $rows[1] 'Used').'data-bytes' | Should -Be $script:alphaQuota.Used
            [uint64](Get-Field $rows[0] 'Forecast').'data-bytes' | Should -Be 12GB
        }

        It 'has a section per machine with the charts its input fills' {
            $alpha = $script:fleet.SelectSingleNode('//section[@data-computer="alpha"]')
            $beta = $script:fleet.SelectSingleNode('//section[@data-computer="beta"]')
            $alpha.h2 | Should -Be 'alpha'
            @($alpha.SelectNodes('.//figure[@data-chart and not(contains(@class, "missing"))]')).Count | Should -Be 5
            @($beta.SelectNodes('.//figure[contains(@class, "missing")]') | ForEach-Object { $_.'data-chart' }) | Should -Be @('five-minute', 'hour', 'month')
            $yesterday = (Get-Date).Date.AddDays(-1).ToString('ddd yyyy-MM-dd', [cultureinfo]::InvariantCulture)
            $bar = $beta.SelectNodes('.//figure[@data-chart="day"]//*[@class="bars"]/g') | Where-Object { $_.title.StartsWith($yesterday) }
            $bar.title | Should -BeLike "*received $(([uint64]2GB).ToString('N0')) B*"
        }

        It 'writes an error for each object it cannot use, a watch step among them, and reports the rest' {
            $script:fleetFile.Name | Should -Be 'fleet.html'
            $script:fleetErrors.Count | Should -Be 2
            foreach ($err in $script:fleetErrors) {
                $err.FullyQualifiedErrorId | Should -BeLike 'InputObjectNotSupported,*'
                $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            }
            $script:fleetErrors[0].Exception.Message | Should -Match 'neither a usage history record'
            $script:fleetErrors[1].Exception.Message | Should -Match 'Watch-NetUsage -Record'
        }

        It 'writes nothing when no input object is usable' {
            $path = Join-Path $TestDrive 'none.html'
            $err = Get-TerminatingError { Get-Date | Export-NetUsageReport $path -ErrorAction SilentlyContinue }
            $err.FullyQualifiedErrorId | Should -BeLike 'NoReportInput,*'
            $path | Should -Not -Exist
        }
    }
}
