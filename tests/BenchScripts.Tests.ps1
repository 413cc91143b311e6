# The history and report benchmarks drive the engine's own types (HistoryRecorder, CounterReadings), so an
# engine change can break them without any cmdlet test noticing: ReportBench.ps1 once called a Record
# overload that no longer existed. This runs each at a tiny size in a fresh pwsh and reads the JSON it
# wrote. The figures themselves are the benchmark's business (build.ps1 -Task Bench -Section History,Report).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:bench = Join-Path $PSScriptRoot '../bench'

    function Invoke-BenchScript {
        param([string] $Name, [string[]] $Arguments)
        # This session's PowerShell (dotnet pwsh.dll when it runs as a dotnet tool).
        $self = (Get-Process -Id $PID).Path
        $pwsh = @($self)
        if ((Split-Path $self -Leaf) -match '^dotnet(\.exe)?$') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
        $out = Join-Path $TestDrive $Name
        $text = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $script:bench $Name) `
            -ModulePath $script:ModuleManifest -OutDirectory $out @Arguments 2>&1 | Out-String
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = $text; Out = $out }
    }
}

Describe 'The benchmark scripts' {
    It 'HistoryBench.ps1 records two days through the engine and writes its figures' {
        $run = Invoke-BenchScript 'HistoryBench.ps1' @('-Days', '2', '-UpdateIterations', '5', '-QueryIterations', '2')
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $figures = Get-Content (Join-Path $run.Out 'history.json') -Raw | ConvertFrom-Json
        $figures.Recordings | Should -Be (2 * 24 * 12 + 1)
        $figures.Interfaces | Should -Be 3
        $figures.DatabaseMB | Should -BeGreaterThan 0
    }

    It 'ReportBench.ps1 records two days through the engine, exports them and writes its figures' {
        $run = Invoke-BenchScript 'ReportBench.ps1' @('-Days', '2', '-Iterations', '2', '-NoTargets')
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $rows = @(Get-Content (Join-Path $run.Out 'report.json') -Raw | ConvertFrom-Json)
        $rows.History | Should -Be @('default retention', 'every row kept')
        # Two days of five-minute periods of four interfaces, all inside the default 48 hours but the oldest few.
        $rows[1].FiveMinuteRows | Should -Be (4 * (2 * 24 * 12 + 1) - 4)
        $rows[0].ReportKB | Should -BeGreaterThan 0
    }
}
