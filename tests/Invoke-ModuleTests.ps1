# Runs the Pester tests against the built module in this (fresh) process and writes the counts as JSON.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # The folder of the *.Tests.ps1 files (the Windows lane runs tests/Windows).
    [string] $TestRoot = $PSScriptRoot,
    [string] $Filter = $(if ($env:NETUSAGETRACKER_TEST_FILTER) { $env:NETUSAGETRACKER_TEST_FILTER } else { '*' })
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:NETUSAGETRACKER_MODULE = Join-Path $ModulePath 'NetUsageTracker.psd1'

$config = New-PesterConfiguration
$config.Run.Path = @(Get-ChildItem (Join-Path $TestRoot "$Filter.Tests.ps1") | ForEach-Object FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = Join-Path (Split-Path $SummaryPath) 'pester.xml'

$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
New-Item -ItemType Directory -Path (Split-Path $SummaryPath) -Force | Out-Null
@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
