#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and runs NetUsageTracker.

.DESCRIPTION
    One entry point for every task. Build dependencies (Pester) are pinned in tools/BuildTools.csproj
    and restored from NuGet into out/tools; nothing is installed into the user's profile.

    Build  the importable module in out/NetUsageTracker/<version>/, with its help compiled from
           docs/en-US (platyPS's New-ExternalHelp when platyPS is installed, else tools/HelpCompiler.psm1)
    Test   Build, then the engine's xunit tests, the Pester tests of the built module, and the Windows
           lane: PowerShell 7 for Windows under Wine running tests/Windows against the same module
           (tools/WindowsLane.psm1; skipped, with the reason, where Wine is absent, except in CI). Ends
           with the line "N passed, N failed" over every lane and exits non-zero when anything failed.
           -Platform Windows runs the Windows lane alone, -Platform Linux everything else.
    Shell  Build, then run -Command in PowerShell for -Platform (Windows: the Windows lane's pwsh under
           Wine; Linux: this pwsh) with the built module importable by name; prints its output and exits
           with its exit code
    Docs   Build, then refresh the generated parts of docs/en-US from the built module: each cmdlet
           page's SYNTAX and parameter yaml blocks (prose kept; a new cmdlet or parameter gets a
           placeholder the tests reject) and the module page's cmdlet list
    Bench  Build, then measure the sampler against the kernel's floor, .NET and psutil, the module's
           start-up cost, a watch's CPU, the working-set slope of a 400,000-sample soak, and what
           keeping the history costs a day (the scheduled job, the resident recorder, vnstatd); prints
           one table and writes it as JSON to out/bench/ (about 11 minutes; -Quick for a rough check of
           the benchmark itself, -Section Start (or Snapshot, Watch, Soak, Recording, Processes) to run one part).
           -Section History (bench/HistoryBench.ps1: recording and a year's queries), -Section Report
           (bench/ReportBench.ps1: a year's report), -Section Network (bench/NetworkBench.ps1: the Linux
           network source with and without a NetworkManager, and after a change; the Recording section
           has its per-recording row) and -Section Windows (bench/WindowsSourceBench.ps1: the Windows
           counter source against .NET's API in the Windows lane) run only when named
    Package
           Build, then out/NetUsageTracker.<version>.nupkg: the package that Publish-PSResource would push to
           the PowerShell Gallery, made offline by Compress-PSResource from the built module folder (manifest,
           assemblies, format and types files, compiled help, native SQLite of every platform, license),
           after Test-ModuleManifest. Publish it with Publish-PSResource -NupkgPath <file> -Repository <name>
    Watch  Build, import, then Show-NetUsage in a terminal (Get-NetConnectionInfo and Watch-NetUsage
           until Ctrl+C when there is none, in plain text when the output goes to a file or pipe); it
           follows the default route's interface: -InterfaceName lo watches loopback (tools/WatchTask.psm1)
    Clean  remove out/ and the projects' bin/ and obj/

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Watch -Limit 200MB

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Shell -Platform Windows -Command 'Import-Module NetUsageTracker; Get-NetUsage -IncludeLoopback'
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Bench', 'Package', 'Watch', 'Shell', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Passed to Watch-NetUsage by the Watch task (a size such as 200MB or '1.5GB').
    [string] $Limit,

    # Passed to Watch-NetUsage by the Watch task.
    [string[]] $InterfaceName,

    # Passed to Watch-NetUsage by the Watch task.
    [double] $Interval = 1,

    # Test task: run only the Pester files whose name matches (e.g. 'Watch-NetUsage').
    [string] $TestFilter = '*',

    # Bench task: a few short rounds only, to check the benchmark runs (its figures are not to quote).
    [switch] $Quick,

    # Bench task: run only these parts of the benchmark (all but History, Report, Network and Windows by default);
    # a comma-separated list works from a shell too (-Section History,Report).
    [ValidateScript({ $_ -split ',' | ForEach-Object { if ($_.Trim() -notin 'Snapshot', 'Start', 'Watch', 'Soak', 'Recording', 'Processes', 'History', 'Report', 'Network', 'Windows') { throw "'$_' is not a section: use Snapshot, Start, Watch, Soak, Recording, Processes, History, Report, Network or Windows." } }; $true })]
    [string[]] $Section,

    # Bench task: the out/ folder of another build (say, a clone of an older commit) whose scheduled job and
    # resident recorder the Recording section measures alongside, for a before and after in one run.
    [string] $BaselineOut,

    # Test task: only this platform's lanes (every lane by default). Shell task: where the command runs.
    [ValidateSet('Linux', 'Windows')]
    [string] $Platform,

    # Shell task: the PowerShell script to run.
    [string] $Command
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$manifest = Import-PowerShellDataFile -Path (Join-Path $root 'NetUsageTracker.psd1')
$version = $manifest.ModuleVersion
$moduleDir = Join-Path $out "NetUsageTracker/$version"
$docs = Join-Path $root 'docs/en-US'

function Invoke-Native {
    # Runs a program and stops the build when it fails.
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-PwshCommand {
    # The PowerShell that runs this script, as a command line for a child process (dotnet pwsh.dll
    # when it runs as a dotnet tool).
    $self = (Get-Process -Id $PID).Path
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ((Split-Path $self -Leaf) -match '^dotnet(\.exe)?$' -and (Test-Path $dll)) {
        return @($self, $dll)
    }
    return @($self)
}

function Invoke-Build {
    $publish = Join-Path $out "obj/publish"
    if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $root 'NetUsageTracker.PS/NetUsageTracker.PS.csproj'),
        '--configuration', $Configuration, '--output', $publish, '--nologo', '-v', 'quiet')

    if (Test-Path $moduleDir) { Remove-Item $moduleDir -Recurse -Force }
    New-Item -ItemType Directory -Path $moduleDir -Force | Out-Null
    Get-ChildItem $publish -Filter '*.dll' | Copy-Item -Destination $moduleDir
    # The SQLite native library of each supported platform, loaded by full path from runtimes/<rid>/native/.
    Copy-Item (Join-Path $publish 'runtimes') $moduleDir -Recurse
    Copy-Item (Join-Path $publish 'NetUsageTracker.Format.ps1xml'), (Join-Path $publish 'NetUsageTracker.Types.ps1xml') $moduleDir
    Copy-Item (Join-Path $root 'NetUsageTracker.psd1') $moduleDir
    Copy-Item (Join-Path $root 'LICENSE') $moduleDir
    Build-Help
    Write-Host "Built NetUsageTracker $version in $moduleDir"
}

function Build-Help {
    # MAML and about topics in <module>/en-US, where Get-Help looks for them.
    $helpDir = Join-Path $moduleDir 'en-US'
    Import-Module (Join-Path $root 'tools/HelpCompiler.psm1') -Force
    if (Get-Module -ListAvailable -Name platyPS) {
        $source = Get-HelpSource -DocsPath $docs
        Import-Module platyPS
        New-ExternalHelp -Path ($source.Commands + $source.About) -OutputPath $helpDir -Force | Out-Null
    }
    else {
        Export-ModuleHelp -DocsPath $docs -OutputDirectory $helpDir | Out-Null
    }
}

function Update-Docs {
    Import-Module (Join-Path $moduleDir 'NetUsageTracker.psd1') -Force
    Import-Module (Join-Path $root 'tools/HelpMetadata.psm1') -Force
    $module = Get-Module NetUsageTracker
    foreach ($command in ($module.ExportedCmdlets.Values | Sort-Object Name)) {
        $page = Join-Path $docs "$($command.Name).md"
        if (Test-Path $page) {
            Update-HelpMarkdown -Path $page -Command $command
        }
        else {
            New-HelpMarkdown -Path $page -Command $command -ExternalHelpFile 'NetUsageTracker.dll-Help.xml'
            Write-Warning "Created ${page}: fill in every '{{ Fill in ... }}' placeholder."
        }
    }
    $pages = @($module.ExportedCmdlets.Keys | ForEach-Object { Join-Path $docs "$_.md" })
    Update-ModulePageMarkdown -Path (Join-Path $docs 'NetUsageTracker.md') -CommandPage $pages
    Write-Host "Refreshed the generated parts of $docs; review them with git diff."
}

function Get-BuildTools {
    $tools = Join-Path $out 'tools'
    $pester = Join-Path $tools 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) {
        Invoke-Native dotnet @('restore', (Join-Path $root 'tools/BuildTools.csproj'), '--packages', $tools, '--nologo', '-v', 'quiet')
    }
    return @{ Pester = $pester }
}

