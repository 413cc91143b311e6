# Shared by the metrics Pester files (after common.ps1): Debian's promtool, node_exporter and Prometheus,
# started by the test on loopback ports of their own with folders under $TestDrive, and stopped by it.

function Invoke-Promtool {
    # promtool with arguments and an optional file as its standard input; returns exit code and output.
    param([Parameter(Mandatory)] [string[]] $Arguments, [string] $InputFile)
    $redirect = if ($InputFile) { ' < "$INPUT"' } else { '' }
    $env:INPUT = $InputFile
    try {
        $output = & sh -c "promtool `"`$@`"$redirect 2>&1" sh @Arguments
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output -join "`n") }
    }
    finally {
        $env:INPUT = $null
    }
}

function Get-FreeLoopbackPort {
    # A port nothing listens on now; the daemon that is given it binds it a moment later.
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-Daemon {
    # Starts a program with its output in a log file; returns its process, address and log.
    param([Parameter(Mandatory)] [string] $Program, [Parameter(Mandatory)] [string[]] $Arguments, [int] $Port, [string] $Log)
    $info = [System.Diagnostics.ProcessStartInfo]::new('sh')
    foreach ($a in @('-c', 'log=$1; shift; exec "$@" > "$log" 2>&1', 'sh', $Log, $Program) + $Arguments) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    [pscustomobject]@{ Process = [System.Diagnostics.Process]::Start($info); Address = "127.0.0.1:$Port"; Log = $Log }
}

function Wait-Http {
    # Waits until a daemon answers $Path over HTTP; fails with its log when it does not, or when it ended.
    param([Parameter(Mandatory)] $Daemon, [string] $Path = '/')
    $answered = Wait-Until -TimeoutSeconds 30 -Condition {
        if ($Daemon.Process.HasExited) { return $true }
        try { $null = Invoke-WebRequest -Uri "http://$($Daemon.Address)$Path" -TimeoutSec 2; $true } catch { $false }
    }
    if (-not $answered -or $Daemon.Process.HasExited) {
        throw "$($Daemon.Address) did not answer $Path`: $(Get-Content -Raw -LiteralPath $Daemon.Log -ErrorAction SilentlyContinue)"
    }
}

function Start-NodeExporter {
    # node_exporter with only its textfile collector, reading $TextfileFolder.
    param([Parameter(Mandatory)] [string] $TextfileFolder)
    $port = Get-FreeLoopbackPort
    $daemon = Start-Daemon -Program 'prometheus-node-exporter' -Port $port -Log "$TextfileFolder.log" -Arguments @(
        "--web.listen-address=127.0.0.1:$port", '--collector.disable-defaults', '--collector.textfile',
        "--collector.textfile.directory=$TextfileFolder")
    Wait-Http $daemon '/metrics'
    $daemon
}

function Start-Prometheus {
    # Prometheus scraping $Targets every second (and evaluating $RuleFiles every second), storing in $Folder.
    param([Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [string[]] $Targets, [string[]] $RuleFiles = @())
    New-Item -ItemType Directory -Path (Join-Path $Folder 'data') -Force | Out-Null
    $config = Join-Path $Folder 'prometheus.yml'
    $rules = if ($RuleFiles) { "rule_files:`n" + (($RuleFiles | ForEach-Object { "  - '$_'" }) -join "`n") + "`n" } else { '' }
    $targetList = ($Targets | ForEach-Object { "'$_'" }) -join ', '
    Set-Content -LiteralPath $config -Value @"
global:
  scrape_interval: 1s
  evaluation_interval: 1s
$rules
scrape_configs:
  - job_name: node
    static_configs:
      - targets: [$targetList]
"@
    $port = Get-FreeLoopbackPort
    $daemon = Start-Daemon -Program 'prometheus' -Port $port -Log (Join-Path $Folder 'prometheus.log') -Arguments @(
        "--config.file=$config", "--storage.tsdb.path=$(Join-Path $Folder 'data')", "--web.listen-address=127.0.0.1:$port")
    Wait-Http $daemon '/-/ready'
    $daemon
}

function Invoke-PrometheusQuery {
    # An instant query over the HTTP API; returns the result vector, waiting until it has $Count series.
    param([Parameter(Mandatory)] $Prometheus, [Parameter(Mandatory)] [string] $Query, [int] $Count = 1)
    $last = @{}
    $found = Wait-Until -TimeoutSeconds 30 -Condition {
        $last.Answer = Invoke-RestMethod -Uri "http://$($Prometheus.Address)/api/v1/query" -Body @{ query = $Query }
        @($last.Answer.data.result).Count -ge $Count
    }
    if (-not $found) { throw "Prometheus gave no $Count series for $Query`: $($last.Answer | ConvertTo-Json -Depth 8)" }
    $last.Answer.data.result
}

function Stop-Daemon {
    # Ends a daemon this test started, by its process id, and waits for it.
    param($Daemon)
    if ($Daemon -and -not $Daemon.Process.HasExited) {
        $Daemon.Process.Kill()
        $null = $Daemon.Process.WaitForExit(10000)
    }
}
