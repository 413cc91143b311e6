# The Windows network source: the Network List Manager over plain COM (no WinRT), as Wine's netprofm serves
# it: one network per adapter, whose id is the adapter's GUID, with no name (INetwork::GetName is E_NOTIMPL
# there) and the cost NLM_CONNECTION_COST_UNRESTRICTED. What it returns is printed for the lane's log. Real
# Windows' names (SSIDs, "Network 2"), profile ids shared by adapters and metered costs only Windows can
# show: their mapping and the cost flags are unit-tested in xunit on the documented values.

BeforeAll {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
}

Describe 'The Network List Manager' {
    It 'is the network source Windows chooses' {
        Invoke-WithDeadline {
            $source = [NetUsageTracker.Commands.ModuleState]::GetNetworkSource()
            $source.GetType().FullName | Should -Be 'NetUsageTracker.Networks.Windows.NetworkListManagerSource'
            $null = $source.Read()
            $source.LastFallbackReason | Should -BeNullOrEmpty
        }
    }

    It 'names every adapter''s network in Get-NetConnectionInfo and Get-NetUsage, as Wine serves it' {
        Invoke-WithDeadline {
            $adapters = @{}
            foreach ($nic in [Net.NetworkInformation.NetworkInterface]::GetAllNetworkInterfaces()) { $adapters[$nic.Name] = $nic.Id }
            $all = @(Get-NetConnectionInfo -IncludeVirtual -IncludeLoopback)
            $all.Count | Should -BeGreaterThan 0
            foreach ($info in $all) {
                Write-Host "    $($info.InterfaceName): NetworkName '$($info.NetworkName)', NetworkId $($info.NetworkId), Metered $($info.Metered), $($info.NetworkOrigin); adapter $($adapters[$info.InterfaceName])"
                $info.NetworkOrigin | Should -Be 'NetworkListManager'
                $info.NetworkId | Should -Be ([guid]$adapters[$info.InterfaceName]).ToString() -Because 'Wine makes one network per adapter, with the adapter''s GUID'
                $info.NetworkName | Should -Be $info.InterfaceName -Because 'Wine has no network names: the interface stands in'
                $info.Metered | Should -BeFalse -Because 'Wine says every connection is unrestricted'
            }
            foreach ($usage in Get-NetUsage -IncludeVirtual -IncludeLoopback) {
                $info = $all | Where-Object InterfaceName -eq $usage.InterfaceName
                ($usage.NetworkName, $usage.NetworkId, $usage.Metered) | Should -Be ($info.NetworkName, $info.NetworkId, $info.Metered)
            }
        }
    }
}
