# Show-NetUsage in a real terminal: PowerShell with the built module runs in a private tmux server,
# keys go in with send-keys and the screen comes back with capture-pane. Traffic whose numbers are
# checked runs on the loopback of a network namespace of the test's own, where nothing else talks.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'terminal.ps1')
    $script:NoNamespace = Get-LoopbackNamespaceSkipReason
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'alerts.ps1')
    . (Join-Path $PSScriptRoot 'terminal.ps1')
    $script:terminal = Start-TerminalServer

    function Find-Row {
        # The rows that start with $Start, always as an array.
        param([string[]] $Lines, [string] $Start)
        , @($Lines | Where-Object { $_.StartsWith($Start, [StringComparison]::Ordinal) })
    }

    function Get-Row {
        # The first row that starts with $Start, or $null.
        param([string[]] $Lines, [string] $Start)
        $Lines | Where-Object { $_.StartsWith($Start, [StringComparison]::Ordinal) } | Select-Object -First 1
    }

    function Test-ViewShown {
        param([string[]] $Lines)
        (Find-Row $Lines 'Download').Count -eq 1 -and (Find-Row $Lines 'q quit').Count -eq 1
    }

    function Test-ShellBack {
        # The prompt is back on the screen the shell had before the view, and nothing of the view is left.
        param([string[]] $Lines)
        ($Lines -match '^PS-READY>').Count -gt 0 -and ($Lines -match '^BEFORE-VIEW').Count -gt 0 -and
            (Find-Row $Lines 'Download').Count -eq 0 -and (Find-Row $Lines 'Interfaces').Count -eq 0
    }

    function Get-GraphRows {
        param([string[]] $Lines)
        $down = [array]::FindIndex([string[]]$Lines, [Predicate[string]] { param($l) $l.StartsWith('Download') })
        $up = [array]::FindIndex([string[]]$Lines, [Predicate[string]] { param($l) $l.StartsWith('Upload') })
        $up - $down - 1
    }
}

AfterAll {
    Stop-TerminalServer $terminal
}

