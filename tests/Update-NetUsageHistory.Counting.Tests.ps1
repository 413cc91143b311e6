# Counting under hostile but real conditions (issue 20): an interface re-created under the same name, a
# clock ahead for one recording, the autumn repeated hour. Real veth pairs in a namespace of the test's
# own, real clocks through faketime (libfaketime) and TZ, real history files.
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
    . $PSScriptRoot/TestNetwork.ps1

    function Get-HistorySent {
        # The counter value the history last stored for an interface (bytes sent).
        param([string] $Path, [string] $InterfaceName)
        [uint64](Invoke-HistorySql -Path $Path -Sql "SELECT tx FROM interface_state WHERE interface = '$InterfaceName';")
    }

    function Get-HistorySentTotal {
        param([string] $Path, [string] $InterfaceName)
        $sum = [uint64]0
        Get-NetUsageHistory -Path $Path -InterfaceName $InterfaceName -By Year | ForEach-Object { $sum += $_.BytesSent }
        $sum
    }

    function Send-UdpFromHost {
        # $Count datagrams of $Size zero bytes from the host end to the far end (nothing listens there).
        param($Network, [int] $Count, [int] $Size)
        $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]$Network.HostAddress, 0))
        try {
            $to = [System.Net.IPEndPoint]::new([ipaddress]$Network.PeerAddress, 9)
            $payload = [byte[]]::new($Size)
            for ($i = 0; $i -lt $Count; $i++) { $null = $udp.Send($payload, $Size, $to) }
        }
        finally {
            $udp.Dispose()
        }
    }
}

