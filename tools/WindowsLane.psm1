# The Windows lane: PowerShell 7 for Windows (win-x64) under Wine, importing the built module. Everything
# it needs lives in out/wine and is made once, then reused: a Wine prefix, a Windows pwsh built from NuGet's
# Microsoft.PowerShell.SDK, a stand-in SystemRoot whose schtasks.exe, conhost.exe and powershell.exe record
# how they were started (tools/WindowsPwsh), and a copy of the module under a path with spaces and
# non-ASCII characters. Wine's console host needs a terminal, so every start runs under script(1)'s pty;
# what it prints is cleaned of carriage returns and escape codes.

Set-StrictMode -Version Latest

# The module's folder in the lane: a space and letters outside ASCII, as in many Windows user names.
$script:ModuleFolderName = 'Modulé Dir ü'

# Printed by Wine itself, past WINEDEBUG, whenever a program asks for the volume label of the drive mapped
# to '/' (dlls/kernelbase/volume.c); it says nothing about the program.
$script:WineNoise = '^wine: Read access denied for device .*FS volume label and serial are not available\.$'

function ConvertTo-WinePath {
    # A Linux path as Wine's Windows programs see it: drive Z: is the Linux root.
    param([Parameter(Mandatory)] [string] $Path)
    'Z:' + [IO.Path]::GetFullPath($Path).Replace('/', '\')
}

function Get-WineProgram {
    # wine64 and wineserver, from Debian's packages (not on PATH) or from PATH; $null when Wine is absent.
    if ((Test-Path '/usr/lib/wine/wine64') -and (Test-Path '/usr/lib/wine/wineserver')) {
        return [pscustomobject]@{ Wine = '/usr/lib/wine/wine64'; Server = '/usr/lib/wine/wineserver' }
    }
    $wine = Get-Command wine64, wine -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    $server = Get-Command wineserver -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($wine -and $server) { return [pscustomobject]@{ Wine = $wine.Source; Server = $server.Source } }
    return $null
}

function Test-WindowsLaneRequired {
    # CI runs as root with apt (.ci/run installs .ci/apt-packages, wine among them), or sets CI: there the
    # lane must run, and a missing Wine is a failure rather than a skip.
    if ($env:CI) { return $true }
    $IsLinux -and (& id -u) -eq '0' -and [bool](Get-Command apt-get -CommandType Application -ErrorAction Ignore)
}

function Get-LaneEnvironment {
    # What every Wine start of the lane gets. Variables of the module (NETUSAGETRACKER_DB...) are cleared so
    # the Windows side starts from a user's defaults.
    param([Parameter(Mandatory)] $Lane)
    $environment = [ordered]@{
        WINEPREFIX = $Lane.Prefix
        WINEDEBUG = '-all'
        # No Gecko (Internet Explorer engine) installer, and no debugger that would wait on a crash. mscoree
        # stays: Wine's loader needs it for the runtime's IL-only assemblies.
        WINEDLLOVERRIDES = 'mshtml=;winedbg.exe='
        # Wine turns Linux file names into Windows ones with the locale's character set.
        LANG = 'C.UTF-8'
        LC_ALL = 'C.UTF-8'
        # Without it the CLR under Wine crashes in Pester's discovery (Internal CLR error 0x80131506).
        DOTNET_EnableWriteXorExecute = '0'
        NO_COLOR = '1'
        TERM = 'dumb'
        POWERSHELL_TELEMETRY_OPTOUT = '1'
        POWERSHELL_UPDATECHECK = 'Off'
        PSModulePath = ConvertTo-WinePath (Split-Path (Split-Path $Lane.ModulePath))
        WINDOWS_LANE_SYSTEMROOT = ConvertTo-WinePath $Lane.SystemRoot
        DISPLAY = $null
    }
    foreach ($name in [Environment]::GetEnvironmentVariables().Keys) {
        if ($name -like 'NETUSAGETRACKER_*') { $environment[$name] = $null }
    }
    $environment
}

function Invoke-LaneProcess {
    # Runs a program with the lane's environment; returns its exit code. -Pty runs it under script(1) and
    # writes each cleaned line to the host as it comes; without it, what the program printed is shown only
    # when it fails. The whole run has a deadline, after which the process tree is ended and the exit code
    # is $null.
    param(
        [Parameter(Mandatory)] $Lane,
        [Parameter(Mandatory)] [string] $FileName,
        [string[]] $ArgumentList = @(),
        [switch] $Pty,
        [int] $TimeoutSeconds = 300
    )
    $start = [Diagnostics.ProcessStartInfo]::new()
    if ($Pty) {
        # A wide pty, so Pester's and PowerShell's lines are not wrapped at 80 columns.
        $words = @($FileName) + $ArgumentList | ForEach-Object { "'" + $_.Replace("'", "'\''") + "'" }
        $start.FileName = 'script'
        foreach ($argument in '-qefc', "stty cols 250 rows 50 -onlcr 2>/dev/null; exec $($words -join ' ')", '/dev/null') { $start.ArgumentList.Add($argument) }
    }
    else {
        $start.FileName = $FileName
        foreach ($argument in $ArgumentList) { $start.ArgumentList.Add($argument) }
    }
    $start.UseShellExecute = $false
    # A pipe, never the caller's terminal: script(1) would put a terminal into raw mode.
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = -not $Pty
    $start.StandardOutputEncoding = [Text.UTF8Encoding]::new($false)
    $environment = Get-LaneEnvironment $Lane
    foreach ($name in $environment.Keys) { $start.Environment[$name] = $environment[$name] }

    $process = [Diagnostics.Process]::Start($start)
    try {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        $quiet = [Collections.Generic.List[string]]::new()
        $errors = if (-not $Pty) { $process.StandardError.ReadToEndAsync() }
        while ($true) {
            $line = $process.StandardOutput.ReadLineAsync()
            while (-not $line.Wait(500)) {
                if ([DateTime]::UtcNow -gt $deadline) {
                    Write-Host "Stopped '$FileName' after its deadline of $TimeoutSeconds s."
                    $process.Kill($true)
                    return $null
                }
            }
            if ($null -eq $line.Result) { break }
            $text = ConvertFrom-TerminalText $line.Result
            if (-not $Pty) { $quiet.Add($text) }
            elseif ($text -notmatch $script:WineNoise) { Write-Host $text }
        }
        $process.WaitForExit()
        if (-not $Pty -and $process.ExitCode -ne 0) { Write-Host (($quiet + $errors.Result) -join "`n") }
        return $process.ExitCode
    }
    finally {
        $process.Dispose()
    }
}

function ConvertFrom-TerminalText {
    # One line of pty output as plain text: no carriage returns, no escape sequences (OSC titles, CSI).
    param([string] $Text)
    $Text -replace '\x1b\][^\x07\x1b]*(\x07|\x1b\\)', '' -replace '\x1b\[[0-?]*[ -/]*[@-~]', '' -replace '\x1b[@-Z\\-_]', '' -replace '\r', ''
}

function Get-SourceStamp {
    # A fingerprint of the files a prepared part is made from, so a change rebuilds it.
    param([string[]] $Path, [string] $Extra)
    $hashes = foreach ($file in (Get-ChildItem $Path -File | Sort-Object FullName)) { (Get-FileHash $file.FullName -Algorithm SHA256).Hash }
    (@($hashes) + $Extra) -join "`n"
}

function Initialize-WinePrefix {
    param([Parameter(Mandatory)] $Lane)
    # Windows 10 22H2 (build 19045), not Wine's default Windows 7 nor its Windows 10 1903: the module starts
    # the scheduled recorder through conhost.exe --headless from build 19041 on.
    $steps = @(
        @('wineboot', '-i'),
        @('winecfg', '-v', 'win10'),
        @('reg', 'add', 'HKLM\Software\Microsoft\Windows NT\CurrentVersion', '/v', 'CurrentBuildNumber', '/t', 'REG_SZ', '/d', '19045', '/f'),
        @('reg', 'add', 'HKLM\Software\Microsoft\Windows NT\CurrentVersion', '/v', 'CurrentBuild', '/t', 'REG_SZ', '/d', '19045', '/f'))
    $recipe = $steps | ConvertTo-Json -Compress
    $ready = Join-Path $Lane.Prefix '.lane-ready'
    if ((Test-Path $ready) -and (Get-Content $ready -Raw) -eq $recipe) { return }
    if (Test-Path $Lane.Prefix) { Remove-Item $Lane.Prefix -Recurse -Force }
    # Wine creates the prefix folder itself, but not its parents.
    New-Item -ItemType Directory -Path (Split-Path $Lane.Prefix) -Force | Out-Null
    Write-Host "Windows lane: creating the Wine prefix $($Lane.Prefix)"
    foreach ($step in $steps) {
        $exit = Invoke-LaneProcess $Lane -FileName $Lane.Wine -ArgumentList $step -TimeoutSeconds 300
        if ($exit -ne 0) { throw "Windows lane: 'wine64 $($step -join ' ')' failed with exit code $exit." }
    }
    $null = Invoke-LaneProcess $Lane -FileName $Lane.Server -ArgumentList '-w' -TimeoutSeconds 120
    Set-Content -Path $ready -Value $recipe -NoNewline
}

function Find-WindowsPSHome {
    # The Windows $PSHOME of the PowerShell dotnet-tool package: beside this pwsh's own when the build runs
    # as `dotnet pwsh`, else in the NuGet cache (restored there when missing).
    param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string] $Version)
    $beside = Join-Path (Split-Path $PSHOME) 'win'
    if ((Split-Path $PSHOME -Leaf) -eq 'unix' -and $PSVersionTable.PSVersion -eq [version]$Version -and (Test-Path (Join-Path $beside 'Modules'))) {
        return $beside
    }
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    $pattern = Join-Path $packages "powershell/$Version/tools/*/any/win"
    if (-not (Test-Path $pattern)) {
        & dotnet tool restore --tool-manifest (Join-Path $Root '.config/dotnet-tools.json') | Out-Host
    }
    (Get-ChildItem $pattern -Directory -ErrorAction Stop | Select-Object -First 1).FullName
}

