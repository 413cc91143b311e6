# What a new user sees of the commands that work quietly: each says what it did on the verbose stream, a CSV
# log carries readable values, and -Open on a machine without a desktop gives the one warning the help promises,
# nothing spilled after the prompt.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    $script:lo = Get-LoopbackName

    function Get-VerboseText {
        # The verbose lines a command writes, as one string per line.
        param([Parameter(Mandatory)] [scriptblock] $Command)
        @(& $Command -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }
}

Describe 'Commands that say what they did' {
    It 'says the first Update-NetUsageHistory stored a baseline, where, and when figures appear' {
        $path = New-HistoryPath
        $lines = Get-VerboseText { Update-NetUsageHistory -Path $path -Verbose }
        ($lines -join "`n") | Should -BeLike "*first reading of * interface*$lo*into $path*baseline*next recording*Register-NetUsageTask*"
        $lines = Get-VerboseText { Get-NetUsageHistory -Path $path -InterfaceName $lo -Verbose }
        ($lines -join "`n") | Should -BeLike "*history at $path holds the first reading of 1 interface and no traffic yet*next recording*"
        Get-NetUsageHistory -Path $path -InterfaceName $lo | Should -BeNullOrEmpty -Because 'objects stay off the pipeline unless there are some'
    }

    It 'says what a later Update-NetUsageHistory recorded, with the sizes, and writes no object without -PassThru' {
        $path = New-HistoryPath
        Update-NetUsageHistory -Path $path | Should -BeNullOrEmpty
        Send-LoopbackBytes -Count 1MB
        $lines = Get-VerboseText { Update-NetUsageHistory -Path $path -Verbose }
        ($lines -join "`n") | Should -Match ("Recorded [\d.]+ [KMG]?B received and [\d.]+ [KMG]?B sent on \d+ interfaces? \(.*$([regex]::Escape($lo)).*\) into " + [regex]::Escape($path))
    }

    It 'says what Import-NetUsageHistory added and where, without -PassThru' {
        $path = New-HistoryPath
        $start = (Get-Date).Date.AddDays(-1)
        $log = 0..2 | ForEach-Object { [pscustomobject]@{ Timestamp = $start.AddMinutes(5 * $_); InterfaceName = 'wan0'; BytesReceived = 1MB * $_; BytesSent = 1KB * $_ } }
        $lines = Get-VerboseText { $log | Import-NetUsageHistory -Path $path -Confirm:$false -Verbose }
        ($lines -join "`n") | Should -BeLike "*Imported 3 logged readings into ${path}: 2 MB received and 2 KB sent on 1 interface (wan0)*"
    }
}

Describe 'build.ps1 -Task Watch with its output in a file' {
    It 'writes the connection and the watch as plain text, every column within 80' {
        $out = Join-Path $TestDrive 'watch.txt'
        $self = (Get-Process -Id $PID).Path
        $arguments = @(if ((Split-Path $self -Leaf) -match '^dotnet') { Join-Path $PSHOME 'pwsh.dll' }) + @('-NoProfile', '-NonInteractive', '-Command',
            "Import-Module '$(Join-Path $PSScriptRoot '../tools/WatchTask.psm1')'; Invoke-WatchTask -ModuleManifest '$ModuleManifest' -InterfaceName $lo -Interval 0.2")
        $child = Start-Process -FilePath $self -ArgumentList $arguments -RedirectStandardOutput $out -RedirectStandardError (Join-Path $TestDrive 'watch.err') -PassThru
        try {
            Wait-Until { (Test-Path $out) -and @(Get-Content $out | Where-Object { $_ -match '^\d\d:\d\d:\d\d ' }).Count -ge 2 } -TimeoutSeconds 60 | Should -BeTrue
        }
        finally {
            Stop-Process -Id $child.Id -Force -ErrorAction SilentlyContinue
        }
        $text = Get-Content $out -Raw
        $text.Contains([char]27) | Should -BeFalse -Because 'colour codes (ESC sequences) do not belong in a file'
        $text | Should -Match 'InterfaceName\s+Status'
        $text | Should -Match 'Time\s+Total\s+Down/s\s+Up/s'
        foreach ($line in $text -split "`r?`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 -Because $line }
    }
}

Describe 'A CSV log reads right' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'views.ps1')
        $script:Samples = Get-ViewSample
    }

    It 'writes every property of <_> as a readable value, never a type name' -ForEach @(
        'NetUsageTracker.NetUsage', 'NetUsageTracker.NetUsageWatch', 'NetUsageTracker.NetUsageAlert', 'NetUsageTracker.History.NetUsageHistory',
        'NetUsageTracker.History.NetUsageRecord', 'NetUsageTracker.History.NetUsageQuota', 'NetUsageTracker.NetProcessUsage', 'NetUsageTracker.NetConnectionUsage'
    ) {
        $row = @($Samples[$_] | ConvertTo-Csv -NoTypeInformation)[1]
        $row | Should -Not -Match '"System\.[\w.`\[\]]+"' -Because "Export-Csv of $_ must carry values: $row"
    }

    It 'writes the thresholds a watch step has crossed as numbers, and they read back as a list' {
        $path = Join-Path $TestDrive 'watch.csv'
        $Samples['NetUsageTracker.NetUsageWatch'] | Export-Csv -Path $path -NoTypeInformation
        (Import-Csv -Path $path).ThresholdsCrossed | Should -Be '50,99.5'
        @($Samples['NetUsageTracker.NetUsageWatch'].ThresholdsCrossed) | Should -Be @(50, 99.5)
        $Samples['NetUsageTracker.NetUsageWatch'].ThresholdsCrossed -contains 50 | Should -BeTrue
    }
}

