# The background alert of a stored plan, for real: the resident recorder and scheduled-style runs of
# Update-NetUsageHistory in separate processes, inside a network namespace of the test (so that only the
# test's own loopback traffic counts), reaching a real notification server on a private session bus the
# way a cron or systemd job does: no DBUS_SESSION_BUS_ADDRESS, only the user's runtime folder.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')
    $script:skip = Get-TestNetworkSkipReason -NoPeer
    if (-not $skip -and -not (Get-Command faketime -CommandType Application -ErrorAction SilentlyContinue)) { $script:skip = 'faketime is not installed' }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'alerts.ps1')
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')

    $script:SendScript = @'
import socket, sys
count = int(sys.argv[1])
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
peer, _ = server.accept()
chunk = b'\0' * 65536
left = count
while left > 0:
    n = min(left, len(chunk))
    client.sendall(chunk[:n])
    got = 0
    while got < n:
        got += len(peer.recv(n - got))
    left -= n
'@

    function Enter-PlanNamespace {
        # A network namespace of the test with only its loopback up, and this process without a session bus
        # address, as a cron job has none; Exit-PlanNamespace undoes both.
        $script:savedBus = $env:DBUS_SESSION_BUS_ADDRESS
        $env:DBUS_SESSION_BUS_ADDRESS = $null
        $script:ns = "nutplan$(Get-Random -Maximum 1000000)"
        Invoke-Ip netns add $ns | Out-Null
        Invoke-Ip -n $ns link set lo up | Out-Null
    }

    function Exit-PlanNamespace {
        Stop-TestNamespaceProcess $ns
        & ip netns del $ns 2>$null
        $env:DBUS_SESSION_BUS_ADDRESS = $savedBus
    }

    function Send-NamespaceBytes {
        # $Count bytes over the namespace's own loopback (received once, sent once).
        param([Parameter(Mandatory)] [int] $Count)
        & ip netns exec $ns /usr/bin/python3 -c $SendScript $Count
        if ($LASTEXITCODE -ne 0) { throw 'The traffic inside the namespace failed.' }
    }

    function Start-Recorder {
        # Update-NetUsageHistory in a child PowerShell inside the namespace, with the environment of a cron
        # job that found the user's runtime folder; -Faketime shifts its clock.
        param([string] $Arguments = '', [string] $Faketime)
        $wrapper = @('ip', 'netns', 'exec', $ns)
        if ($Faketime) { $wrapper += @('env', 'FAKETIME_DONT_FAKE_MONOTONIC=1', 'faketime', '-f', $Faketime) }
        $child = Start-PwshProcess -Wrapper $wrapper -Environment @{ XDG_RUNTIME_DIR = $runtime } `
            -Script "Update-NetUsageHistory -Path '$db' $Arguments -Verbose 4>&1 | ForEach-Object { `"`$_`" }"
        $child | Add-Member -NotePropertyName Output -NotePropertyValue $child.StandardOutput.ReadToEndAsync() -PassThru
    }

    function Invoke-ScheduledRun {
        # One scheduled-style run; returns its verbose log.
        param([string] $Faketime)
        $run = Start-Recorder -Faketime $Faketime
        if (-not $run.WaitForExit(60000)) { $run.Kill(); throw 'The scheduled run did not finish.' }
        if ($run.ExitCode -ne 0) { throw "The scheduled run failed: $($run.StandardError.ReadToEnd())" }
        $run.Output.Result
    }

    function Get-RecordedTime {
        [long](Invoke-HistorySql -Path $db -Sql "SELECT recorded FROM interface_state WHERE interface = 'lo';")
    }

    function Wait-ResidentRecording {
        # Waits until the resident recorder has recorded $Count more times.
        param([int] $Count = 1)
        for ($i = 0; $i -lt $Count; $i++) {
            $before = Get-RecordedTime
            if (-not (Wait-Until { (Get-RecordedTime) -ne $before } -TimeoutSeconds 30)) { throw 'The resident recorder stopped recording.' }
        }
    }

    function Get-PlanTitle {
        @(Get-MockNotification $bus | ForEach-Object { [Text.Encoding]::UTF8.GetString([Convert]::FromHexString($_.Summary)) })
    }
}

