# The class of each interface (physical, virtual, loopback) and the rule that only physical ones count by
# default: on this machine's own interfaces, on a veth pair and a bridge the test makes, and inside a
# namespace that has no physical interface at all (as a container).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')

    function Get-SysfsClass {
        # What Linux itself says: the loopback flag, else a backing device (PCI, USB, virtio) or none.
        param([string] $Name)
        $folder = "/sys/class/net/$Name"
        if ([Convert]::ToInt32((Get-Content "$folder/flags" -Raw).Trim(), 16) -band 8) { return 'Loopback' }
        if (Test-Path "$folder/device") { 'Physical' } else { 'Virtual' }
    }

    $script:NotLinux = -not $IsLinux
    $script:SkipReason = Get-TestNetworkSkipReason
}

Describe 'Interface classes' {
    It 'classes every interface of this machine as sysfs does' -Skip:$NotLinux {
        $all = Get-NetUsage -IncludeVirtual -IncludeLoopback
        $all | Should -Not -BeNullOrEmpty
        foreach ($usage in $all) {
            "$($usage.InterfaceClass)" | Should -Be (Get-SysfsClass $usage.InterfaceName) -Because $usage.InterfaceName
        }
        (Get-NetConnectionInfo -IncludeVirtual -IncludeLoopback | Where-Object InterfaceName -eq 'lo').InterfaceClass | Should -Be 'Loopback'
    }

    It 'counts only the physical interfaces by default and the others with -IncludeVirtual or by name' -Skip:$NotLinux {
        $all = @(Get-NetUsage -IncludeVirtual)
        $physical = @($all | Where-Object InterfaceClass -eq 'Physical')
        $virtual = @($all | Where-Object InterfaceClass -eq 'Virtual')
        if ($physical.Count -eq 0 -or $virtual.Count -eq 0) {
            Set-ItResult -Skipped -Because 'this machine needs both a physical and a virtual interface (Debian CI has eth0 and ifb0/ifb1)'
            return
        }
        @(Get-NetUsage).InterfaceName | Should -Be $physical.InterfaceName
        (Get-NetUsage -Total).Description | Should -Be "Total of $($physical.InterfaceName -join ', ')"
        (Get-NetUsage -InterfaceName $virtual[0].InterfaceName).InterfaceName | Should -Be $virtual[0].InterfaceName
        @(Get-NetConnectionInfo).InterfaceName | Should -Be @(Get-NetConnectionInfo -IncludeVirtual | Where-Object InterfaceClass -eq 'Physical').InterfaceName
    }

    Context 'A veth pair and a bridge' {
        BeforeAll {
            if (-not $SkipReason) {
                $script:Net = New-TestNetwork
                $script:Bridge = "$($Net.Namespace)b"
                Invoke-Ip -n $Net.Namespace link add $Bridge type bridge | Out-Null
                Invoke-Ip -n $Net.Namespace link set $Bridge up | Out-Null
            }
        }

        AfterAll {
            if (-not $SkipReason) { Remove-TestNetwork $Net }
        }

        It 'classes the host end of a veth pair virtual and leaves it out by default' -Skip:([bool]$SkipReason) {
            (Get-NetUsage -InterfaceName $Net.HostName).InterfaceClass | Should -Be 'Virtual'
            @(Get-NetUsage).InterfaceName | Should -Not -Contain $Net.HostName
            @(Get-NetUsage -IncludeVirtual).InterfaceName | Should -Contain $Net.HostName
        }

        It 'counts every non-loopback interface, and says so, where none is physical (a container)' -Skip:([bool]$SkipReason) {
            # The namespace holds lo, the far end of the veth pair and a bridge: nothing physical. ip netns exec
            # mounts the namespace's own /sys, as a container runtime does.
            $seen = Invoke-PwshJson -Wrapper @('ip', 'netns', 'exec', $Net.Namespace) -Script @'
[pscustomobject]@{
    All = @(Get-NetUsage -IncludeVirtual -IncludeLoopback | ForEach-Object { "$($_.InterfaceName)=$($_.InterfaceClass)" })
    Default = @(Get-NetUsage -Verbose 4>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { "verbose: $($_.Message)" } else { $_.InterfaceName } })
}
'@
            $seen.All | Sort-Object | Should -Be (@('lo=Loopback', "$($Net.PeerName)=Virtual", "$Bridge=Virtual") | Sort-Object)
            $names = @($seen.Default | Where-Object { $_ -notlike 'verbose:*' })
            $names | Sort-Object | Should -Be (@($Net.PeerName, $Bridge) | Sort-Object)
            @($seen.Default | Where-Object { $_ -like 'verbose:*No physical interface*' }) | Should -HaveCount 1
        }
    }
}
