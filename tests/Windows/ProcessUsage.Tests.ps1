# The Windows per-process source under Wine. Wine implements GetExtendedTcpTable's owner-PID class from
# the Linux kernel's sockets, so a connection made here must be listed with its ends and state. Wine 8.0
# gives owner PID 0 for this lane's own sockets (measured: the row is there, the PID is not; wineserver
# holds the socket), so the PID is checked as "this process, or Wine's 0"; a real Windows shows the PID.
# Wine has no ETW session and no GetPerTcpConnectionEStats at all: their decoding is tested in the engine's
# unit tests, and only a real Windows shows their figures.

BeforeAll {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
}

Describe 'Per-process usage on the Windows code path' {
    It 'lists a connection made in this process from GetExtendedTcpTable with its ends, state and owner' {
        # Wine finds each socket's owner by walking /proc for every socket of the machine: on a machine that
        # holds thousands of sockets (other test runs) one table took 106 s; alone it takes about a second.
        Invoke-WithDeadline -Seconds 300 {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start()
            $client = [System.Net.Sockets.TcpClient]::new()
            try {
                $client.Connect([System.Net.IPAddress]::Loopback, $listener.LocalEndpoint.Port)
                $server = $listener.AcceptTcpClient()
                $source = [NetUsageTracker.Processes.Windows.IpHelperFlowSource]::new()
                try {
                    $table = [NetUsageTracker.Processes.FlowTable]::new()
                    $source.Read($table)
                    $flows = for ($i = 0; $i -lt $table.Count; $i++) { $table.ItemAt($i) }
                    $local = $client.Client.LocalEndPoint.Port
                    $mine = @($flows | Where-Object { $_.Local.Port -eq $local -and $_.Remote.Port -eq $listener.LocalEndpoint.Port })
                    $mine.Count | Should -Be 1
                    $mine[0].ProcessId | Should -BeIn @($PID, 0)
                    $mine[0].State | Should -Be 'Established'
                    $mine[0].Protocol | Should -Be 'Tcp'
                    $source.Describe($PID).Name | Should -Not -BeNullOrEmpty
                    $source.Limitation | Should -Match 'no TCP extended statistics'
                    $mine[0].HasCounters | Should -BeFalse
                }
                finally {
                    $source.Dispose()
                    $server.Dispose()
                }
            }
            finally {
                $client.Dispose()
                $listener.Stop()
            }
        }
    }

    It 'runs Get-NetProcessUsage without error, says its source, and ends with the remainder' {
        Invoke-WithDeadline {
            $rows = @(Get-NetProcessUsage -IncludeLoopback -SampleInterval 0.5 -ErrorVariable problems)
            $problems | Should -BeNullOrEmpty
            $rows[-1].Kind | Should -Be 'Unattributed'
            # Not elevated under Wine (and no ETW there): the IP Helper tables.
            $rows[-1].Source | Should -Be 'IP Helper tables and TCP extended statistics'
        }
    }
}
