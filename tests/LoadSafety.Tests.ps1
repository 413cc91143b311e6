# Windows PowerShell 5.1 binds a module's assembly references strictly and reads no binding redirects:
# every reference of every dll the module ships must name either a dll that ships beside it, at exactly
# its version, or an assembly of .NET Framework 4.7.2 at no higher version, or the System.Management.
# Automation of Windows PowerShell 5.1 itself. Checked here from the dlls' metadata, without Windows, for
# the built module and for the gallery package's contents. No shipped dll references another at a lower
# version, so the module needs no AssemblyResolve handler; the day one does, this test fails, and the
# handler (registered at import, removed at Remove-Module) comes with that dependency.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-Module (Join-Path (Split-Path $PSScriptRoot) 'tools/ModulePackage.psm1') -Force
    $script:ModuleFolder = Split-Path $script:ModuleManifest
    $root = Split-Path $PSScriptRoot
    $script:FrameworkFolder = Join-Path $root 'out/tools/microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2'
    if (-not (Test-Path $FrameworkFolder)) {
        & dotnet restore (Join-Path $root 'tools/BuildTools.csproj') --packages (Join-Path $root 'out/tools') --nologo -v quiet | Out-Null
    }

    function Read-AssemblyMetadata {
        # The identity and the references of one managed dll; $null for a native one or a bare module.
        param([string] $Path)
        $stream = [IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            if (-not $pe.HasMetadata) { return $null }
            $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            if (-not $md.IsAssembly) { return $null } # a module of a multi-file assembly
            $definition = $md.GetAssemblyDefinition()
            [pscustomobject]@{
                Name = $md.GetString($definition.Name)
                Version = $definition.Version
                References = @(foreach ($handle in $md.AssemblyReferences) {
                        $reference = $md.GetAssemblyReference($handle)
                        [pscustomobject]@{ Name = $md.GetString($reference.Name); Version = $reference.Version }
                    })
            }
        }
        finally {
            $stream.Dispose()
        }
    }

    function Get-LoadProblem {
        # Every reference of the dlls in $Shipped that Windows PowerShell 5.1 could not bind, as text.
        param([string[]] $Shipped, [hashtable] $Framework)
        $assemblies = @($Shipped | ForEach-Object { Read-AssemblyMetadata $_ } | Where-Object { $_ })
        $byName = @{}
        foreach ($a in $assemblies) { $byName[$a.Name] = $a.Version }
        foreach ($a in $assemblies) {
            foreach ($r in $a.References) {
                if ($byName.ContainsKey($r.Name)) {
                    if ($r.Version -ne $byName[$r.Name]) { "$($a.Name) references $($r.Name) $($r.Version), but $($byName[$r.Name]) ships" }
                }
                elseif ($r.Name -eq 'System.Management.Automation') {
                    if ($r.Version -gt [version]'3.0.0.0') { "$($a.Name) references System.Management.Automation $($r.Version); Windows PowerShell 5.1 has 3.0.0.0" }
                }
                elseif ($Framework.ContainsKey($r.Name)) {
                    if ($r.Version -gt $Framework[$r.Name]) { "$($a.Name) references $($r.Name) $($r.Version); .NET Framework 4.7.2 has $($Framework[$r.Name])" }
                }
                else {
                    "$($a.Name) references $($r.Name) $($r.Version), which neither ships with the module nor is part of .NET Framework 4.7.2"
                }
            }
        }
    }

    $script:Framework = @{}
    foreach ($dll in Get-ChildItem $FrameworkFolder, (Join-Path $FrameworkFolder 'Facades') -Filter '*.dll') {
        $identity = Read-AssemblyMetadata $dll.FullName
        if ($identity) { $Framework[$identity.Name] = $identity.Version }
    }
}

Describe 'Loading in Windows PowerShell 5.1 (checked from metadata; Linux cannot run .NET Framework)' {
    It 'knows what .NET Framework 4.7.2 provides' {
        $Framework['mscorlib'] | Should -Be ([version]'4.0.0.0')
        $Framework['netstandard'] | Should -Be ([version]'2.0.0.0')
        $Framework.ContainsKey('System.Memory') | Should -BeFalse -Because 'System.Memory is a package, not part of the framework'
    }

    It 'ships only dlls whose every reference binds there' {
        $shipped = @(Get-ChildItem $ModuleFolder -Filter '*.dll' -Recurse | ForEach-Object FullName)
        $managed = @($shipped | Where-Object { Read-AssemblyMetadata $_ })
        $managed.Count | Should -BeGreaterOrEqual 2
        @(Get-LoadProblem -Shipped $shipped -Framework $Framework) | Should -BeNullOrEmpty
    }

    It 'ships the same managed dlls in the gallery package, and every reference of theirs binds there' {
        $package = New-ModulePackage -ModuleDirectory $ModuleFolder -OutputDirectory (Join-Path $TestDrive 'package')
        $unpacked = Join-Path $TestDrive 'unpacked'
        [IO.Compression.ZipFile]::ExtractToDirectory($package.FullName, $unpacked)
        function Get-ManagedDll([string] $Folder) {
            Get-ChildItem $Folder -Filter '*.dll' -Recurse | Where-Object { Read-AssemblyMetadata $_.FullName } |
                ForEach-Object { [IO.Path]::GetRelativePath($Folder, $_.FullName) } | Sort-Object
        }
        @(Get-ManagedDll $unpacked) | Should -Be @(Get-ManagedDll $ModuleFolder)
        $inPackage = @(Get-ChildItem $unpacked -Filter '*.dll' -Recurse | ForEach-Object FullName)
        @(Get-LoadProblem -Shipped $inPackage -Framework $Framework) | Should -BeNullOrEmpty
    }

    It 'catches a dll that does not ship with its dependency, and one built for a newer .NET' {
        $ui = Join-Path $ModuleFolder 'NetUsageTracker.dll'
        Get-LoadProblem -Shipped @($ui) -Framework $Framework |
            Should -BeLike 'NetUsageTracker references NetUsageTracker.Engine *, which neither ships with the module nor is part of .NET Framework 4.7.2'
        $modern = Join-Path $PSHOME 'System.Management.Automation.dll'
        @(Get-LoadProblem -Shipped @($modern) -Framework $Framework) -like '*references System.Runtime 10.*; .NET Framework 4.7.2 has 4.*' | Should -Not -BeNullOrEmpty
    }
}
