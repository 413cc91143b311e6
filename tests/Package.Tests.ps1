# The gallery package, installed like any module: from a file-system PSResourceGet repository in a
# temporary folder (no network) into a temporary home, by name, updated, and removed. Every PowerShell
# here runs with that home, no PSModulePath and no XDG folders, so neither the real profile nor the
# module path of this test run is seen; the scheduled job's crontab is the sandbox's throwaway user's.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'ScheduleSandbox.ps1')
    Import-Module (Join-Path (Split-Path $PSScriptRoot) 'tools/ModulePackage.psm1') -Force
    Initialize-ScheduleSandbox

    $script:ModuleFolder = Split-Path $ModuleManifest
    $script:Version = [version](Import-PowerShellDataFile $ModuleManifest).ModuleVersion
    $script:NextVersion = [version]::new($Version.Major, $Version.Minor, $Version.Build + 1)
    $script:Package = New-ModulePackage -ModuleDirectory $ModuleFolder -OutputDirectory (Join-Path $TestDrive 'packages')

    # The same build with a higher version in its manifest, in a folder named as PSResourceGet expects.
    $next = Join-Path $TestDrive "next/NetUsageTracker/$NextVersion"
    Copy-Item $ModuleFolder $next -Recurse
    $nextManifest = Join-Path $next 'NetUsageTracker.psd1'
    $text = [IO.File]::ReadAllText($nextManifest) -replace "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$NextVersion'"
    [IO.File]::WriteAllText($nextManifest, $text)
    $script:NextPackage = New-ModulePackage -ModuleDirectory $next -OutputDirectory (Join-Path $TestDrive 'packages')

    $script:Box = Enter-ScheduleSandbox
    $script:UserModules = Join-Path $Box.Home '.local/share/powershell/Modules'
    $script:Repository = Join-Path $TestDrive 'repository'
    New-Item -ItemType Directory -Path $Repository | Out-Null
    $script:History = New-HistoryPath
    $script:WorkingFolder = Join-Path $TestDrive 'cwd'
    New-Item -ItemType Directory -Path $WorkingFolder | Out-Null

    function Invoke-UserPwsh {
        # A new PowerShell of the temporary user: HOME, the sandbox's PATH (crontab, systemctl), nothing
        # else. Runs $Script and returns its output, parsed from JSON; stops on any error.
        param([Parameter(Mandatory)] [string] $Script)
        $start = [Diagnostics.ProcessStartInfo]::new((Get-PwshCommand)[0])
        $wrapped = "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'; & { $Script } | ConvertTo-Json -Depth 4 -Compress"
        foreach ($a in @(Get-PwshCommand | Select-Object -Skip 1) + '-NoProfile', '-NonInteractive', '-Command', $wrapped) { $start.ArgumentList.Add($a) }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        # Publish-PSResource leaves a NuGet/NuGet.Config in the current folder.
        $start.WorkingDirectory = $WorkingFolder
        $start.Environment.Clear()
        foreach ($name in 'HOME', 'PATH', 'NUT_SYSTEMCTL_MODE', 'NUT_SYSTEMCTL_LOG') { $start.Environment[$name] = [Environment]::GetEnvironmentVariable($name) }
        $process = [Diagnostics.Process]::Start($start)
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        $process.ExitCode | Should -Be 0 -Because "the user's PowerShell failed: $($errors.Result)"
        if ($output.Trim()) { $output | ConvertFrom-Json }
    }

    function Get-MappedModuleVersion {
        # The versions of NetUsageTracker.dll that a process and its children have mapped from the user's
        # module folder, as Linux lists them in /proc/<pid>/maps.
        param([Parameter(Mandatory)] [int] $ProcessId)
        $pattern = [regex]::Escape("$UserModules/NetUsageTracker/") + '([^/]+)/NetUsageTracker\.dll$'
        $children = "/proc/$ProcessId/task/$ProcessId/children"
        $ids = @($ProcessId) + @(if (Test-Path $children) { (Get-Content $children -Raw) -split '\s+' | Where-Object { $_ } })
        foreach ($id in $ids) {
            foreach ($line in (Get-Content "/proc/$id/maps" -ErrorAction Ignore)) {
                if ($line -match $pattern) { $Matches[1] }
            }
        }
    }
}