function Initialize-WindowsPwsh {
    # PowerShell for Windows, self-contained win-x64; $PSHOME's Modules and Schemas (which a publish leaves
    # out) come from the PowerShell dotnet-tool package of the same version in the NuGet cache.
    param([Parameter(Mandatory)] $Lane, [Parameter(Mandatory)] [string] $Root)
    $project = Join-Path $Root 'tools/WindowsPwsh'
    $version = (Get-Content (Join-Path $Root '.config/dotnet-tools.json') -Raw | ConvertFrom-Json).tools.powershell.version
    $stamp = Get-SourceStamp -Path (Join-Path $project '*') -Extra $version
    $stampFile = Join-Path $Lane.PwshDir '.lane-stamp'
    if ((Test-Path $stampFile) -and (Get-Content $stampFile -Raw).TrimEnd() -eq $stamp) { return }

    Write-Host "Windows lane: publishing PowerShell $version for win-x64 into $($Lane.PwshDir)"
    if (Test-Path $Lane.PwshDir) { Remove-Item $Lane.PwshDir -Recurse -Force }
    & dotnet publish (Join-Path $project 'WindowsPwsh.csproj') --configuration Release --output $Lane.PwshDir "-p:PowerShellVersion=$version" --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Windows lane: publishing the Windows pwsh failed with exit code $LASTEXITCODE." }

    $home7 = Find-WindowsPSHome -Root $Root -Version $version
    foreach ($folder in 'Modules', 'Schemas', 'ref') {
        if (-not (Test-Path (Join-Path $Lane.PwshDir $folder))) { Copy-Item (Join-Path $home7 $folder) $Lane.PwshDir -Recurse }
    }
    # CIM needs mi.dll, which Wine lacks, and a Get-CimInstance that fails that way never returns; Pester
    # calls it when CimCmdlets is there (to describe the machine in its test report).
    Remove-Item (Join-Path $Lane.PwshDir 'Modules/CimCmdlets') -Recurse -Force
    Set-Content -Path $stampFile -Value $stamp
}