Describe 'Update-NetUsageHistory counts what happened, whatever happens to the interface and the clock' {
    It 'counts a re-created interface from zero even when its new counter passed the old reading' {
        $skip = Get-TestNetworkSkipReason -NoPeer
        if ($skip) { Set-ItResult -Skipped -Because $skip; return }
        $net = New-TestNetwork -NoPeer
        try {
            $path = New-HistoryPath
            Wait-TestNetworkQuiet $net
            Update-NetUsageHistory -Path $path
            $first = Get-HistorySent -Path $path -InterfaceName $net.HostName
            Send-UdpFromHost $net -Count 1000 -Size 1000
            Wait-TestNetworkQuiet $net
            Update-NetUsageHistory -Path $path
            $old = Get-HistorySent -Path $path -InterfaceName $net.HostName
            ($old - $first) | Should -BeGreaterOrEqual 1000000

            # Delete the pair and make it again under the same names: a new interface, counters from zero.
            Invoke-Ip link del $net.HostName | Out-Null
            Add-TestVethPair $net
            Send-UdpFromHost $net -Count 5000 -Size 1000
            Wait-TestNetworkQuiet $net
            $records = Update-NetUsageHistory -Path $path -PassThru -Verbose 4>&1
            $new = Get-HistorySent -Path $path -InterfaceName $net.HostName
            $new | Should -BeGreaterThan $old -Because 'the test needs the new counter past the old reading'
            ($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and $_.InterfaceName -eq $net.HostName }).Kind | Should -Be 'Reset'
            @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like "*$($net.HostName)*re-created*" }) | Should -HaveCount 1
            Get-HistorySentTotal -Path $path -InterfaceName $net.HostName | Should -Be (($old - $first) + $new)
        }
        finally {
            Remove-TestNetwork $net
        }
    }

    It 'keeps the past when one recording runs with the clock a year ahead (faketime), and places its traffic at the boot clock''s time' {
        if (-not $IsLinux -or -not (Get-Command faketime -CommandType Application -ErrorAction SilentlyContinue)) {
            Set-ItResult -Skipped -Because 'the test runs a recording under faketime (Debian package faketime) on Linux'
            return
        }
        $lo = Get-LoopbackName
        $path = New-HistoryPath
        Update-NetUsageHistory -Path $path
        Send-LoopbackBytes -Count 2MB
        Update-NetUsageHistory -Path $path
        $detail = (Get-NetUsageHistory -Path $path -InterfaceName $lo -By FiveMinute | Measure-Object -Property BytesReceived -Sum).Sum
        $detail | Should -BeGreaterOrEqual 2MB

        Send-LoopbackBytes -Count 1MB
        $ahead = Invoke-PwshJson -Wrapper @('faketime', '-f', '+365d') -Script @"
[pscustomobject]@{
    Now = [DateTime]::UtcNow.ToString('o')
    Verbose = @(Update-NetUsageHistory -Path '$path' -Verbose 4>&1 | ForEach-Object Message)
}
"@
        ([DateTime]::Parse($ahead.Now).ToUniversalTime() - [DateTime]::UtcNow).TotalDays | Should -BeGreaterThan 360 -Because 'faketime must move the child''s clock'
        @($ahead.Verbose | Where-Object { $_ -like '*clock*ahead*' }) | Should -HaveCount 1

        # Nothing pruned: every five-minute, hourly and daily row is still there, with the ahead recording's MB added now.
        foreach ($by in 'FiveMinute', 'Hour', 'Day') {
            $rows = @(Get-NetUsageHistory -Path $path -InterfaceName $lo -By $by)
            ($rows | Measure-Object -Property BytesReceived -Sum).Sum | Should -BeGreaterOrEqual 3MB -Because "the $by rows must survive"
            @($rows | Where-Object { $_.PeriodStart -gt [DateTime]::Now.AddDays(1) }) | Should -BeNullOrEmpty -Because 'no traffic belongs to next year'
        }
        (Get-NetUsageQuota -Path $path -InterfaceName $lo -Limit 100GB).Used | Should -BeGreaterOrEqual 3MB
        Update-NetUsageHistory -Path $path
        Get-HistoryTotal -Path $path -InterfaceName $lo | Should -BeGreaterOrEqual 3MB
        @(Get-NetUsageHistory -Path $path -InterfaceName $lo -By Year | Where-Object { $_.PeriodStart.Year -gt [DateTime]::Now.Year }) | Should -BeNullOrEmpty
    }

    It 'keeps the two hours of the autumn change apart (TZ=Europe/Berlin, recordings under faketime across the change)' {
        if (-not $IsLinux -or -not (Get-Command faketime -CommandType Application -ErrorAction SilentlyContinue)) {
            Set-ItResult -Skipped -Because 'the test runs recordings under faketime (Debian package faketime) on Linux'
            return
        }
        $lo = Get-LoopbackName
        $path = New-HistoryPath
        # 2026-10-25: Berlin's clocks go from 03:00 CEST back to 02:00 CET at 01:00 UTC. Each recording runs a
        # few real seconds after the one before and its clock a couple of minutes later, well inside what a
        # clock may drift, so each is believed.
        $run = {
            param([string] $Utc, [string] $Script)
            $offset = [long]([DateTimeOffset]::Parse($Utc) - [DateTimeOffset]::UtcNow).TotalSeconds
            $child = Start-PwshProcess -Script $Script -Wrapper @('faketime', '-f', "$offset") -Environment @{ TZ = 'Europe/Berlin' }
            $out = $child.StandardOutput.ReadToEndAsync()
            $child.WaitForExit(60000) | Should -BeTrue
            $child.ExitCode | Should -Be 0 -Because $child.StandardError.ReadToEnd()
            $out.Result
        }
        & $run '2026-10-25T00:56:00Z' "Update-NetUsageHistory -Path '$path'"
        Send-LoopbackBytes -Count 1MB
        & $run '2026-10-25T00:58:00Z' "Update-NetUsageHistory -Path '$path'"
        Send-LoopbackBytes -Count 3MB
        & $run '2026-10-25T01:02:00Z' "Update-NetUsageHistory -Path '$path'"

        $child = Start-PwshProcess -Script "Get-NetUsageHistory -Path '$path' -InterfaceName '$lo' -By Hour | ForEach-Object { '{0:yyyy-MM-dd HH:mm}={1}' -f `$_.PeriodStart, `$_.BytesReceived }" -Environment @{ TZ = 'Europe/Berlin' }
        $hours = $child.StandardOutput.ReadToEndAsync()
        $child.WaitForExit(60000) | Should -BeTrue
        $rows = @($hours.Result -split "`n" | Where-Object { $_ -like '2026-10-25 02:00=*' })
        $rows | Should -HaveCount 2 -Because "02:00 CEST and 02:00 CET are two hours ($($hours.Result))"
        [uint64]($rows[0] -split '=')[1] | Should -BeGreaterOrEqual 1MB
        [uint64]($rows[0] -split '=')[1] | Should -BeLessThan 3MB
        [uint64]($rows[1] -split '=')[1] | Should -BeGreaterOrEqual 3MB
    }
}
