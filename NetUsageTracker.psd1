@{
    RootModule = 'NetUsageTracker.dll'
    ModuleVersion = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID = '6f0f7c0e-3b7a-4d55-9a51-2f4c8e0b7d21'
    Author = 'NetUsageTracker contributors'
    CompanyName = 'NetUsageTracker contributors'
    Copyright = '(c) 2026 NetUsageTracker contributors. MIT License.'
    Description = 'Network usage for PowerShell: per-interface counters and rates, a live view and watch with data-cap alerts, a reboot-safe usage history with billing-period quotas (recorded by a scheduled job or a resident recorder), HTML reports, and connection information. Windows, Linux and macOS; Windows PowerShell 5.1 and PowerShell 7.'
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
        'Get-NetProcessUsage'
        'Export-NetUsageMetric'
        'New-NetUsagePlan'
        'Get-NetUsagePlan'
        'Set-NetUsagePlan'
        'Remove-NetUsagePlan'
    )
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport = @()
    PrivateData = @{
        PSData = @{
            Tags = @('Network', 'Bandwidth', 'Traffic', 'Usage', 'DataCap', 'Quota', 'History', 'Monitoring', 'Linux', 'Windows', 'MacOS', 'PSEdition_Core', 'PSEdition_Desktop')
            # The gallery shows LicenseUri and ProjectUri as links, so they must be absolute URLs: they are added
            # when the project has a public home (the license ships in the package as LICENSE meanwhile).
            ReleaseNotes = 'See CHANGELOG.md. 0.1.0: counters and rates (Get-NetUsage), a live view (Show-NetUsage), watching with data limits, thresholds and desktop notifications (Watch-NetUsage), connection info, a reboot-safe usage history with billing-period quotas, recorded by a scheduled job or a resident recorder (Register-NetUsageTask -Resident) that keeps working across Update-PSResource, HTML reports (Export-NetUsageReport), and full Get-Help for every cmdlet.'
        }
    }
}