Describe 'Alerts of a stored plan from the recorder' -Skip:([bool]$skip) {
    BeforeAll {
        Enter-PlanNamespace
        $script:bus = Start-PrivateBus
        # The user's runtime folder as systemd-logind makes it: the session bus listens at ./bus.
        $script:runtime = Join-Path $bus.Directory 'run-user'
        $null = New-Item -ItemType Directory -Path $runtime
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $runtime 'bus') -Target (Join-Path $bus.Directory 'socket')
        $script:server = Start-NotificationServer -Bus $bus -Capabilities 'body'
        $script:db = New-HistoryPath
        # 10 MB received a day over the namespace's loopback, alerting at 50 % and 100 %.
        $null = New-NetUsagePlan -Path $db -Name 'Loop plan' -InterfaceName lo -Limit 10MB -Period Day -Direction Received -Threshold 50, 100
        $script:resident = Start-Recorder -Arguments '-Every 00:00:01'
        $null = Wait-Until { Test-Path $db } -TimeoutSeconds 30
        Wait-ResidentRecording 2
    }

    AfterAll {
        if ($resident -and -not $resident.HasExited) { $resident.Kill() }
        if ($server) { Stop-NotificationServer $server }
        if ($bus) { Stop-PrivateBus $bus }
        Exit-PlanNamespace
    }

    It 'alerts exactly once at 50 % and once at 100 %, across the resident recorder and a scheduled run' {
        Send-NamespaceBytes 6MB
        Wait-Until { (Get-PlanTitle).Count -ge 1 } -TimeoutSeconds 30 | Should -BeTrue
        $log = Invoke-ScheduledRun
        Wait-ResidentRecording 2
        Get-PlanTitle | Should -Be @("NetUsageTracker: plan 'Loop plan' at 50 % of its limit")
        $log | Should -Not -Match 'plan ''Loop plan'''

        Send-NamespaceBytes 5MB
        $log = Invoke-ScheduledRun
        Wait-Until { (Get-PlanTitle).Count -ge 2 } -TimeoutSeconds 30 | Should -BeTrue
        # A third recording by each process repeats nothing.
        Wait-ResidentRecording 3
        $null = Invoke-ScheduledRun
        Get-PlanTitle | Should -Be @("NetUsageTracker: plan 'Loop plan' at 50 % of its limit", "NetUsageTracker: plan 'Loop plan' reached its limit")
        $body = [Text.Encoding]::UTF8.GetString([Convert]::FromHexString((Get-MockNotification $bus)[1].Body))
        $body | Should -Match '^1[01](\.\d+)? MB of 10 MB used since \d{4}-\d\d-\d\d \(1\d\d(\.\d+)? %\), received on lo\.$'
    }

    It 'writes the alert on the verbose log of the process that raised it' {
        # The resident recorder's log, once it ends (SIGTERM: it records once more and exits).
        & kill -TERM $resident.Id
        $resident.WaitForExit(30000) | Should -BeTrue
        $log = $resident.Output.Result + (Invoke-ScheduledRun)
        ($log | Select-String -SimpleMatch "NetUsageTracker: plan 'Loop plan' at 50 % of its limit: ").Count | Should -Be 1
    }

    It 'alerts again in a new period' {
        Clear-MockNotification $bus
        $tomorrow = '+1d'
        $null = Invoke-ScheduledRun -Faketime $tomorrow
        Send-NamespaceBytes 6MB
        $log = Invoke-ScheduledRun -Faketime $tomorrow
        # A day of history gives a forecast now; whether it passes the limit before midnight depends on the hour.
        Get-PlanTitle | Where-Object { $_ -notmatch 'will reach its limit on' } | Should -Be @("NetUsageTracker: plan 'Loop plan' at 50 % of its limit")
        $log | Should -Match 'plan ''Loop plan'' at 50 % of its limit'
    }
}

Describe 'An alert no desktop could show' -Skip:([bool]$skip) {
    BeforeAll {
        Enter-PlanNamespace
        # No bus anywhere: a runtime folder without one.
        $script:runtime = Join-Path $TestDrive 'run-user-without-bus'
        $null = New-Item -ItemType Directory -Path $runtime
        $script:db = New-HistoryPath
        $null = New-NetUsagePlan -Path $db -Name Quiet -InterfaceName lo -Limit 1MB -Period Day -Direction Received -Threshold 50
    }

    AfterAll {
        Exit-PlanNamespace
    }

    It 'is in the log, and the next interactive cmdlet shows it once' {
        $null = Invoke-ScheduledRun
        Send-NamespaceBytes 2MB
        $log = Invoke-ScheduledRun
        $log | Should -Match "NetUsageTracker: plan 'Quiet' reached|NetUsageTracker: plan 'Quiet' at 50 %"
        $log | Should -Match 'was not shown by the freedesktop notification service: there is no D-Bus session bus'

        $null = Get-NetUsagePlan -Path $db -WarningVariable shown -WarningAction SilentlyContinue
        $shown.Count | Should -Be 1
        "$($shown[0])" | Should -Match "NetUsageTracker: plan 'Quiet' at 50 % of its limit: "
        $null = Get-NetUsageQuota -Path $db -WarningVariable again -WarningAction SilentlyContinue
        $again | Should -BeNullOrEmpty
    }
}