function Initialize-StandInSystemRoot {
    # A SystemRoot whose System32\schtasks.exe, System32\conhost.exe and
    # System32\WindowsPowerShell\v1.0\powershell.exe are the Windows pwsh under other names (a stand-in,
    # tools/WindowsPwsh/StandIn.cs). Hard links of its runtime keep it small and quick to make.
    param([Parameter(Mandatory)] $Lane)
    $stampFile = Join-Path $Lane.SystemRoot '.lane-stamp'
    $stamp = (Get-Content (Join-Path $Lane.PwshDir '.lane-stamp') -Raw) + $Lane.PwshDir
    if ((Test-Path $stampFile) -and (Get-Content $stampFile -Raw) -eq $stamp) { return }
    if (Test-Path $Lane.SystemRoot) { Remove-Item $Lane.SystemRoot -Recurse -Force }
    $programs = @{ 'System32' = @('schtasks.exe', 'conhost.exe'); 'System32/WindowsPowerShell/v1.0' = @('powershell.exe') }
    foreach ($folder in $programs.Keys) {
        $target = Join-Path $Lane.SystemRoot $folder
        New-Item -ItemType Directory -Path $target -Force | Out-Null
        foreach ($file in (Get-ChildItem $Lane.PwshDir -File | Where-Object Name -ne 'pwsh.exe')) {
            New-Item -ItemType HardLink -Path (Join-Path $target $file.Name) -Target $file.FullName | Out-Null
        }
        foreach ($program in $programs[$folder]) { Copy-Item (Join-Path $Lane.PwshDir 'pwsh.exe') (Join-Path $target $program) }
    }
    Set-Content -Path $stampFile -Value $stamp -NoNewline
}