Describe 'Show-NetUsage' {
    Context 'without an interactive terminal' {
        It 'stops at once with InteractiveTerminalRequired when the console is redirected' {
            # The test process itself has no terminal: its output is a pipe.
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $failure = $null
            try { Show-NetUsage -InterfaceName (Get-LoopbackName) } catch { $failure = $_ }
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
            $failure.FullyQualifiedErrorId | Should -Be 'InteractiveTerminalRequired,NetUsageTracker.Commands.ShowNetUsageCommand'
            $failure.CategoryInfo.Category | Should -Be 'InvalidOperation'
            "$failure" | Should -BeLike 'Show-NetUsage needs an interactive terminal, and the output is redirected. For logs, scripts and pipelines use Watch-NetUsage*'
        }

        It 'rejects -BillingDay with -Period Session before anything else' {
            $failure = $null
            try { Show-NetUsage -Period Session -BillingDay 7 } catch { $failure = $_ }
            $failure.FullyQualifiedErrorId | Should -Be 'BillingDayWithoutPeriod,NetUsageTracker.Commands.ShowNetUsageCommand'
            $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'rejects a limit that is not a size as -Limit always has' {
            { Show-NetUsage -Limit 'lots' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,NetUsageTracker.Commands.ShowNetUsageCommand'
        }
    }

    Context 'in an 80x24 terminal' {
        BeforeAll {
            $script:lo = Get-LoopbackName
            $script:history = New-RecordedHistory -Bytes 4MB
            $script:recorded = (Get-NetUsageHistory -Path $history -InterfaceName $lo -By Month).TotalBytes
            $script:listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $listener.Start()
            $endpoint = "127.0.0.1:$($listener.LocalEndpoint.Port)"
            $script:session = Start-TerminalSession $terminal -Width 80 -Height 24
            $null = Wait-TerminalScreen $terminal $session { param($l) ($l -match '^PS-READY>').Count -gt 0 } -Because 'the prompt'
            Send-TerminalKey $terminal $session -Literal "Show-NetUsage -InterfaceName $lo -Limit 1GB -Period Month -Path '$history' -TestInternet -ProbeEndpoint $endpoint"
            Send-TerminalKey $terminal $session Enter
        }

        AfterAll {
            $listener.Stop()
        }

        It 'shows every section' {
            $screen = Wait-TerminalScreen $terminal $session {
                param($l) (Test-ViewShown $l) -and ($l -match 'internet reachable').Count -gt 0 -and ($l -match 'this month').Count -gt 0
            } -Because 'the view with the probe answered'

            $screen.Count | Should -Be 24
            $screen | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
            $screen[0] | Should -Match "^ Show-NetUsage  $lo  every 1 s  for \d\d:\d\d:\d\d +\d\d:\d\d:\d\d$"
            (Find-Row $screen 'Connection').Count | Should -Be 1
            (Find-Row $screen 'Upload').Count | Should -Be 1
            Get-GraphRows $screen | Should -BeGreaterOrEqual 3
            (Find-Row $screen '> lo').Count | Should -Be 1
            (Find-Row $screen 'Interfaces').Count | Should -Be 1
            (Get-Row $screen 'Limit') | Should -Match '\] 0\.\d %  .* of 1 GB total$'
            $usage = (Get-Row $screen 'Usage')
            $usage -match 'since the view began  down .*  up .*  this month (\d+(\.\d+)? [KMG]?B)$' | Should -BeTrue -Because $usage
            ConvertFrom-SizeText $Matches[1] | Should -BeGreaterOrEqual ($recorded * 0.99)
            $screen[23] | Should -BeLike 'q quit  space pause  u bits/s  r reset  l limit  ←→ interface  a apps*'
        }

        It 'asks before leaving and stays on n' {
            Send-TerminalKey $terminal $session q
            $null = Wait-TerminalScreen $terminal $session { param($l) (Find-Row $l ' Exit? (y/n)').Count -eq 1 } -Because 'the exit question'
            Send-TerminalKey $terminal $session n
            $screen = Wait-TerminalScreen $terminal $session { param($l) ($l -match 'Exit\?').Count -eq 0 } -Because 'the question to go'
            Test-ViewShown $screen | Should -BeTrue
        }

        It 'switches to bits per second, pauses the graph and restarts the session counters' {
            Send-TerminalKey $terminal $session u
            $null = Wait-TerminalScreen $terminal $session { param($l) (Get-Row $l 'Download') -match '^Download\s+\S+ [kMG]?bit/s  peak' } -Because 'rates in bits'
            Send-TerminalKey $terminal $session u
            $null = Wait-TerminalScreen $terminal $session { param($l) (Get-Row $l 'Download') -match '^Download\s+\S+ [KMG]?B/s  peak' } -Because 'rates in bytes'
            Send-TerminalKey $terminal $session Space
            $null = Wait-TerminalScreen $terminal $session { param($l) $l[0] -match 'graph paused' -and $l[23] -match 'space resume' } -Because 'the pause'
            Send-TerminalKey $terminal $session Space
            $null = Wait-TerminalScreen $terminal $session { param($l) $l[0] -notmatch 'graph paused' } -Because 'the graph to go on'
            $null = Wait-TerminalScreen $terminal $session { param($l) $l[0] -match ' for 00:00:0[3-9]' } -Because 'a few seconds of session'
            Send-TerminalKey $terminal $session r
            $null = Wait-TerminalScreen $terminal $session { param($l) $l[0] -match ' for 00:00:0[0-1] ' } -Because 'the session to restart'
        }

        It 'keeps the old limit and says why when the typed one is not a size' {
            Send-TerminalKey $terminal $session l
            $null = Wait-TerminalScreen $terminal $session { param($l) ($l -match '^ New limit').Count -eq 1 } -Because 'the limit prompt'
            Send-TerminalKey $terminal $session -Literal 'abc'
            Send-TerminalKey $terminal $session Enter
            $screen = Wait-TerminalScreen $terminal $session { param($l) ($l -match "^Limit not changed: 'abc' is not a size").Count -eq 1 } -Because 'the error'
            (Get-Row $screen 'Limit ') | Should -Match 'of 1 GB total$'
        }

        It 'takes a typed limit that is a size' {
            Send-TerminalKey $terminal $session l
            $null = Wait-TerminalScreen $terminal $session { param($l) ($l -match '^ New limit').Count -eq 1 } -Because 'the limit prompt'
            Send-TerminalKey $terminal $session -Literal '1MB'
            Send-TerminalKey $terminal $session Enter
            $null = Wait-TerminalScreen $terminal $session { param($l) ((Find-Row $l 'Limit ') -match 'of 1 MB total$').Count -eq 1 } -Because 'the new limit'
        }

        It 'redraws at the new size when the terminal is resized' {
            $before = Get-GraphRows (Get-TerminalScreen $terminal $session)
            Resize-Terminal $terminal $session -Width 120 -Height 40
            $screen = Wait-TerminalScreen $terminal $session {
                param($l) $l.Count -eq 40 -and $l[39].StartsWith('q quit') -and $l[0].Length -ge 118
            } -Because 'the view at 120x40'
            Get-GraphRows $screen | Should -BeGreaterThan $before
            (Find-Row $screen 'Interfaces').Count | Should -Be 1
        }

        It 'leaves on q then y and gives the shell its screen back' {
            Send-TerminalKey $terminal $session q
            $null = Wait-TerminalScreen $terminal $session { param($l) (Find-Row $l ' Exit? (y/n)').Count -eq 1 } -Because 'the exit question'
            Send-TerminalKey $terminal $session y
            $null = Wait-TerminalScreen $terminal $session { param($l) Test-ShellBack $l } -Because 'the shell'
        }

        It 'stops with InteractiveTerminalRequired when <Name>' -ForEach @(
            @{ Name = 'its output is redirected'; Switches = ''; Redirect = ' | Out-Null'; Reason = 'the output is redirected' }
            @{ Name = 'PowerShell runs with -NonInteractive'; Switches = '-NonInteractive '; Redirect = ''; Reason = 'PowerShell was started with -NonInteractive' }
        ) {
            # A child PowerShell in the same terminal: only the one thing named differs from a usable view.
            $result = Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).txt"
            $probe = Join-Path $TestDrive 'probe.ps1'
            Set-Content -Path $probe -Value @'
param($Module, $Result)
Import-Module $Module
try { Show-NetUsage } catch { $answer = '{0}|{1}|{2}' -f $_.FullyQualifiedErrorId, $_.CategoryInfo.Category, $_.Exception.Message }
Set-Content -Path $Result -Value $answer
'@
            $pwsh = (@(Get-PwshCommand) | ForEach-Object { "'$_'" }) -join ' '
            # The marker prints once the child has exited and the shell reads keys again.
            $done = "DONE-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
            Send-TerminalKey $terminal $session -Literal "& $pwsh -NoProfile $($Switches)-File '$probe' '$script:ModuleManifest' '$result'$Redirect; '$done'"
            Send-TerminalKey $terminal $session Enter
            $null = Wait-TerminalScreen $terminal $session { param($l) ($l -match "^$done$").Count -eq 1 } -TimeoutSeconds 60 -Because 'the child PowerShell to answer'
            $id, $category, $message = (Get-Content $result -Raw).Trim() -split '\|', 3
            $id | Should -Be 'InteractiveTerminalRequired,NetUsageTracker.Commands.ShowNetUsageCommand'
            $category | Should -Be 'InvalidOperation'
            $message | Should -BeLike "Show-NetUsage needs an interactive terminal, and $Reason. *Watch-NetUsage*"
        }
    }

    Context 'leaving at once' {
        It 'leaves on Ctrl+C within one interval, writes no colour under NO_COLOR, and restores the screen after a stop signal too' {
            $session = Start-TerminalSession $terminal -Environment @{ NO_COLOR = '1' }
            $null = Wait-TerminalScreen $terminal $session { param($l) ($l -match '^PS-READY>').Count -gt 0 } -Because 'the prompt'
            Send-TerminalKey $terminal $session -Literal "Show-NetUsage -InterfaceName $(Get-LoopbackName) -Limit 1GB -Interval 5"
            Send-TerminalKey $terminal $session Enter
            $screen = Wait-TerminalScreen $terminal $session { param($l) Test-ViewShown $l } -Escapes -Because 'the view'
            # NO_COLOR: not one colour or style sequence (tmux itself may write a plain reset).
            ($screen -join "`n") | Should -Not -Match "`e\[[0-9;]*[1-9][0-9;]*m"

            $clock = [Diagnostics.Stopwatch]::StartNew()
            Send-TerminalKey $terminal $session C-c
            $null = Wait-TerminalScreen $terminal $session { param($l) Test-ShellBack $l } -Because 'the shell after Ctrl+C'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 5

            # A stop from outside (SIGINT from kill) unwinds the view by PipelineStoppedException: the screen comes back too.
            Send-TerminalKey $terminal $session -Literal 'Clear-Host; Write-Host BEFORE-VIEW; Show-NetUsage -InterfaceName lo -Interval 5'
            Send-TerminalKey $terminal $session Enter
            $null = Wait-TerminalScreen $terminal $session { param($l) Test-ViewShown $l } -Because 'the view again'
            & kill -s INT (Get-PanePid $terminal $session)
            $null = Wait-TerminalScreen $terminal $session { param($l) Test-ShellBack $l } -Because 'the shell after SIGINT'
            Send-TerminalKey $terminal $session -Literal '[Console]::TreatControlCAsInput'
            Send-TerminalKey $terminal $session Enter
            $null = Wait-TerminalScreen $terminal $session { param($l) ($l -match '^False$').Count -eq 1 } -Because 'Ctrl+C to be a signal again'
        }
    }

    Context 'with traffic past the limit' -Skip:([bool]$NoNamespace) {
        BeforeAll {
            $script:namespace = New-LoopbackNamespace
            $script:bus = Start-PrivateBus
            $script:server = Start-NotificationServer -Bus $bus
        }

        AfterAll {
            Stop-NotificationServer $server
            Stop-PrivateBus $bus
            Remove-LoopbackNamespace $namespace
        }

        It 'shows the rates and usage of the traffic sent, the gauge past 100 %, one banner, and raises one warning, event and notification' {
            $setup = '$global:NutEvents = 0; $null = Register-EngineEvent -SourceIdentifier NetUsageTracker.LimitExceeded -Action { $global:NutEvents++ }'
            $session = Start-TerminalSession $terminal -Prefix @('ip', 'netns', 'exec', $namespace) -Setup $setup -Environment @{ DBUS_SESSION_BUS_ADDRESS = $bus.Address }
            $null = Wait-TerminalScreen $terminal $session { param($l) ($l -match '^PS-READY>').Count -gt 0 } -Because 'the prompt'
            Send-TerminalKey $terminal $session -Literal 'Show-NetUsage -InterfaceName lo, quiet0 -Limit 8MB -Threshold 100 -Notify -WarningVariable w; "RESULT warnings=$($w.Count) events=$global:NutEvents"'
            Send-TerminalKey $terminal $session Enter
            $null = Wait-TerminalScreen $terminal $session { param($l) (Find-Row $l '> all').Count -eq 1 } -Because 'the view'

            # The arrows choose what the graphs follow: each interface in turn, then all of them again.
            Send-TerminalKey $terminal $session Right
            $null = Wait-TerminalScreen $terminal $session { param($l) (Find-Row $l '> lo').Count -eq 1 -and (Get-Row $l 'Download') -match ' lo$' } -Because 'lo selected'
            Send-TerminalKey $terminal $session Right
            $null = Wait-TerminalScreen $terminal $session { param($l) (Find-Row $l '> quiet0').Count -eq 1 -and (Get-Row $l 'Upload') -match ' quiet0$' } -Because 'quiet0 selected'
            Send-TerminalKey $terminal $session Left
            Send-TerminalKey $terminal $session Left
            $null = Wait-TerminalScreen $terminal $session { param($l) (Find-Row $l '> all').Count -eq 1 -and (Get-Row $l 'Download') -match ' all interfaces$' } -Because 'all selected'

            # 16 MiB at 4 MiB/s: 256 KiB every sixteenth of a second for four seconds.
            $sender = Start-PacedLoopbackTraffic -Namespace $namespace -Total 16MB -Chunk 256KB -Gap 0.0625
            $rates = [Collections.Generic.List[double]]::new()
            while (-not $sender.HasExited) {
                $row = Get-Row (Get-TerminalScreen $terminal $session) 'Download'
                if ($row -match '^Download\s+(\d+(\.\d+)? [KMG]?B)/s') { $rates.Add((ConvertFrom-SizeText $Matches[1])) }
                Start-Sleep -Milliseconds 100
            }
            $sent = $sender.StandardOutput.ReadToEnd()
            $sender.ExitCode | Should -Be 0 -Because $sender.StandardError.ReadToEnd()
            $sent | Should -Match '^received 16777216 '

            # The usage counts what was sent, plus only the TCP/IP headers of it (well under 1 %).
            $screen = Wait-TerminalScreen $terminal $session {
                param($l) (Get-Row $l 'Usage') -match ' down (\S+ [KMG]?B) ' -and (ConvertFrom-SizeText $Matches[1]) -ge 16MB
            } -Because 'the usage of all the traffic'
            $null = (Get-Row $screen 'Usage') -match ' down (\S+ [KMG]?B)  up (\S+ [KMG]?B)'
            ConvertFrom-SizeText $Matches[1] | Should -BeLessOrEqual (16MB * 1.01)
            ConvertFrom-SizeText $Matches[2] | Should -BeLessOrEqual (16MB * 1.01)

            # Rates over whole seconds of 4 MiB/s traffic: within about one chunk's share of an interval.
            $middle = @($rates | Where-Object { $_ -gt 1MB } | Sort-Object)
            $middle.Count | Should -BeGreaterThan 2
            $median = $middle[[int][math]::Floor($middle.Count / 2)]
            $median | Should -BeGreaterThan (4MB * 0.8)
            $median | Should -BeLessThan (4MB * 1.2)
            $middle[-1] | Should -BeLessThan (4MB * 1.6)

            # The gauge is past 100 % in red; the banner is there once.
            $limit = (Get-Row $screen 'Limit')
            $limit -match '\] (\d+\.\d) %  \S+ MB of 8 MB total$' | Should -BeTrue -Because $limit
            [double]$Matches[1] | Should -BeGreaterThan 400
            (Find-Row $screen '▲ ').Count | Should -Be 1
            (Get-Row $screen '▲ ') | Should -Match '^▲ \d\d:\d\d:\d\d  Network usage limit reached: \d+(\.\d+)? MB total on lo,quiet0 since'
            $coloured = Get-TerminalScreen $terminal $session -Escapes
            ($coloured | Where-Object { $_ -match '^(\e\[[0-9;]*m)*Limit' }) | Should -Match "`e\[[0-9;]*31m"

            Send-TerminalKey $terminal $session q
            $null = Wait-TerminalScreen $terminal $session { param($l) (Find-Row $l ' Exit? (y/n)').Count -eq 1 } -Because 'the exit question'
            Send-TerminalKey $terminal $session y
            $after = Wait-TerminalScreen $terminal $session { param($l) ($l -match '^RESULT ').Count -eq 1 } -Because 'the result line'
            ($after -match '^RESULT ')[0] | Should -Be 'RESULT warnings=1 events=1'
            # The warning the view kept while it held the screen is written when it closes.
            ($after -match '^WARNING: Network usage limit reached').Count | Should -Be 1

            Wait-Until { @(Get-MockNotification $bus).Count -gt 0 } -TimeoutSeconds 10 | Should -BeTrue
            $received = @(Get-MockNotification $bus)
            $received.Count | Should -Be 1
            [Text.Encoding]::UTF8.GetString([Convert]::FromHexString($received[0].Summary)) | Should -Be 'NetUsageTracker: Network usage limit reached'
        }
    }

    Context 'the apps pane' -Skip:([bool]$NoNamespace) {
        BeforeAll {
            $script:namespace = New-LoopbackNamespace
        }

        AfterAll {
            Remove-LoopbackNamespace $namespace
        }

        It 'shows on a, names the process that moves the bytes with its rate and bytes, keeps the remainder last, and hides on a' {
            $session = Start-TerminalSession $terminal -Prefix @('ip', 'netns', 'exec', $namespace)
            $null = Wait-TerminalScreen $terminal $session { param($l) ($l -match '^PS-READY>').Count -gt 0 } -Because 'the prompt'
            Send-TerminalKey $terminal $session -Literal 'Show-NetUsage -InterfaceName lo'
            Send-TerminalKey $terminal $session Enter
            $null = Wait-TerminalScreen $terminal $session { param($l) (Find-Row $l 'Interfaces').Count -eq 1 } -Because 'the view'
            Send-TerminalKey $terminal $session a
            $null = Wait-TerminalScreen $terminal $session {
                param($l) (Find-Row $l 'Apps by rate').Count -eq 1 -and (Find-Row $l '  Unattributed').Count -eq 1 -and $l[23] -match 'a hide apps'
            } -Because 'the apps pane'

            # 8 MiB paced over two seconds between two sockets of one python3 process, which keeps them open a while after:
            # longer than the pane's longest gap between reads (on a busy machine its CPU budget spaces them out).
            $sender = @'
import socket, sys, time
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(1)
client = socket.create_connection(server.getsockname()); peer, _ = server.accept()
got = 0
for i in range(32):
    client.sendall(b"\0" * 262144)
    while got < (i + 1) * 262144:
        got += len(peer.recv(1 << 20))
    time.sleep(0.0625)
print("received", got, flush=True)
time.sleep(12)
'@
            $info = [Diagnostics.ProcessStartInfo]::new('ip')
            foreach ($a in @('netns', 'exec', $namespace, '/usr/bin/python3', '-c', $sender)) { $info.ArgumentList.Add($a) }
            $info.UseShellExecute = $false
            $info.RedirectStandardOutput = $true
            $python = [Diagnostics.Process]::Start($info)
            try {
                $row = '^  python3\s+(\d+)\s+(\S+ [KMG]?B/s)\s+(\S+ [KMG]?B/s)\s+(\S+ [KMG]?B)\s+(\S+ [KMG]?B)\s*$'
                $busy = Wait-TerminalScreen $terminal $session {
                    param($l) (Get-Row $l '  python3') -match $row -and (ConvertFrom-SizeText ($Matches[2] -replace '/s$')) -gt 1MB
                } -Because 'python3 on top while it sends'
                $heading = [array]::FindIndex([string[]]$busy, [Predicate[string]] { param($l) $l.StartsWith('Apps by rate') })
                $busy[$heading + 1] -match $row | Should -BeTrue -Because 'python3 is the first row'
                [int]$Matches[1] | Should -Be $python.Id -Because 'ip netns exec runs python3 in its own process'
                $python.StandardOutput.ReadLine() | Should -Be 'received 8388608'
                $done = Wait-TerminalScreen $terminal $session {
                    param($l) (Get-Row $l '  python3') -match $row -and (ConvertFrom-SizeText $Matches[4]) -ge 8MB
                } -Because 'all of it counted for python3'
                (Get-Row $done '  python3') -match $row | Should -BeTrue
                # Both ends are python3's: it received and sent the 8 MiB, plus the loopback's few headers.
                ConvertFrom-SizeText $Matches[4] | Should -BeLessOrEqual (8MB * 1.01)
                ConvertFrom-SizeText $Matches[5] | Should -BeGreaterOrEqual 8MB
                ConvertFrom-SizeText $Matches[5] | Should -BeLessOrEqual (8MB * 1.01)
                $rows = @($done | Where-Object { $_ -match '^  \S' })
                $rows[-1] | Should -Match '^  Unattributed '
            }
            finally {
                if (-not $python.WaitForExit(20000)) { $python.Kill() }
            }

            Send-TerminalKey $terminal $session a
            $null = Wait-TerminalScreen $terminal $session { param($l) (Find-Row $l 'Interfaces').Count -eq 1 -and $l[23] -match ' a apps' } -Because 'the interfaces back'
            Send-TerminalKey $terminal $session q
            Send-TerminalKey $terminal $session y
            $null = Wait-TerminalScreen $terminal $session { param($l) ($l -match '^PS-READY>').Count -gt 0 -and (Find-Row $l 'Download').Count -eq 0 } -Because 'the shell'
        }
    }
}