function Invoke-EngineTests {
    # xunit tests of the engine; returns the counts read from the TRX report.
    $results = Join-Path $out 'TestResults'
    $trx = Join-Path $results 'engine.trx'
    if (Test-Path $trx) { Remove-Item $trx -Force }
    & dotnet test (Join-Path $root 'tests/NetUsageTracker.Tests/NetUsageTracker.Tests.csproj') `
        --configuration $Configuration --nologo --logger "trx;LogFileName=$trx" --results-directory $results `
        --logger 'console;verbosity=normal' | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $trx)) {
        Write-Host "Engine tests did not run (dotnet test exit code $exit)."
        return @{ Passed = 0; Failed = 1 }
    }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    return @{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout }
}

function Invoke-ModuleTests {
    # Pester tests of the built module, in a fresh process so the module loads as a user loads it.
    $tools = Get-BuildTools
    $summary = Join-Path $out 'TestResults/pester-summary.json'
    if (Test-Path $summary) { Remove-Item $summary -Force }
    $pwsh = @(Get-PwshCommand)
    $runner = Join-Path $root 'tests/Invoke-ModuleTests.ps1'
    $childArgs = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $runner,
        '-ModulePath', $moduleDir, '-PesterPath', $tools.Pester, '-SummaryPath', $summary)
    # The filter travels in the environment: PowerShell on Unix expands a '*' argument of a native command.
    $env:NETUSAGETRACKER_TEST_FILTER = $TestFilter
    & $pwsh[0] @childArgs | Out-Host
    if (-not (Test-Path $summary)) {
        Write-Host "Pester did not finish (exit code $LASTEXITCODE)."
        return @{ Passed = 0; Failed = 1 }
    }
    $counts = Get-Content $summary -Raw | ConvertFrom-Json
    return @{ Passed = [int]$counts.Passed; Failed = [int]$counts.Failed }
}

