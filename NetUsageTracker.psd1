@{
    RootModule = 'NetUsageTracker.dll'
    ModuleVersion = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID = '6f0f7c0e-3b7a-4d55-9a51-2f4c8e0b7d21'
    Author = 'NetUsageTracker contributors'
    CompanyName = 'NetUsageTracker contributors'
    Copyright = '(c) 2026 NetUsageTracker contributors. MIT License.'
    Description = 'Network usage for PowerShell: per-interface counters and rates, live watching with data-cap limits, and connection information, on Windows, Linux and macOS.'
    PowerShellVersion = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies = @('NetUsageTracker.Engine.dll')
    FormatsToProcess = @('NetUsageTracker.Format.ps1xml')
    TypesToProcess = @('NetUsageTracker.Types.ps1xml')
    CmdletsToExport = @(
        'Get-NetUsage'
        'Watch-NetUsage'
        'Get-NetConnectionInfo'
        'Update-NetUsageHistory'
        'Get-NetUsageHistory'
        'Get-NetUsageQuota'
        'Test-NetUsageQuota'
        'Import-NetUsageHistory'
        'Set-NetUsageHistoryRetention'
        'Get-NetUsageTask'
        'Register-NetUsageTask'
        'Unregister-NetUsageTask'
        'Send-NetUsageNotification'
        'Show-NetUsage'
        'Export-NetUsageReport'
    )
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport = @()
    PrivateData = @{
        PSData = @{
            Tags = @('Network', 'Bandwidth', 'Usage', 'DataCap', 'Monitoring', 'Linux', 'Windows', 'MacOS', 'PSEdition_Core', 'PSEdition_Desktop')
            # LicenseUri and ProjectUri need absolute URLs; they are added when the project has a public home.
            ReleaseNotes = 'See CHANGELOG.md. 0.1.0: counters and rates (Get-NetUsage), live watching with data limits, thresholds and desktop notifications (Watch-NetUsage), connection info, a reboot-safe usage history with billing-period quotas, scheduled recording, and full Get-Help for every cmdlet.'
        }
    }
}