function Initialize-WindowsLane {
    # Makes (or reuses) everything the lane needs; returns the lane, or a reason when Wine is absent.
    param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string] $ModuleDir)
    $wine = Get-WineProgram
    if (-not $wine) {
        return [pscustomobject]@{ Unavailable = 'Wine is not installed (Debian packages wine and wine64, listed in .ci/apt-packages; .ci/run installs them as root)' }
    }
    $base = Join-Path $Root 'out/wine'
    $version = Split-Path $ModuleDir -Leaf
    $lane = [pscustomobject]@{
        Unavailable = $null
        Wine = $wine.Wine
        Server = $wine.Server
        Prefix = Join-Path $base 'prefix'
        # A space in the path, as in C:\Program Files\PowerShell\7, where the scheduled task must quote it.
        PwshDir = Join-Path $base 'PowerShell 7'
        SystemRoot = Join-Path $base 'systemroot'
        ModulePath = Join-Path $base "$script:ModuleFolderName/NetUsageTracker/$version"
    }
    Initialize-WinePrefix $lane
    Initialize-WindowsPwsh $lane -Root $Root
    Initialize-StandInSystemRoot $lane
    # A fresh copy every run: the lane tests exactly the module just built.
    $modules = Split-Path (Split-Path $lane.ModulePath)
    if (Test-Path $modules) { Remove-Item $modules -Recurse -Force }
    New-Item -ItemType Directory -Path (Split-Path $lane.ModulePath) -Force | Out-Null
    Copy-Item $ModuleDir (Split-Path $lane.ModulePath) -Recurse
    $lane
}

function Invoke-WindowsPowerShell {
    # Runs a script in the lane's Windows pwsh (the module importable by name); returns the exit code.
    # The script travels as -EncodedCommand (base64 of UTF-16), so no quoting layer can change it.
    param([Parameter(Mandatory)] $Lane, [Parameter(Mandatory)] [string] $Script, [int] $TimeoutSeconds = 300)
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
    # Bypass, as the scheduled recorder has: a Windows machine's default policy (Restricted) refuses even
    # the module's format file.
    Invoke-LaneProcess $Lane -FileName $Lane.Wine -Pty -TimeoutSeconds $TimeoutSeconds -ArgumentList @(
        (Join-Path $Lane.PwshDir 'pwsh.exe'), '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', $encoded)
}

function ConvertTo-PowerShellLiteral {
    param([string] $Text)
    "'" + $Text.Replace("'", "''") + "'"
}

