# The Windows counter source (iphlpapi's GetIfTable2). Wine serves that table from the Linux kernel, so
# the module's Windows code path is checked against /proc/net/dev read beside it: every counter must lie
# within what the kernel said just before and just after.

BeforeAll {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
    $script:lo = 'lo'
}

Describe 'The Windows counter source' {
    It 'is what Get-NetUsage -IncludeLoopback reads, with 64-bit counters' {
        Invoke-WithDeadline {
            Get-NetUsage -IncludeLoopback | Should -Not -BeNullOrEmpty
            $source = [NetUsageTracker.Commands.ModuleState]::GetSampler().Source
            $source.GetType().FullName | Should -Be 'NetUsageTracker.Sampling.Windows.IpHelperCounterSource'
            $source.Name | Should -Be 'iphlpapi GetIfTable2'
            $source.Width | Should -Be 'Bits64'
            $verbose = Watch-NetUsage -InterfaceName $lo -Count 1 -Interval 0.1 -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
            $verbose.Message | Should -Match 'iphlpapi GetIfTable2'
        }
    }

    It 'gives Get-NetUsage the kernel''s counters of every interface, within the traffic between two reads of /proc/net/dev' {
        Invoke-WithDeadline {
            Send-LoopbackBytes -Count 256KB
            $before = Read-ProcNetDev
            $usage = Get-NetUsage -InterfaceName @($before.Keys) -IncludeLoopback
            $after = Read-ProcNetDev
            $compared = 0
            foreach ($interface in $usage) {
                if (-not $before.ContainsKey($interface.InterfaceName) -or -not $after.ContainsKey($interface.InterfaceName)) { continue }
                foreach ($counter in 'BytesReceived', 'BytesSent', 'PacketsReceived', 'PacketsSent') {
                    $value = $interface.$counter
                    $low = $before[$interface.InterfaceName].$counter
                    $high = $after[$interface.InterfaceName].$counter
                    ($value -ge $low -and $value -le $high) | Should -BeTrue -Because "$($interface.InterfaceName) $counter $value lies within [$low, $high]"
                }
                $compared++
            }
            $compared | Should -Be $before.Count -Because 'every interface of /proc/net/dev is listed under its Linux name'
        }
    }

    It 'counts loopback traffic sent through Wine''s sockets' {
        Invoke-WithDeadline {
            $first = Get-NetUsage -InterfaceName $lo
            Send-LoopbackBytes -Count 1MB
            $second = Get-NetUsage -InterfaceName $lo
            ($second.BytesReceived - $first.BytesReceived) | Should -BeGreaterOrEqual 1MB
            ($second.BytesSent - $first.BytesSent) | Should -BeGreaterOrEqual 1MB
        }
    }

    It 'classes loopback as Loopback, and gives every interface a class, a description and its LUID' {
        Invoke-WithDeadline {
            $snapshot = [NetUsageTracker.Commands.ModuleState]::GetSampler().TakeSnapshot()
            $names = $snapshot.InterfaceNames()
            $names | Should -Contain $lo
            foreach ($name in $names) {
                $counters = [NetUsageTracker.Sampling.InterfaceCounters]::new()
                $snapshot.TryGet($name, [ref]$counters) | Should -BeTrue
                $counters.Class | Should -Not -Be 'Unknown' -Because "$name has a class from its row"
                $counters.Description | Should -Not -BeNullOrEmpty
                $counters.Id | Should -Match '^\d+$' -Because 'the LUID is a 64-bit number, as Get-NetAdapter shows NetLuid'
                if ($name -eq $lo) { $counters.Class | Should -Be 'Loopback' }
                # Wine marks every link it serves as hardware (even Linux's ifb or veth): classes from real
                # Windows rows (virtual adapters, filters) are tested in xunit with the SDK's layout.
                Write-Host "    $name : $($counters.Class), LUID $($counters.Id), '$($counters.Description)'"
            }
        }
    }

    It 'allocates no more per read than the /proc/net/dev source (none in steady state)' {
        Invoke-WithDeadline {
            $windows = [NetUsageTracker.Commands.ModuleState]::GetSampler().Source
            $proc = [NetUsageTracker.Sampling.ProcNetDevCounterSource]::new('Z:\proc\net\dev', $null)
            try {
                $allocated = foreach ($source in $proc, $windows, $proc, $windows) {
                    $snapshot = [NetUsageTracker.Sampling.CounterSnapshot]::new(16)
                    foreach ($warmUp in 1..50) { $source.Read($snapshot) }
                    $start = [GC]::GetAllocatedBytesForCurrentThread()
                    foreach ($read in 1..200) { $source.Read($snapshot) }
                    ([GC]::GetAllocatedBytesForCurrentThread() - $start) / 200
                }
                $procPerRead = [Math]::Min($allocated[0], $allocated[2])
                $windowsPerRead = [Math]::Min($allocated[1], $allocated[3])
                Write-Host "    bytes allocated per read, PowerShell's call included: /proc/net/dev $procPerRead, GetIfTable2 $windowsPerRead"
                $windowsPerRead | Should -BeLessOrEqual ($procPerRead + 16)
            }
            finally {
                $proc.Dispose()
            }
        }
    }
}