AfterAll {
    Remove-ScheduleSandbox
}

Describe 'The gallery package' {
    It 'holds exactly the module a user installs: manifest, two assemblies, format and types files, help, SQLite of every platform, license' {
        $entries = @(Get-ModulePackageEntry -Path $Package.FullName | ForEach-Object Name |
                ForEach-Object { $_ -replace '^(package/services/metadata/core-properties/)[0-9a-f]{32}(\.psmdcp)$', '$1<id>$2' } | Sort-Object)
        # The module's files, then the package's own: its nuspec, the OPC parts and their properties.
        $expected = @(
            'NetUsageTracker.psd1'
            'NetUsageTracker.dll'
            'NetUsageTracker.Engine.dll'
            'NetUsageTracker.Format.ps1xml'
            'NetUsageTracker.Types.ps1xml'
            'en-US/NetUsageTracker.dll-Help.xml'
            'en-US/about_NetUsageTracker.help.txt'
            'runtimes/linux-arm64/native/libe_sqlite3.so'
            'runtimes/linux-musl-x64/native/libe_sqlite3.so'
            'runtimes/linux-x64/native/libe_sqlite3.so'
            'runtimes/osx-arm64/native/libe_sqlite3.dylib'
            'runtimes/osx-x64/native/libe_sqlite3.dylib'
            'runtimes/win-arm64/native/e_sqlite3.dll'
            'runtimes/win-x64/native/e_sqlite3.dll'
            'runtimes/win-x86/native/e_sqlite3.dll'
            'LICENSE'
            'NetUsageTracker.nuspec'
            '[Content_Types].xml'
            '_rels/.rels'
            'package/services/metadata/core-properties/<id>.psmdcp'
        )
        $entries | Should -Be @($expected | Sort-Object)
        $Package.Name | Should -Be "NetUsageTracker.$Version.nupkg"
    }

    It 'carries the manifest, and the gallery''s description, tags and release notes in its nuspec' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop
        $zip = [IO.Compression.ZipFile]::OpenRead($Package.FullName)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('NetUsageTracker.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally {
            $zip.Dispose()
        }
        $metadata = $nuspec.package.metadata
        ($metadata.id, $metadata.version) | Should -Be @('NetUsageTracker', "$Version")
        $metadata.description | Should -Be $manifest.Description
        $metadata.releaseNotes | Should -BeLike '*Register-NetUsageTask*'
        $tags = $metadata.tags -split ' '
        foreach ($tag in 'PSModule', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') { $tags | Should -Contain $tag }
        # No public home yet: no project or license link (LICENSE ships in the package).
        $metadata.projectUrl | Should -BeNullOrEmpty
        $metadata.licenseUrl | Should -BeNullOrEmpty
    }

    It 'installs by name from a file-system repository, and a new PowerShell imports it by name with its help' {
        $installed = Invoke-UserPwsh "
            Register-PSResourceRepository -Name NutTest -Uri '$Repository' -Trusted
            Publish-PSResource -NupkgPath '$($Package.FullName)' -Repository NutTest
            Install-PSResource NetUsageTracker -Repository NutTest -Scope CurrentUser
            Get-InstalledPSResource NetUsageTracker | Select-Object Name, @{ n = 'Version'; e = { `"`$(`$_.Version)`" } }, InstalledLocation"
        ($installed.Name, $installed.Version, $installed.InstalledLocation) | Should -Be @('NetUsageTracker', "$Version", $UserModules)

        $seen = Invoke-UserPwsh "
            Import-Module NetUsageTracker
            `$help = Get-Help Get-NetUsage -Full
            `$task = Register-NetUsageTask -Path '$History' -Confirm:`$false -WarningVariable warned -WarningAction SilentlyContinue
            [pscustomobject]@{
                ModuleBase = (Get-Module NetUsageTracker).ModuleBase
                Loopback = @(Get-NetUsage -InterfaceName lo).Count
                Synopsis = `$help.Synopsis
                Examples = @(`$help.examples.example).Count
                Described = @(`$help.parameters.parameter | Where-Object { -not `$_.description }).Count -eq 0
                ModuleImport = `$task.ModuleImport
                Warnings = @(`$warned).Count
            }"
        $seen.ModuleBase | Should -Be (Join-Path $UserModules "NetUsageTracker/$Version")
        $seen.Loopback | Should -Be 1
        $seen.Synopsis | Should -BeLike 'Gets the traffic counters*'
        $seen.Examples | Should -BeGreaterOrEqual 2
        $seen.Described | Should -BeTrue
        ($seen.ModuleImport, $seen.Warnings) | Should -Be @('ByName', 0)
        Get-SandboxCrontab | Should -BeLike "*-Command 'Import-Module -Name NetUsageTracker; Update-NetUsageHistory -Path '\''$History'\''' # netusagetracker-record`n"
        (Get-NetUsageTask).Healthy | Should -BeTrue
    }

    It 'runs the new version from the same crontab line after Update-PSResource, as cron runs it' {
        $line = (Get-SandboxCrontab).TrimEnd("`n")
        $versions = Invoke-UserPwsh "
            Publish-PSResource -NupkgPath '$($NextPackage.FullName)' -Repository NutTest
            Update-PSResource NetUsageTracker -Repository NutTest -Scope CurrentUser
            Get-InstalledPSResource NetUsageTracker | ForEach-Object { `"`$(`$_.Version)`" }"
        $versions | Sort-Object | Should -Be @("$Version", "$NextVersion")
        (Get-SandboxCrontab).TrimEnd("`n") | Should -BeExactly $line -Because 'the job was not registered again'

        # The history held in a write transaction keeps the job waiting (up to its 5 s busy timeout) with
        # the module loaded, while the kernel lists which version's files it mapped.
        Update-NetUsageHistory -Path $History
        $before = [long](Invoke-HistorySql -Path $History -Sql 'SELECT max(recorded) FROM interface_state;')
        $hold = [NetUsageTracker.History.HistoryDatabase]::Open($History, $false, $null)
        $job = $null
        try {
            $hold.File.Execute('BEGIN IMMEDIATE;')
            $job = Start-CronCommand -Line $line -OutputFile (Join-Path $TestDrive 'job.out')
            $script:mapped = $null
            Wait-Until -TimeoutSeconds 60 { $job.HasExited -or ($script:mapped = @(Get-MappedModuleVersion -ProcessId $job.Id)) } | Should -BeTrue
            $hold.File.Execute('COMMIT;')
            $hold.Dispose()
            $hold = $null
            $job.WaitForExit(60000) | Should -BeTrue
            $job.ExitCode | Should -Be 0 -Because ([IO.File]::ReadAllText((Join-Path $TestDrive 'job.out')))
        }
        finally {
            if ($hold) { $hold.Dispose() }
            if ($job -and -not $job.HasExited) { $job.Kill() }
        }
        $mapped | Sort-Object -Unique | Should -Be @("$NextVersion")
        [long](Invoke-HistorySql -Path $History -Sql 'SELECT max(recorded) FROM interface_state;') | Should -BeGreaterThan $before
    }

    It 'leaves nothing behind after Unregister-NetUsageTask, then Uninstall-PSResource' {
        Invoke-UserPwsh '
            Import-Module NetUsageTracker
            Unregister-NetUsageTask -Confirm:$false
            Uninstall-PSResource NetUsageTracker -Scope CurrentUser' | Out-Null
        Get-SandboxCrontab | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $Box.Home -Recurse -Force | Where-Object FullName -like '*NetUsageTracker*') | Should -BeNullOrEmpty
        Test-Path -LiteralPath $History | Should -BeTrue -Because 'uninstalling the module keeps the usage history'
    }
}
