# The resident recorder's per-process rows against real traffic: the recorder (Update-NetUsageHistory
# -Every) runs inside a network namespace of the test, as root or as a user of the test, while python3
# processes move known bytes over the namespace's loopback and over its veth pair; the history's rows per
# process must match the payloads within their headers and add up to each interface's own rows.
# Needs root, iproute2 and python3 (skipped otherwise).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'processusage.ps1')

    $script:SkipReason = Get-ProcessUsageSkipReason

    function Start-ResidentRecorder {
        # Update-NetUsageHistory -Every 2 s inside the namespace (as -User when given); returns the process once
        # its first recording is in, with the verbose lines it printed so far in .Lines.
        param([Parameter(Mandatory)] $Network, [Parameter(Mandatory)] [string] $Database, [Parameter(Mandatory)] [string] $Work, [string] $User)
        $pwsh = @(Get-PwshCommand)
        $wrapper = @('ip', 'netns', 'exec', $Network.Namespace)
        if ($User) {
            $pwsh = Get-PwshCommandForUser
            $wrapper += 'runuser', '-u', $User, '--', 'env', "HOME=$Work"
        }
        $script = "Import-Module '$env:NETUSAGETRACKER_MODULE'; Update-NetUsageHistory -Path '$Database' -Every 00:00:02 -Verbose 4>&1"
        $info = [Diagnostics.ProcessStartInfo]::new($wrapper[0])
        foreach ($a in @($wrapper | Select-Object -Skip 1) + $pwsh + @('-NoProfile', '-NonInteractive', '-Command', $script)) { $info.ArgumentList.Add($a) }
        $info.UseShellExecute = $false
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $process = [Diagnostics.Process]::Start($info)
        $lines = [Collections.Generic.List[string]]::new()
        while ($true) {
            $line = $process.StandardOutput.ReadLineAsync()
            if (-not $line.Wait([TimeSpan]::FromSeconds(60)) -or $null -eq $line.Result) {
                if (-not $process.HasExited) { $process.Kill() }
                throw "The resident recorder did not start: $($lines -join "`n") $($process.StandardError.ReadToEnd())"
            }
            $lines.Add($line.Result)
            if ($line.Result -match 'Recording the top processes too|Recording the interfaces only') { break }
        }
        # Its first recording (the baseline) follows at once.
        $null = Wait-Until -TimeoutSeconds 30 -Condition { Test-Path $Database }
        Start-Sleep -Milliseconds 500
        $process | Add-Member -NotePropertyName Lines -NotePropertyValue $lines -PassThru
    }

    function Stop-ResidentRecorder {
        # SIGTERM: the recorder records once more and ends. Under runuser, PowerShell is runuser's child and
        # gets the signal itself (runuser would kill it two seconds after passing one on).
        param($Process)
        if (-not $Process -or $Process.HasExited) { return }
        $target = $Process.Id
        if ((Get-Content "/proc/$target/comm" -ErrorAction SilentlyContinue) -eq 'runuser') {
            $target = ((Get-Content "/proc/$target/task/$target/children" -Raw).Trim() -split ' ')[0]
        }
        & kill -TERM $target
        if (-not $Process.WaitForExit(30000)) { $Process.Kill(); throw 'The resident recorder did not end on SIGTERM.' }
    }

    function Invoke-RecordedTraffic {
        # Runs the recorder in a fresh namespace while -Traffic moves bytes, then stops it and returns the
        # history's path and the network; -Traffic gets the network, the go file and the wrapper for the user.
        param([Parameter(Mandatory)] [scriptblock] $Traffic, [string] $User)
        $net = New-TestNetwork -NoPeer
        $peers = @()
        $recorder = $null
        $work = Join-Path $TestDrive "work-$(Get-Random)"
        New-Item -ItemType Directory -Path $work | Out-Null
        & chmod 777 $work
        $database = Join-Path $work 'usage.db'
        try {
            Wait-TestNetworkQuiet $net
            $recorder = Start-ResidentRecorder -Network $net -Database $database -Work $work -User $User
            $go = Join-Path $work 'go'
            $peers = @(& $Traffic $net $go)
            # The senders and receivers keep their sockets open: two more recordings read them after the last byte.
            Start-Sleep -Seconds 5
            Stop-ResidentRecorder $recorder
            $errors = $recorder.StandardError.ReadToEnd()
        }
        finally {
            Stop-ResidentRecorder $recorder
            Stop-PeerProcess $peers
            Remove-TestNetwork $net
        }
        [pscustomobject]@{ Database = $database; Network = $net; Lines = $recorder.Lines; Errors = $errors }
    }

    function Get-ProcessDay {
        param([Parameter(Mandatory)] $Result, [Parameter(Mandatory)] [string] $InterfaceName)
        @(Get-NetUsageHistory -Path $Result.Database -By Day -GroupBy Process -InterfaceName $InterfaceName)
    }

    function Assert-AddsUpToInterface {
        # Per day, the process rows (Unattributed last) sum exactly to the interface's own row.
        param([Parameter(Mandatory)] $Result, [Parameter(Mandatory)] [string] $InterfaceName)
        $rows = Get-ProcessDay $Result $InterfaceName
        $usage = @(Get-NetUsageHistory -Path $Result.Database -By Day -InterfaceName $InterfaceName)
        $rows[-1].Kind | Should -Be 'Unattributed'
        ($rows | Measure-Object BytesReceived -Sum).Sum | Should -Be ($usage | Measure-Object BytesReceived -Sum).Sum
        ($rows | Measure-Object BytesSent -Sum).Sum | Should -Be ($usage | Measure-Object BytesSent -Sum).Sum
    }

    function Start-Pair {
        # A receiver and a sender of $Bytes (each through -Wrapper) that keep their sockets open a minute.
        param([string[]] $ReceiverWrapper = @(), [string[]] $SenderWrapper = @(), [string] $Address, [long] $Bytes, [string] $Go)
        $receiver = Start-PeerProcess -Wrapper $ReceiverWrapper -Arguments 'recv', $Address, 60
        $receiver
        Start-PeerProcess -Wrapper $SenderWrapper -Arguments 'send', $Address, ($receiver.Ready -split ' ')[1], $Bytes, $Go, 60
    }
}

Describe 'The resident recorder''s per-process rows, with real traffic' {
    It 'records python3 with the bytes it moved over loopback and over a veth, each within its headers, adding up to each interface' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $r = Invoke-RecordedTraffic -Traffic {
            param($net, $go)
            $inside = 'ip', 'netns', 'exec', $net.Namespace
            # Over the namespace's loopback: both ends inside. Over the veth: a download from this machine's side.
            $lo = @(Start-Pair -ReceiverWrapper $inside -SenderWrapper $inside -Address '127.0.0.1' -Bytes 4MB -Go $go)
            $veth = @(Start-Pair -ReceiverWrapper $inside -Address $net.PeerAddress -Bytes 3MB -Go $go)
            Set-Content -Path $go -Value go
            foreach ($p in $lo + $veth) { $null = Read-PeerLine $p }
            $lo + $veth
        }
        $r.Errors | Should -BeNullOrEmpty
        ($r.Lines -match 'Recording the top processes too, from inet_diag').Count | Should -Be 1

        Assert-AddsUpToInterface $r 'lo'
        $lo = Get-ProcessDay $r 'lo'
        $python = @($lo | Where-Object ProcessName -eq 'python3')
        $python.Count | Should -Be 1
        $python[0].Kind | Should -Be 'Process'
        # Both ends are python3: it received the 4 MiB and sent them, each with the loopback's headers.
        Assert-Payload $python[0].BytesReceived 4MB 'the receiver on lo'
        Assert-Payload $python[0].BytesSent 4MB 'the sender on lo'

        Assert-AddsUpToInterface $r $r.Network.PeerName
        $veth = Get-ProcessDay $r $r.Network.PeerName
        $download = @($veth | Where-Object ProcessName -eq 'python3')
        $download.Count | Should -Be 1
        Assert-Payload $download[0].BytesReceived 3MB 'the download over the veth'
        # The sender is on the other side of the veth, in a namespace the recorder does not see.
        $download[0].BytesSent | Should -BeLessThan 256KB

        # The report's top apps of the month: python3 on top, the rows adding up to lo's month.
        $page = Join-Path $TestDrive 'report.html'
        Export-NetUsageReport -ReportPath $page -Path $r.Database -InterfaceName lo
        $html = Get-Content $page -Raw
        $html | Should -Match '<h3>Top apps this month</h3>'
        $html | Should -Match '<tr data-kind="Process"><th scope="row">python3</th>'
        $shown = [regex]::Matches(($html -split 'Top apps this month', 2)[1], 'data-field="TotalBytes" data-value="(\d+)"') | ForEach-Object { [uint64]$_.Groups[1].Value }
        ($shown | Measure-Object -Sum).Sum | Should -Be (Get-NetUsageHistory -Path $r.Database -By Month -InterfaceName lo | Measure-Object TotalBytes -Sum).Sum
    }

    It 'works for an unprivileged user: its own python3 by name, root''s sockets as other users' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $user = New-TestUser -Prefix nutrp
        try {
            $r = Invoke-RecordedTraffic -User $user -Traffic {
                param($net, $go)
                $inside = 'ip', 'netns', 'exec', $net.Namespace
                $asUser = $inside + @('runuser', '-u', $user, '--')
                $own = @(Start-Pair -ReceiverWrapper $asUser -SenderWrapper $asUser -Address '127.0.0.1' -Bytes 3MB -Go $go)
                $roots = @(Start-Pair -ReceiverWrapper $inside -SenderWrapper $inside -Address '127.0.0.1' -Bytes 2MB -Go $go)
                Set-Content -Path $go -Value go
                foreach ($p in $own + $roots) { $null = Read-PeerLine $p }
                $own + $roots
            }
        }
        finally {
            & userdel $user 2>$null
        }
        $r.Errors | Should -BeNullOrEmpty
        Assert-AddsUpToInterface $r 'lo'
        $lo = Get-ProcessDay $r 'lo'
        $python = @($lo | Where-Object ProcessName -eq 'python3')
        $python.Count | Should -Be 1
        Assert-Payload $python[0].BytesReceived 3MB "the user's receiver"
        $others = @($lo | Where-Object Kind -eq 'OtherUser')
        $others.Count | Should -Be 1
        $others[0].ProcessName | Should -Be 'Other users'
        Assert-Payload $others[0].BytesReceived 2MB "root's receiver"
        Assert-Payload $others[0].BytesSent 2MB "root's sender"
    }
}

Describe 'Get-NetUsageHistory -GroupBy Process' {
    It 'fits 80 columns and sorts by every heading' {
        $rows = @(
            [NetUsageTracker.History.NetProcessUsageHistory]@{ Period = 'Day'; PeriodStart = [datetime]'2026-11-30'; PeriodEnd = [datetime]'2026-12-01'; Kind = 'Process'; ProcessName = 'a-very-long-process-name'; BytesReceived = 1TB; BytesSent = 1TB; Percent = 99.9 }
            [NetUsageTracker.History.NetProcessUsageHistory]@{ Period = 'Day'; PeriodStart = [datetime]'2026-11-30'; PeriodEnd = [datetime]'2026-12-01'; Kind = 'Unattributed'; ProcessName = 'Unattributed'; BytesReceived = 1KB; BytesSent = 0; Percent = 0.1 }
        )
        $lines = @(($rows | Format-Table | Out-String -Width 200) -split "`n" | Where-Object { $_.Trim() })
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $headings = $lines[0] -split '\s+' | Where-Object { $_ }
        $headings | Should -Be @('PeriodStart', 'ProcessName', 'Received', 'Sent', 'Total', 'Percent')
        foreach ($heading in $headings) { $rows[0].PSObject.Properties[$heading] | Should -Not -BeNullOrEmpty -Because "Sort-Object $heading sorts" }
        @($rows | Sort-Object Total -Descending)[0].ProcessName | Should -Be 'a-very-long-process-name'
    }

    It 'declares what it writes' {
        (Get-Command Get-NetUsageHistory).OutputType.Type | Should -Contain ([NetUsageTracker.History.NetProcessUsageHistory])
    }
}
