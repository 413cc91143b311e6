# The metrics file on Windows, for windows_exporter's textfile collector: LF lines and no BOM from PowerShell for
# Windows, a folder with spaces and non-ASCII letters, and the replace (ReplaceFile) waiting out a reader that holds
# the file open without delete sharing, as a Go program's os.Open does. Wine runs ReplaceFile; whether real Windows
# refuses it for exactly as long as the reader holds the file only real Windows can show.

BeforeAll {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
    . (Join-Path $PSScriptRoot '../history.ps1')
    $script:history = Join-Path $TestDrive 'metrics.db'
    Update-NetUsageHistory -Path $history
    $script:folder = Join-Path $TestDrive 'textfile inputs ü'
    New-Item -ItemType Directory -Path $folder | Out-Null
    $script:file = Join-Path $folder 'netusagetracker.prom'
}

Describe 'The metrics file on Windows' {
    It 'is UTF-8 without a BOM, with LF line ends, in a folder with spaces and non-ASCII letters' {
        Invoke-WithDeadline {
            $item = Export-NetUsageMetric $file -Path $history -IncludeLoopback -Limit 1GB -PlanName 'Wohnung Ω'
            $item.FullName | Should -Be $file
            $bytes = [IO.File]::ReadAllBytes($file)
            $bytes[0] | Should -Be ([byte][char]'#')
            $bytes | Should -Not -Contain ([byte]13)
            $text = [Text.Encoding]::UTF8.GetString($bytes)
            $text | Should -BeLike '# NetUsageTracker metrics*'
            $text | Should -BeLike '*netusagetracker_plan_limit_bytes{plan="Wohnung Ω",period="month",direction="total"} 1073741824*'
            $text | Should -Match '(?m)^netusagetracker_interface_bytes_total\{interface="lo",class="loopback",direction="received"\} \d+$'
        }
    }

    It 'replaces the file once a reader that holds it open without delete sharing lets go' {
        Invoke-WithDeadline {
            Export-NetUsageMetric $file -Path $history -Limit 1GB | Out-Null
            # The cmdlet's own work before it writes takes longer than the reader holds the file under Wine, so the
            # text goes through the writer it uses, at once.
            $text = Export-NetUsageMetric -Path $history -Limit 2GB
            $reader = Start-BackgroundCommand -Variables @{ File = $file } -Script '
                $held = [IO.FileStream]::new($File, "Open", "Read", [IO.FileShare]"Read, Write")
                "open"
                Start-Sleep -Milliseconds 300
                $held.Dispose()'
            try {
                Wait-Until { (Get-Collected $reader.Output) -contains 'open' } | Should -BeTrue
                [NetUsageTracker.Metrics.MetricsFile]::Write($file, $text, $false)
            }
            finally {
                Stop-BackgroundCommand $reader
            }
            Get-Content -LiteralPath $file -Raw | Should -BeLike "*netusagetracker_plan_limit_bytes{*} $(2GB)`n*"
            @(Get-ChildItem -LiteralPath $folder -Force).Name | Should -Be @('netusagetracker.prom')
        }
    }
}