Describe 'Export-NetUsageReport -Open without a desktop' -Skip:(-not $IsLinux) {
    BeforeAll {
        $script:db = New-HistoryPath
        Update-NetUsageHistory -Path $script:db
        # An xdg-open that fails as the real one does without a browser, and notes that it ran.
        $script:bin = Join-Path $TestDrive 'bin'
        New-Item -ItemType Directory -Path $script:bin | Out-Null
        $script:ran = Join-Path $TestDrive 'xdg-open-ran'
        Set-Content -Path (Join-Path $script:bin 'xdg-open') -Value "#!/bin/sh`ntouch '$script:ran'`necho 'xdg-open: no method available for opening' >&2`nexit 3"
        chmod +x (Join-Path $script:bin 'xdg-open')
        $script:pwsh = (Get-Process -Id $PID).Path
        $script:pwshArgs = @(if ((Split-Path $script:pwsh -Leaf) -match '^dotnet') { Join-Path $PSHOME 'pwsh.dll' })

        function Invoke-OpenInChild {
            # Export-NetUsageReport -Open in a child PowerShell with $Display, returning its warnings and its stderr.
            param([string] $Display, [string] $Report)
            $err = Join-Path $TestDrive "stderr-$([guid]::NewGuid().ToString('N')).txt"
            $script = "Import-Module '$ModuleManifest'; `$null = Export-NetUsageReport '$Report' -Path '$db' -Open -WarningVariable w -WarningAction SilentlyContinue; `$w | ForEach-Object { 'WARNING: ' + `$_.Message }"
            $saved = @{ PATH = $env:PATH; DISPLAY = $env:DISPLAY; WAYLAND_DISPLAY = $env:WAYLAND_DISPLAY }
            try {
                $env:PATH = "$bin$([IO.Path]::PathSeparator)$env:PATH"
                $env:DISPLAY = $Display
                $env:WAYLAND_DISPLAY = $null
                $out = & $pwsh @pwshArgs -NoProfile -NonInteractive -Command $script 2>$err
            }
            finally {
                foreach ($name in $saved.Keys) { Set-Item "env:$name" -Value $saved[$name] -ErrorAction SilentlyContinue; if ($null -eq $saved[$name]) { Remove-Item "env:$name" -ErrorAction SilentlyContinue } }
            }
            [pscustomobject]@{ Warnings = @($out | Where-Object { $_ -like 'WARNING: *' }); Error = (Get-Content $err -Raw) }
        }
    }

    It 'gives one warning and does not start an opener when the session has no desktop' {
        Remove-Item $ran -ErrorAction SilentlyContinue
        $report = Join-Path $TestDrive 'nodesktop.html'
        $result = Invoke-OpenInChild -Display '' -Report $report
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] | Should -BeLike "*no desktop*Open '$report' in a web browser*"
        "$($result.Error)".Trim() | Should -BeNullOrEmpty
        $ran | Should -Not -Exist
        $report | Should -Exist
    }

    It 'turns a failing opener''s message into the one warning, with nothing on the terminal' {
        $report = Join-Path $TestDrive 'failing.html'
        $result = Invoke-OpenInChild -Display ':99' -Report $report
        $ran | Should -Exist
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] | Should -BeLike "*xdg-open failed with exit code 3: xdg-open: no method available for opening*Open '$report' in a web browser*"
        "$($result.Error)".Trim() | Should -BeNullOrEmpty -Because 'the opener''s own errors must not spill after the prompt'
    }
}
