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
        [uint64] $BusyBytes = 3GB
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
                # Days vary by weekday and drift by date; five-minute steps follow the hour of the day.
                [uint64] $stepRx = if ($daily) { (($time.DayOfYear % 7) + 2) * 64MB + $time.Day * 1MB } else { 256KB + $time.Hour * 32KB + $time.Minute * 1KB }
                $stepRx = [uint64]($stepRx / ($n + 1))
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
