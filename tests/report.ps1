# Shared by the report tests and the README screenshot (after common.ps1): a history with known traffic
# imported from a counter log, and a headless Chromium that renders a report.

function New-KnownTraffic {
    # The counter log of a history with exact, known traffic: per interface a reading at noon on each of
    # the last $Days days, then one every five minutes over the last $RecentHours hours, ending at
    # $EndLocal. Returns the readings (Timestamp, InterfaceName, BytesReceived, BytesSent: cumulative
    # counters, as Get-NetUsage logs them) and the steps between them (End, InterfaceName, Received,
    # Sent), which is what the history must hold: each step counted at its end.
    param(
        [string[]] $InterfaceName = @('wan0', 'lan0'),
        [datetime] $EndLocal,
        [int] $Days = 400,
        [int] $RecentHours = 50,
        # Extra bytes received on one day (days before $EndLocal's date) of the first interface.
        [int] $BusyDaysAgo = 10,
        [uint64] $BusyBytes = 3GB,
        # The bytes received in a step: { param($End, $Daily, $Index) ... }, the interface's index from 0;
        # by default days vary by weekday and drift by date, and five-minute steps follow the hour of the day.
        [scriptblock] $StepBytes = {
            param([datetime] $End, [bool] $Daily, [int] $Index)
            $bytes = if ($Daily) { (($End.DayOfYear % 7) + 2) * 64MB + $End.Day * 1MB } else { 256KB + $End.Hour * 32KB + $End.Minute * 1KB }
            [uint64]($bytes / ($Index + 1))
        }
    )
    $times = [System.Collections.Generic.List[datetime]]::new()
    $firstRecent = $EndLocal.AddHours(-$RecentHours)
    for ($k = $Days; $k -ge 1; $k--) {
        $noon = $EndLocal.Date.AddDays(-$k).AddHours(12)
        if ($noon -lt $firstRecent) { $times.Add($noon) }
    }
    for ($t = $firstRecent; $t -le $EndLocal; $t = $t.AddMinutes(5)) { $times.Add($t) }

    $readings = [System.Collections.Generic.List[object]]::new()
    $steps = [System.Collections.Generic.List[object]]::new()
    for ($n = 0; $n -lt $InterfaceName.Count; $n++) {
        $name = $InterfaceName[$n]
        [uint64] $rx = 1000 * ($n + 1)
        [uint64] $tx = 100 * ($n + 1)
        for ($i = 0; $i -lt $times.Count; $i++) {
            $time = $times[$i]
            if ($i -gt 0) {
                $daily = ($times[$i] - $times[$i - 1]).TotalHours -gt 1
                [uint64] $stepRx = & $StepBytes $time $daily $n
                if ($n -eq 0 -and $daily -and $time.Date -eq $EndLocal.Date.AddDays(-$BusyDaysAgo)) { $stepRx += $BusyBytes }
                [uint64] $stepTx = [uint64][math]::Floor($stepRx / 8) + 17
                $rx += $stepRx
                $tx += $stepTx
                $steps.Add([pscustomobject]@{ End = $time; InterfaceName = $name; Received = $stepRx; Sent = $stepTx })
            }
            $readings.Add([pscustomobject]@{ Timestamp = $time.ToString('yyyy-MM-ddTHH:mm:ss'); InterfaceName = $name; BytesReceived = $rx; BytesSent = $tx })
        }
    }
    [pscustomobject]@{ Readings = $readings; Steps = $steps }
}

function Import-KnownTraffic {
    # Writes the readings as a CSV log and imports it into $Path, as a user imports Get-NetUsage logs.
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] $Traffic, [string] $Csv = (Join-Path (Split-Path $Path) 'log.csv'))
    $Traffic.Readings | Export-Csv -Path $Csv -NoTypeInformation
    Import-Csv $Csv | Import-NetUsageHistory -Path $Path
}