function Invoke-WindowsTests {
    # The Windows lane (tools/WindowsLane.psm1) with the Pester that the Linux run uses.
    $tools = Get-BuildTools
    Import-Module (Join-Path $root 'tools/WindowsLane.psm1') -Force
    Invoke-WindowsLaneTests -Root $root -ModuleDir $moduleDir -PesterPath $tools.Pester -Filter $TestFilter
}

function Invoke-WindowsScript {
    # A command, or a script file with switches, in the Windows lane's pwsh; returns its exit code.
    param([string] $Command, [string] $File, [string[]] $Switch = @())
    Import-Module (Join-Path $root 'tools/WindowsLane.psm1') -Force
    if ($File) { $Command = Get-WindowsScriptCommand -Path $File -Switch $Switch }
    Invoke-WindowsShell -Root $root -ModuleDir $moduleDir -Command $Command
}

function Invoke-Package {
    # The gallery package of the built module (tools/ModulePackage.psm1), beside the module in out/.
    Import-Module (Join-Path $root 'tools/ModulePackage.psm1') -Force
    $package = New-ModulePackage -ModuleDirectory $moduleDir -OutputDirectory $out
    $entries = @(Get-ModulePackageEntry -Path $package.FullName)
    foreach ($entry in $entries | Sort-Object Name) { Write-Host ('{0,12:N0}  {1}' -f $entry.Length, $entry.Name) }
    Write-Host ("Packaged NetUsageTracker $version in $($package.FullName): {0} entries, {1:N0} bytes ({2:N0} unpacked)" -f
        $entries.Count, $package.Length, ($entries | Measure-Object -Property Length -Sum).Sum)
}

function Invoke-Benchmark {
    # The benchmark is a console program; the pwsh it starts is the one running this script.
    param([string[]] $Parts)
    $benchOut = Join-Path $out 'obj/bench'
    Invoke-Native dotnet @('build', (Join-Path $root 'bench/NetUsageTracker.Bench/NetUsageTracker.Bench.csproj'),
        '--configuration', 'Release', '--output', $benchOut, '--nologo', '-v', 'quiet')
    $pwsh = @(Get-PwshCommand)
    $benchArgs = @((Join-Path $benchOut 'NetUsageTracker.Bench.dll'), '--module-root', (Split-Path (Split-Path $moduleDir)),
        '--out', (Join-Path $out 'bench'), '--pwsh', $pwsh[0])
    foreach ($argument in @($pwsh | Select-Object -Skip 1)) { $benchArgs += @('--pwsh-arg', $argument) }
    if ($Quick) { $benchArgs += '--quick' }
    if ($BaselineOut) { $benchArgs += @('--baseline-module-root', (Resolve-Path $BaselineOut).Path) }
    foreach ($part in $Parts) { $benchArgs += @('--only', $part.ToLowerInvariant()) }
    & dotnet @benchArgs
    # Exit code 1: it ran, and the table says which targets were missed; anything else is a failure to run.
    if ($LASTEXITCODE -eq 1) { Write-Host 'Some targets were missed: see FAIL in the table.'; exit 1 }
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed with exit code $LASTEXITCODE." }
}