function Invoke-WindowsLaneTests {
    # The Pester files of tests/Windows in one Windows pwsh. Returns the counts, or Unavailable with why.
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [string] $ModuleDir,
        [Parameter(Mandatory)] [string] $PesterPath,
        [string] $Filter = '*'
    )
    if (-not (Get-ChildItem (Join-Path $Root "tests/Windows/$Filter.Tests.ps1") -ErrorAction Ignore)) {
        return @{ Passed = 0; Failed = 0; Unavailable = "no test file in tests/Windows matches '$Filter'" }
    }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $lane = Initialize-WindowsLane -Root $Root -ModuleDir $ModuleDir
    $ready = $clock.Elapsed.TotalSeconds
    if ($lane.Unavailable) {
        if (Test-WindowsLaneRequired) {
            Write-Host "Windows (Wine): cannot run here, and CI requires it: $($lane.Unavailable)."
            return @{ Passed = 0; Failed = 1; Unavailable = $null }
        }
        return @{ Passed = 0; Failed = 0; Unavailable = $lane.Unavailable }
    }
    $results = Join-Path $Root 'out/TestResults/windows'
    $summary = Join-Path $results 'pester-summary.json'
    if (Test-Path $summary) { Remove-Item $summary -Force }
    New-Item -ItemType Directory -Path $results -Force | Out-Null
    $runner = '& {0} -ModulePath {1} -PesterPath {2} -SummaryPath {3} -TestRoot {4} -Filter {5}; exit $LASTEXITCODE' -f @(
        (ConvertTo-PowerShellLiteral (ConvertTo-WinePath (Join-Path $Root 'tests/Invoke-ModuleTests.ps1'))),
        (ConvertTo-PowerShellLiteral (ConvertTo-WinePath $lane.ModulePath)),
        (ConvertTo-PowerShellLiteral (ConvertTo-WinePath $PesterPath)),
        (ConvertTo-PowerShellLiteral (ConvertTo-WinePath $summary)),
        (ConvertTo-PowerShellLiteral (ConvertTo-WinePath (Join-Path $Root 'tests/Windows'))),
        (ConvertTo-PowerShellLiteral $Filter))
    # Each test has its own deadline (tests/Windows/WindowsLane.ps1); this one only stops a lane that hangs.
    $exit = Invoke-WindowsPowerShell $lane -Script $runner -TimeoutSeconds 600
    Write-Host ('Windows lane: ready in {0:0} s (Wine prefix, PowerShell for Windows, stand-ins), tests in {1:0} s.' -f $ready, ($clock.Elapsed.TotalSeconds - $ready))
    if (-not (Test-Path $summary)) {
        Write-Host "Windows (Wine): Pester did not finish (exit code $exit)."
        return @{ Passed = 0; Failed = 1; Unavailable = $null }
    }
    $counts = Get-Content $summary -Raw | ConvertFrom-Json
    @{ Passed = [int]$counts.Passed; Failed = [int]$counts.Failed; Unavailable = $null }
}

function Get-WindowsScriptCommand {
    # The command that runs a script file of this tree in the lane, with switches, and exits with its code.
    param([Parameter(Mandatory)] [string] $Path, [string[]] $Switch = @())
    '& {0}{1}; exit $LASTEXITCODE' -f (ConvertTo-PowerShellLiteral (ConvertTo-WinePath $Path)), (@($Switch | ForEach-Object { " -$_" }) -join '')
}

function Invoke-WindowsShell {
    # build.ps1 -Task Shell -Platform Windows: any command in the lane's Windows pwsh; returns its exit code.
    param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string] $ModuleDir, [Parameter(Mandatory)] [string] $Command)
    $lane = Initialize-WindowsLane -Root $Root -ModuleDir $ModuleDir
    if ($lane.Unavailable) { throw "The Windows shell needs Wine: $($lane.Unavailable)." }
    $exit = Invoke-WindowsPowerShell $lane -Script $Command -TimeoutSeconds 3600
    if ($null -eq $exit) { return 1 }
    $exit
}

Export-ModuleMember -Function Invoke-WindowsLaneTests, Invoke-WindowsShell, Get-WindowsScriptCommand
