# build.ps1 -Task Watch after the build: the live view in a terminal, else the connection and a scrolling
# watch. A module of its own so a test can run it against the built module without building.

function Invoke-WatchTask {
    param(
        [Parameter(Mandatory)] [string] $ModuleManifest,
        [string] $Limit,
        [string[]] $InterfaceName,
        [double] $Interval = 1
    )
    Import-Module $ModuleManifest -Force
    $watch = @{ Interval = $Interval }
    if ($Limit) { $watch.Limit = $Limit }
    if ($InterfaceName) { $watch.InterfaceName = $InterfaceName }
    try {
        # The live view in a terminal; the cmdlet itself says when there is none.
        Show-NetUsage @watch
    }
    catch {
        if ($_.FullyQualifiedErrorId -notlike 'InteractiveTerminalRequired,*') { throw }
        # Output to a file or a pipe gets plain text: PowerShell colours table headings for the console,
        # and its escape codes would land in the file.
        if ([Console]::IsOutputRedirected -and $null -ne (Get-Variable PSStyle -ValueOnly -ErrorAction Ignore)) {
            $PSStyle.OutputRendering = 'PlainText'
        }
        Get-NetConnectionInfo | Format-Table | Out-Host
        Write-Host 'Watching network usage; press Ctrl+C to stop.'
        Watch-NetUsage @watch
    }
}

Export-ModuleMember -Function Invoke-WatchTask