switch ($Task) {
    'Clean' {
        foreach ($dir in @($out) + (Get-ChildItem $root -Recurse -Directory -Include 'bin', 'obj' | ForEach-Object FullName)) {
            if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
        }
    }
    'Build' {
        Invoke-Build
    }
    'Docs' {
        Invoke-Build
        Update-Docs
    }
    'Test' {
        Invoke-Build
        $lanes = [ordered]@{}
        if ($Platform -ne 'Windows') {
            $lanes['Engine (xunit)'] = Invoke-EngineTests
            $lanes['module (Pester)'] = Invoke-ModuleTests
            Write-Host "Engine (xunit): $($lanes['Engine (xunit)'].Passed) passed, $($lanes['Engine (xunit)'].Failed) failed; module (Pester): $($lanes['module (Pester)'].Passed) passed, $($lanes['module (Pester)'].Failed) failed"
        }
        if ($Platform -ne 'Linux') {
            $lanes['Windows (Wine)'] = Invoke-WindowsTests
            $windows = $lanes['Windows (Wine)']
            Write-Host $(if ($windows.Unavailable) { "Windows (Wine): skipped: $($windows.Unavailable)" } else { "Windows (Wine): $($windows.Passed) passed, $($windows.Failed) failed" })
        }
        $passed = ($lanes.Values | Measure-Object -Property Passed -Sum).Sum
        $failed = ($lanes.Values | Measure-Object -Property Failed -Sum).Sum
        Write-Host "$passed passed, $failed failed"
        if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
    }
    'Bench' {
        Invoke-Build
        $Section = @($Section | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
        $scripts = @('History', 'Report', 'Network', 'Windows')
        $parts = @($Section | Where-Object { $_ -notin $scripts })
        $failed = $false
        if (-not $Section -or $parts) { Invoke-Benchmark -Parts $parts }
        # The history and report benchmarks are scripts of their own, run in a fresh pwsh so that
        # their first export or query pays what a user's first call pays.
        $pwsh = @(Get-PwshCommand)
        foreach ($name in @('History', 'Report', 'Network')) {
            if ($Section -notcontains $name) { continue }
            $scriptArgs = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-File', (Join-Path $root "bench/${name}Bench.ps1"), '-ModulePath', (Join-Path $moduleDir 'NetUsageTracker.psd1'))
            if ($Quick) { $scriptArgs += $(switch ($name) { 'Report' { @('-Iterations', '2', '-Days', '30') } 'Network' { @('-Batches', '20', '-Changes', '4') } default { @('-UpdateIterations', '30', '-QueryIterations', '3', '-Days', '30') } }) }
            & $pwsh[0] @scriptArgs
            if ($LASTEXITCODE -ne 0) { $failed = $true }
        }
        if ($Section -contains 'Windows') {
            if ((Invoke-WindowsScript -File (Join-Path $root 'bench/WindowsSourceBench.ps1') -Switch @(if ($Quick) { 'Quick' })) -ne 0) { $failed = $true }
        }
        if ($failed) { Write-Host 'Some targets were missed: see FAIL in the tables.'; exit 1 }
    }
    'Package' {
        Invoke-Build
        Invoke-Package
    }
    'Shell' {
        if (-not $Command -or -not $Platform) { throw 'The Shell task needs -Command and -Platform (Windows or Linux).' }
        Invoke-Build
        if ($Platform -eq 'Linux') {
            $env:PSModulePath = (Split-Path $moduleDir -Parent | Split-Path -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
            $pwsh = @(Get-PwshCommand)
            & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Command
            exit $LASTEXITCODE
        }
        exit (Invoke-WindowsScript -Command $Command)
    }
    'Watch' {
        Invoke-Build
        Import-Module (Join-Path $root 'tools/WatchTask.psm1') -Force
        Invoke-WatchTask -ModuleManifest (Join-Path $moduleDir 'NetUsageTracker.psd1') -Limit $Limit -InterfaceName $InterfaceName -Interval $Interval
    }
}