function Invoke-Chromium {
    # Runs Debian's headless Chromium on a local file with a fresh profile (removed after) and nothing
    # fetched or phoned home; returns its standard output (the DOM with -DumpDom).
    param(
        [Parameter(Mandatory)] [string] $File,
        [switch] $DumpDom,
        [string] $Screenshot,
        [string] $WindowSize = '1100,3000',
        [switch] $Dark
    )
    $profileDir = Join-Path ([IO.Path]::GetTempPath()) ('nut-chromium-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $profileDir | Out-Null
    try {
        $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', "--user-data-dir=$profileDir", '--hide-scrollbars', "--window-size=$WindowSize")
        if ($Dark) { $arguments += '--force-dark-mode', '--blink-settings=preferredColorScheme=0' }
        if ($DumpDom) { $arguments += '--dump-dom' }
        if ($Screenshot) { $arguments += "--screenshot=$Screenshot" }
        $arguments += [uri]::new((Resolve-Path $File).ProviderPath).AbsoluteUri
        $output = & /usr/bin/chromium @arguments 2>$null
        if ($LASTEXITCODE -ne 0) { throw "chromium exited with $LASTEXITCODE." }
        $output -join "`n"
    }
    finally {
        Remove-Item $profileDir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function ConvertFrom-RenderedDom {
    # The <body> of a DOM that Chromium dumped, as XML: the report writes no void elements in its body,
    # and Chromium serialises every attribute quoted and every text escaped.
    param([Parameter(Mandatory)] [string] $Dom)
    $start = $Dom.IndexOf('<body')
    $end = $Dom.LastIndexOf('</body>')
    [xml]$Dom.Substring($start, $end + 7 - $start)
}

function Get-BarTotalHeight {
    # The drawn height of a bar (received plus sent) in a chart, found by the period its hover title names.
    param([Parameter(Mandatory)] $Chart, [Parameter(Mandatory)] [string] $Period)
    $bar = @($Chart.SelectNodes('.//*[@class="bars"]/g') | Where-Object { $_.title.StartsWith($Period) })
    if ($bar.Count -ne 1) { throw "Found $($bar.Count) bars for '$Period'." }
    ($bar[0].SelectNodes('rect') | ForEach-Object { [double]$_.height } | Measure-Object -Sum).Sum
}

function Export-ReportScreenshot {
    # The README's picture: a report of 13 months of imported, lifelike traffic of two interfaces,
    # photographed by headless Chromium (light scheme, the top of the page).
    param([Parameter(Mandatory)] [string] $Path, [string] $WindowSize = '1000,1830')
    # A fixed folder: the report names its history file.
    $folder = Join-Path ([IO.Path]::GetTempPath()) 'netusage-demo'
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Path $folder | Out-Null
    try {
        $random = [System.Random]::new(2026)
        $lifelike = {
            param([datetime] $End, [bool] $Daily, [int] $Index)
            $scale = if ($Index -eq 0) { 1.0 } else { 0.22 }
            if ($Daily) {
                $weekend = if ($End.DayOfWeek -in 'Saturday', 'Sunday') { 1.5 } else { 1.0 }
                $bytes = 1.1GB * $weekend * (0.7 + 0.6 * $random.NextDouble())
                if ($random.NextDouble() -lt 0.04) { $bytes += 4GB + 3GB * $random.NextDouble() }
            }
            else {
                # Quiet nights, a working day, busy evenings, and now and then a download.
                $hour = $End.Hour + $End.Minute / 60
                $curve = 0.08 + 0.5 * [math]::Exp(-[math]::Pow(($hour - 11) / 3, 2)) + [math]::Exp(-[math]::Pow(($hour - 20.5) / 2, 2))
                $bytes = 9MB * $curve * (0.6 + 0.8 * $random.NextDouble())
                if ($random.NextDouble() -lt 0.02) { $bytes += 60MB * $random.NextDouble() }
            }
            [uint64]($bytes * $scale)
        }
        $now = Get-Date
        $end = [datetime]::new($now.Ticks - $now.Ticks % [timespan]::FromMinutes(5).Ticks).AddMinutes(-5)
        $traffic = New-KnownTraffic -EndLocal $end -InterfaceName 'eth0', 'wlan0' -BusyBytes 0 -StepBytes $lifelike
        $db = Join-Path $folder 'usage.db'
        Import-KnownTraffic -Path $db -Traffic $traffic
        $report = Join-Path $folder 'report.html'
        $null = Export-NetUsageReport $report -Path $db -InterfaceName eth0, wlan0 -Limit 60GB -BillingDay 7 -Title 'Network usage of ana-laptop'
        $null = Invoke-Chromium -File $report -Screenshot ([IO.Path]::GetFullPath($Path)) -WindowSize $WindowSize
    }
    finally {
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }
}
