# The module as a gallery package: the .nupkg that Publish-PSResource would push to the PowerShell
# Gallery, made offline from the built module folder by PSResourceGet's Compress-PSResource, which ships
# inside PowerShell 7.4 and later. Used by build.ps1 -Task Package and by the tests of the package.

Set-StrictMode -Version Latest

function New-ModulePackage {
    # Packs every file of $ModuleDirectory (a built NetUsageTracker/<version> folder) into
    # $OutputDirectory/NetUsageTracker.<version>.nupkg and returns that file. Compress-PSResource checks
    # the manifest with Test-ModuleManifest first and stops on any problem. Like every PSResourceGet
    # command, it creates PSResourceGet's repository list (PSResourceRepository.xml) in the user's data
    # folder when there is none.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $ModuleDirectory, [Parameter(Mandatory)] [string] $OutputDirectory)
    if (-not (Get-Command Compress-PSResource -ErrorAction Ignore)) {
        throw 'Packaging needs Compress-PSResource (Microsoft.PowerShell.PSResourceGet 1.1 or later, part of PowerShell 7.4 and later): run it with dotnet pwsh ./build.ps1 -Task Package.'
    }
    $version = (Import-PowerShellDataFile -Path (Join-Path $ModuleDirectory 'NetUsageTracker.psd1')).ModuleVersion
    $package = Join-Path $OutputDirectory "NetUsageTracker.$version.nupkg"
    New-Item -ItemType Directory -Path $OutputDirectory -Force | Out-Null
    if (Test-Path -LiteralPath $package) { Remove-Item -LiteralPath $package }
    Compress-PSResource -Path $ModuleDirectory -DestinationPath $OutputDirectory -ErrorAction Stop
    Get-Item -LiteralPath $package
}

function Get-ModulePackageEntry {
    # The entries of a package, as zip paths with '/' separators, with their sizes.
    param([Parameter(Mandatory)] [string] $Path)
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::OpenRead($Path)
    try {
        foreach ($entry in $zip.Entries) { [pscustomobject]@{ Name = $entry.FullName; Length = $entry.Length } }
    }
    finally {
        $zip.Dispose()
    }
}

Export-ModuleMember -Function New-ModulePackage, Get-ModulePackageEntry
