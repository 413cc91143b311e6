# The module over PowerShell remoting. First what serialization keeps of each result and how the views
# show deserialized results (everywhere: the serializer is PowerShell's own, as Invoke-Command uses it);
# then real hosts: network namespaces with their own names and sshd, reached by Debian's ssh (root only).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'TestNetwork.ps1')
    . (Join-Path $PSScriptRoot 'history.ps1')
    . (Join-Path $PSScriptRoot 'ScheduleSandbox.ps1')
    . (Join-Path $PSScriptRoot 'remoting.ps1')
    . (Join-Path $PSScriptRoot 'views.ps1')

    function Get-TableText {
        # Objects as an 80-column console shows them (79 cells, see Format.Tests.ps1), without blank lines and trailing blanks.
        param([Parameter(Mandatory, ValueFromPipeline)] $InputObject)
        end { @($input | Out-String -Width 79) -split "`r?`n" | ForEach-Object TrimEnd | Where-Object { $_ } }
    }

    function Assert-RemoteTable {
        # The table of remote results: PSComputerName first and once, every column of the view kept,
        # one header line within 80 columns, and a row per object starting with its computer (a wrapped
        # cell's further lines start blank).
        param([Parameter(Mandatory)] [object[]] $Objects, [Parameter(Mandatory)] [string] $TypeName)
        $lines = @($Objects | Get-TableText)
        $labels = @((Get-FormatData -TypeName $TypeName -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition |
                Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1).Control.Headers.Label
        $labels[0] | Should -Be 'PSComputerName' -Because "$TypeName's view shows the computer first"
        $lines[0] | Should -Match ('^' + ($labels -join '\s+') + '$') -Because 'every column of the view fits on one header line'
        $lines[1] | Should -Match '^[- ]+$'
        ([regex]::Matches(($lines -join "`n"), 'PSComputerName')).Count | Should -Be 1
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 79 -Because $line }
        $rows = @($lines | Select-Object -Skip 2 | Where-Object { $_ -notmatch '^\s' })
        $rows.Count | Should -Be $Objects.Count
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $rows[$i] | Should -BeLike "$($Objects[$i].PSComputerName) *"
        }
        , $lines
    }

    $script:SkipReason = Get-RemotingSkipReason
}

Describe 'Remote results: what serialization keeps, and the views' {
    BeforeAll {
        $script:Samples = Get-ViewSample
    }

    It 'has a view of the deserialized form of every type of its own the cmdlets return' {
        # PowerShell's own types (bool, the FileInfo of Export-NetUsageReport) come back with PowerShell's views.
        $returned = Get-Command -Module NetUsageTracker -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.FullName -like 'NetUsageTracker.*' } | ForEach-Object FullName | Sort-Object -Unique
        $returned | Should -Not -BeNullOrEmpty
        foreach ($type in @($returned) + 'NetUsageTracker.NetUsageAlert', 'NetUsageTracker.NetUsageTaskArtefact') {
            Get-FormatData -TypeName "Deserialized.$type" | Should -Not -BeNullOrEmpty -Because "$type comes back from remote sessions and jobs"
        }
        @($returned | Where-Object { $_ -notin $Samples.Keys }) | Should -BeNullOrEmpty -Because 'every returned type has a sample below'
    }

    It 'shows <_> from another computer with PSComputerName first, every column within 80 columns' -ForEach @(
        'NetUsageTracker.NetUsage', 'NetUsageTracker.NetUsageWatch', 'NetUsageTracker.NetConnectionInfo', 'NetUsageTracker.NetUsageTask',
        'NetUsageTracker.History.NetUsageHistory', 'NetUsageTracker.History.NetUsageRecord', 'NetUsageTracker.History.NetUsageQuota',
        'NetUsageTracker.NetUsageAlert', 'NetUsageTracker.History.HistoryRetention', 'NetUsageTracker.NetUsageNotification',
        'NetUsageTracker.NetProcessUsage', 'NetUsageTracker.NetConnectionUsage', 'NetUsageTracker.Plans.NetUsagePlan', 'NetUsageTracker.History.NetProcessUsageHistory'
    ) {
        $remote = ConvertTo-RemoteResult $Samples[$_]
        $remote.PSObject.TypeNames[0] | Should -Be "Deserialized.$_"
        $lines = Assert-RemoteTable -Objects $remote -TypeName "Deserialized.$_"
        $lines[2] | Should -Not -Match '…' -Because 'the widest values fit their columns'
    }

    It 'leaves the live views as they were: no PSComputerName column' {
        $lines = @($Samples['NetUsageTracker.NetUsage'] | Get-TableText)
        $lines[0] | Should -Match '^InterfaceName\s+Received\s+Sent\s+Total\s+Down/s\s+Up/s$'
    }

    It 'lists a deserialized task with PSComputerName first and its artefacts in full' {
        $remote = ConvertTo-RemoteResult $Samples['NetUsageTracker.NetUsageTask']
        $list = @($remote | Format-List | Out-String -Width 120) -split "`r?`n" | Where-Object { $_ }
        $list[0] | Should -Be 'PSComputerName : laptop-kitchen01'
        @($list -match '^PSComputerName').Count | Should -Be 1
        $artefact = @($remote.Artefacts[0] | Format-List | Out-String -Width 120) -split "`r?`n" | Where-Object { $_ }
        $artefact[0] | Should -Be 'Kind    : SystemdTimer'
        $artefact | Should -Contain '          OnUnitActiveSec=5min'
    }

    It 'keeps sizes as exact numbers, times as times and enums as their names' {
        $usage = ConvertTo-RemoteResult $Samples['NetUsageTracker.NetUsage']
        $usage.BytesReceived | Should -BeOfType [uint64]
        $usage.BytesReceived | Should -Be $Samples['NetUsageTracker.NetUsage'].BytesReceived
        $usage.TotalBytes | Should -Be ($usage.BytesReceived + $usage.BytesSent)
        $usage.ReceivedBytesPerSecond | Should -BeOfType [double]
        $usage.Timestamp | Should -Be $Samples['NetUsageTracker.NetUsage'].Timestamp
        # An enum arrives as its name, so filters by name keep working across machines.
        $usage.InterfaceClass | Should -BeExactly 'Physical'
        @($usage, $usage | Where-Object InterfaceClass -eq 'Physical').Count | Should -Be 2

        $watch = ConvertTo-RemoteResult $Samples['NetUsageTracker.NetUsageWatch']
        $watch.Elapsed | Should -BeOfType [timespan]
        $watch.Elapsed | Should -Be ([timespan]'1.02:03:04.5')
        $watch.Limit | Should -BeOfType [long]
        @($watch.ThresholdsCrossed) | Should -Be @(50, 99.5)

        $quota = ConvertTo-RemoteResult $Samples['NetUsageTracker.History.NetUsageQuota']
        $quota.Remaining | Should -BeOfType [uint64]
        $quota.ProjectedExceedTime | Should -BeOfType [datetime]
        $noForecast = [NetUsageTracker.History.NetUsageQuota]@{ Forecast = $null }
        (ConvertTo-RemoteResult $noForecast).Forecast | Should -BeNullOrEmpty

        $info = ConvertTo-RemoteResult $Samples['NetUsageTracker.NetConnectionInfo']
        @($info.IPv4Address) | Should -Be @('192.168.100.200/24')
        $info.Status | Should -BeExactly 'Up'
        $info.SpeedBitsPerSecond | Should -BeOfType [long]
    }

    It 'carries a task''s artefacts and an alert''s watch step as objects, not as their names (the types file)' {
        $task = ConvertTo-RemoteResult $Samples['NetUsageTracker.NetUsageTask']
        $task.Interval | Should -Be ([timespan]'00:05:00')
        $task.Artefacts[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.NetUsageTracker.NetUsageTaskArtefact'
        $task.Artefacts[0].Content | Should -BeExactly "[Timer]`nOnUnitActiveSec=5min"
        @($task.ArtefactPaths) | Should -Be @('/home/a/.config/systemd/user/netusagetracker-record.timer')

        $alert = ConvertTo-RemoteResult $Samples['NetUsageTracker.NetUsageAlert']
        $alert.RateWindow | Should -Be ([timespan]'00:00:30')
        $alert.Watch.PSObject.TypeNames[0] | Should -Be 'Deserialized.NetUsageTracker.NetUsageWatch'
        $alert.Watch.CountedBytes | Should -BeOfType [uint64]
        $alert.Watch.CountedBytes | Should -Be $Samples['NetUsageTracker.NetUsageWatch'].CountedBytes
    }
}

Describe 'Many machines over SSH (real hosts in network namespaces)' {
    BeforeAll {
        if ($SkipReason) { return }
        Initialize-ScheduleSandbox
        # The hosts' crontab and systemctl are the sandbox's: no real crontab is read or written.
        $environment = @{
            PATH = "$SandboxBin`:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
            NUT_SYSTEMCTL_MODE = 'absent'; NUT_SYSTEMCTL_LOG = Join-Path $TestDrive 'systemctl.log'
        }
        $script:Fleet = New-TestFleet -Directory (Join-Path $TestDrive 'fleet') -Name h1, h2, h3 -Environment $environment
        $script:H1, $script:H2, $script:H3 = $Fleet.Hosts
        # A fourth address where no sshd listens: a host that is down.
        $script:Down = New-TestSshHost -Fleet $Fleet -Name down -NoSshd
        $Fleet.Hosts.Add($Down)
        $script:SshOptions = Get-TestSshOptions $Fleet
        $script:Sessions = New-PSSession -SSHConnection (Get-TestSshConnection $Fleet $H1, $H2, $H3)
        $script:S1, $script:S2, $script:S3 = foreach ($name in 'h1', 'h2', 'h3') { $Sessions | Where-Object ComputerName -eq $name }
        $script:Both = $S1, $S2

        # Install the module on h1 and h2 exactly as the about topic says, with this build as the installed module.
        $script:ListedBefore = Invoke-Command -Session $Both { @(Get-Module -ListAvailable NetUsageTracker).Count }
        $install = @(Get-AboutCodeBlock 'Many machines' | Where-Object { $_ -match 'Copy-Item' })[0]
        $savedPath = $env:PSModulePath
        try {
            # A module folder that holds this build and nothing else: out/ also holds the Windows lane's Wine
            # prefix, whose z: drive links back to /, and Get-Module -ListAvailable would walk all of it.
            $installed = Join-Path $TestDrive 'installed-modules'
            New-Item -ItemType Directory -Path $installed -Force | Out-Null
            New-Item -ItemType SymbolicLink -Path (Join-Path $installed 'NetUsageTracker') -Target (Split-Path (Split-Path $ModuleManifest)) -Force | Out-Null
            $env:PSModulePath = $installed + [IO.Path]::PathSeparator + $savedPath
            $s = $Both
            . ([scriptblock]::Create($install))
        }
        finally {
            $env:PSModulePath = $savedPath
        }
    }

    BeforeEach {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason }
    }

    AfterAll {
        if ($Sessions) { $Sessions | Remove-PSSession }
        Remove-TestFleet $Fleet
        if (-not $SkipReason) { Remove-ScheduleSandbox }
    }

    It 'installs the module with the about topic''s Copy-Item -ToSession commands, in each remote user''s own folder' {
        @($ListedBefore) | Should -Be @(0, 0)
        $listed = Invoke-Command -Session $Sessions { Get-Module -ListAvailable NetUsageTracker | Select-Object Version, ModuleBase }
        foreach ($testHost in $H1, $H2) {
            $mine = @($listed | Where-Object PSComputerName -eq $testHost.Name)
            $mine.Count | Should -Be 1
            "$($mine.Version)" | Should -Be "$((Get-Module NetUsageTracker).Version)"
            $mine.ModuleBase | Should -Be "$($testHost.Home)/.local/share/powershell/Modules/NetUsageTracker/$($mine.Version)"
        }
        @($listed | Where-Object PSComputerName -eq 'h3') | Should -BeNullOrEmpty
    }

    It 'returns each host''s own interfaces and PSComputerName from Invoke-Command -HostName, in the remote views' {
        $results = Invoke-Command -HostName $H1.Address, $H2.Address -UserName root -KeyFilePath $Fleet.KeyFile -Options $SshOptions {
            Get-NetUsage -IncludeVirtual
            Get-NetConnectionInfo -IncludeVirtual
        }
        $usage = @($results | Where-Object { $_.PSObject.TypeNames[0] -eq 'Deserialized.NetUsageTracker.NetUsage' } | Sort-Object ComputerName)
        $info = @($results | Where-Object { $_.PSObject.TypeNames[0] -eq 'Deserialized.NetUsageTracker.NetConnectionInfo' } | Sort-Object ComputerName)
        $usage.Count | Should -Be 2
        $info.Count | Should -Be 2
        for ($i = 0; $i -lt 2; $i++) {
            $testHost = $H1, $H2 | Select-Object -Index $i
            $usage[$i].ComputerName | Should -Be $testHost.Name -Because 'each host has its own name'
            $usage[$i].PSComputerName | Should -Be $testHost.Address
            $usage[$i].InterfaceName | Should -Be 'eth0'
            $usage[$i].InterfaceClass | Should -Be 'Virtual'
            $usage[$i].BytesReceived | Should -BeOfType [uint64]
            $info[$i].PSComputerName | Should -Be $testHost.Address
            @($info[$i].IPv4Address) | Should -Be @("$($testHost.Address)/30") -Because "$($testHost.Name) sees its own eth0"
        }
        $lines = Assert-RemoteTable -Objects $usage -TypeName 'Deserialized.NetUsageTracker.NetUsage'
        $lines[2] | Should -Match "^$([regex]::Escape($H1.Address))\s+eth0\s+[\d.]+ [KMG]?B\s"
        $lines = Assert-RemoteTable -Objects $info -TypeName 'Deserialized.NetUsageTracker.NetConnectionInfo'
        $lines[3] | Should -Match "^$([regex]::Escape($H2.Address))\s+eth0\s+Up\s+$([regex]::Escape($H2.Address))/30(\s|$)"
    }

    It 'shows traffic sent to one host in that host''s Get-NetUsage and not in the other''s' {
        $before = Invoke-Command -Session $Both { Get-NetUsage -InterfaceName eth0 }
        Send-TestHostBytes $H1 -Count 4096 -Size 1024
        $after = Invoke-Command -Session $Both { Get-NetUsage -InterfaceName eth0 }
        $delta = @{}
        foreach ($name in 'h1', 'h2') {
            $delta[$name] = ($after | Where-Object PSComputerName -eq $name).BytesReceived - ($before | Where-Object PSComputerName -eq $name).BytesReceived
        }
        # Each datagram is 1024 bytes with 42 of Ethernet, IPv4 and UDP headers; the sessions add a little.
        $delta.h1 | Should -BeGreaterOrEqual (4096 * 1066)
        $delta.h1 | Should -BeLessThan (4096 * 1066 + 512KB)
        $delta.h2 | Should -BeLessThan 512KB -Because 'h2 received only its own session''s bytes'
    }

    It 'gives one error naming the host that is down, and the results of the others' {
        $results = Invoke-Command -HostName $H1.Address, $Down.Address, $H2.Address -UserName root -KeyFilePath $Fleet.KeyFile -Options $SshOptions {
            Get-NetUsage -IncludeVirtual
        } -ErrorAction SilentlyContinue -ErrorVariable failures
        @($results.PSComputerName | Sort-Object) | Should -Be @(@($H1.Address, $H2.Address) | Sort-Object)
        @($failures).Count | Should -Be 1
        $failures[0].TargetObject | Should -Be $Down.Address
        $failures[0].CategoryInfo.Category | Should -Be 'OpenError'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PSSessionStateBroken*'
        ($failures[0] | Out-String) | Should -BeLike "*$($Down.Address)*"
    }

    It 'gives the "not recognized" error for the host without the module only, naming it' {
        $results = Invoke-Command -Session $Sessions { Get-NetUsage -IncludeVirtual } -ErrorAction SilentlyContinue -ErrorVariable failures
        @($results.PSComputerName | Sort-Object) | Should -Be @('h1', 'h2')
        @($failures).Count | Should -Be 1
        $failures[0].OriginInfo.PSComputerName | Should -Be 'h3'
        $failures[0].FullyQualifiedErrorId | Should -Be 'CommandNotFoundException'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -BeLike "The term 'Get-NetUsage' is not recognized as a name of a cmdlet*"

        Invoke-Command -Session $S3 { Import-Module NetUsageTracker } -ErrorAction SilentlyContinue -ErrorVariable notFound
        $notFound[0].FullyQualifiedErrorId | Should -Be 'Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand'
        $notFound[0].OriginInfo.PSComputerName | Should -Be 'h3'
    }

    It 'refuses Show-NetUsage in a remote session with its "needs an interactive terminal" error, naming the host' {
        Invoke-Command -Session $S1 { Show-NetUsage } -ErrorAction SilentlyContinue -ErrorVariable refused | Out-Null
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'InteractiveTerminalRequired,*'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $refused[0].Exception.Message | Should -BeLike '*Watch-NetUsage*'
        $refused[0].OriginInfo.PSComputerName | Should -Be 'h1'
        Invoke-Command -Session $S1 { 'still here' } | Should -Be 'still here'
    }

    Context 'History and quota, each host with its own database' {
        BeforeAll {
            if ($SkipReason) { return }
            $script:First = Invoke-Command -Session $Both { Update-NetUsageHistory -PassThru }
            Send-TestHostBytes $H1 -Count 6144 -Size 1024
            Send-TestHostBytes $H2 -Count 2048 -Size 1024
            $script:Second = Invoke-Command -Session $Both { Update-NetUsageHistory -PassThru }
        }

        It 'records into each host''s own history file, in its HOME' {
            foreach ($testHost in $H1, $H2) {
                Test-Path "$($testHost.Home)/.local/share/NetUsageTracker/usage.db" | Should -BeTrue
            }
            @($First | Where-Object InterfaceName -eq 'eth0').Kind | Should -Be @('First', 'First')
            $records = @($Second | Where-Object InterfaceName -eq 'eth0' | Sort-Object PSComputerName)
            $records.PSComputerName | Should -Be @('h1', 'h2')
            $records[0].BytesReceived | Should -BeGreaterOrEqual (6144 * 1066)
            $records[0].BytesReceived | Should -BeLessThan (6144 * 1066 + 512KB)
            $records[1].BytesReceived | Should -BeGreaterOrEqual (2048 * 1066)
            $records[1].BytesReceived | Should -BeLessThan (2048 * 1066 + 512KB)
            Assert-RemoteTable -Objects $records -TypeName 'Deserialized.NetUsageTracker.History.NetUsageRecord' | Out-Null
        }

        It 'reads each host''s days with Get-NetUsageHistory -By Day' {
            $days = @(Invoke-Command -Session $Both { Get-NetUsageHistory -By Day -InterfaceName eth0 } | Sort-Object PSComputerName, PeriodStart)
            foreach ($name in 'h1', 'h2') {
                $recorded = ($Second | Where-Object { $_.PSComputerName -eq $name -and $_.InterfaceName -eq 'eth0' }).TotalBytes
                ($days | Where-Object PSComputerName -eq $name | Measure-Object TotalBytes -Sum).Sum | Should -Be $recorded
            }
            $lines = Assert-RemoteTable -Objects $days -TypeName 'Deserialized.NetUsageTracker.History.NetUsageHistory'
            $lines[2] | Should -Match '^h1\s+\d{4}-\d\d-\d\d 00:00\s+eth0\s'
        }

        It 'gives the fleet view: quotas of every host sorted by PercentUsed, with -AsJob and -ThrottleLimit' {
            $job = Invoke-Command -Session $Both -ThrottleLimit 1 -AsJob { Get-NetUsageQuota -Limit 50MB -InterfaceName eth0 }
            $quotas = @($job | Receive-Job -Wait -AutoRemoveJob | Sort-Object PercentUsed -Descending)
            $quotas.PSComputerName | Should -Be @('h1', 'h2')
            foreach ($quota in $quotas) {
                $recorded = ($Second | Where-Object { $_.PSComputerName -eq $quota.PSComputerName -and $_.InterfaceName -eq 'eth0' }).TotalBytes
                # The recorded history plus what the counters moved since (this session's own bytes).
                $quota.Used | Should -BeGreaterOrEqual $recorded
                $quota.Used | Should -BeLessThan ($recorded + 512KB)
                $quota.PercentUsed | Should -Be ([Math]::Round($quota.Used * 100 / 50MB, 2))
            }
            ($quotas | Measure-Object Used -Sum).Sum | Should -Be ($quotas[0].Used + $quotas[1].Used)
            Assert-RemoteTable -Objects $quotas -TypeName 'Deserialized.NetUsageTracker.History.NetUsageQuota' | Out-Null
        }

        It 'makes one fleet report of the remote histories and quotas with Export-NetUsageReport' {
            $remote = @(Invoke-Command -Session $Both { Get-NetUsageHistory -By Day -InterfaceName eth0; Get-NetUsageQuota -Limit 50MB -InterfaceName eth0 })
            $file = Join-Path $TestDrive 'fleet-report.html'
            $remote | Export-NetUsageReport -ReportPath $file -ErrorAction Stop | Out-Null
            # Parsed as the XHTML-compatible markup the writer emits; the browser rendering is tested in Export-NetUsageReport.Tests.ps1.
            $html = Get-Content $file -Raw
            foreach ($name in 'h1', 'h2') {
                $html | Should -Match ('<section[^>]*data-computer="' + $name + '"')
            }
            ([regex]::Matches($html, '<table class="fleet"').Count) | Should -Be 1
            $html | Should -Not -Match 'https?://'
        }

        It 'keeps exact bytes through Export-Csv of remote results' {
            $usage = @(Invoke-Command -Session $Both { Get-NetUsage -IncludeVirtual })
            # The largest limit there is: Remaining needs all 64 bits, more than a double holds exactly.
            $quotas = @(Invoke-Command -Session $Both { Get-NetUsageQuota -Limit ([long]::MaxValue) -InterfaceName eth0 })
            $usageCsv = Join-Path $TestDrive 'fleet-usage.csv'
            $quotaCsv = Join-Path $TestDrive 'fleet-quota.csv'
            $usage | Export-Csv $usageCsv -NoTypeInformation
            $quotas | Export-Csv $quotaCsv -NoTypeInformation
            $usageRows = @(Import-Csv $usageCsv)
            $quotaRows = @(Import-Csv $quotaCsv)
            for ($i = 0; $i -lt $usage.Count; $i++) {
                $usageRows[$i].PSComputerName | Should -Be $usage[$i].PSComputerName
                $usageRows[$i].InterfaceClass | Should -Be 'Virtual'
                foreach ($field in 'BytesReceived', 'BytesSent', 'TotalBytes', 'PacketsReceived', 'PacketsSent') {
                    [uint64]$usageRows[$i].$field | Should -Be $usage[$i].$field -Because $field
                }
            }
            for ($i = 0; $i -lt $quotas.Count; $i++) {
                [long]$quotaRows[$i].Limit | Should -Be ([long]::MaxValue)
                [uint64]$quotaRows[$i].Remaining | Should -Be ([uint64]([long]::MaxValue) - $quotas[$i].Used)
                [uint64]$quotaRows[$i].Used | Should -Be $quotas[$i].Used
            }
            ($usageRows | ForEach-Object { [uint64]$_.TotalBytes } | Measure-Object -Sum).Sum | Should -Be ($usage | Measure-Object TotalBytes -Sum).Sum
        }
    }

    Context 'Watch-NetUsage in a remote session' {
        It 'returns -Count steps from each host' {
            $steps = @(Invoke-Command -Session $Both { Watch-NetUsage -InterfaceName eth0 -Count 3 -Interval 0.2 })
            @($steps | Where-Object PSComputerName -eq 'h1').Count | Should -Be 3
            @($steps | Where-Object PSComputerName -eq 'h2').Count | Should -Be 3
            $steps[0].Elapsed | Should -BeOfType [timespan]
            Assert-RemoteTable -Objects $steps -TypeName 'Deserialized.NetUsageTracker.NetUsageWatch' | Out-Null
        }

        It 'streams steps back while it runs, forwards its alerts as objects, and stops with Stop-Job' {
            Invoke-Command -Session $S1 { $null = Register-EngineEvent -SourceIdentifier NetUsageTracker.LimitExceeded -Forward }
            $job = Invoke-Command -Session $S1 -AsJob { Watch-NetUsage -InterfaceName eth0 -Interval 0.5 -Limit 1MB }
            try {
                $child = $job.ChildJobs[0]
                Wait-Until -TimeoutSeconds 60 { $child.Output.Count -ge 1 } | Should -BeTrue -Because 'the first step arrives before the watch ends'
                $job.State | Should -Be 'Running'
                Send-TestHostBytes $H1 -Count 2048 -Size 1024
                Wait-Until -TimeoutSeconds 60 { @(Get-Collected $child.Output | Where-Object LimitExceeded).Count -ge 1 } | Should -BeTrue
                Wait-Until -TimeoutSeconds 30 { @(Get-Event -SourceIdentifier NetUsageTracker.LimitExceeded -ErrorAction SilentlyContinue).Count -ge 1 } | Should -BeTrue
            }
            finally {
                $job | Stop-Job
            }
            Wait-Until -TimeoutSeconds 30 { $job.State -eq 'Stopped' } | Should -BeTrue -Because 'Stop-Job stops the remote watch'
            $steps = @($job | Receive-Job)
            $job | Remove-Job
            $steps[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.NetUsageTracker.NetUsageWatch'
            $steps[0].PSComputerName | Should -Be 'h1'
            @($child.Warning.Message -like 'Network usage limit reached: * total on eth0 since the watch began, limit 1 MB (*).').Count | Should -Be 1

            $forwarded = @(Get-Event -SourceIdentifier NetUsageTracker.LimitExceeded)[0]
            $forwarded.ComputerName | Should -Be 'h1'
            $alert = $forwarded.MessageData
            $alert.PSObject.TypeNames[0] | Should -Be 'Deserialized.NetUsageTracker.NetUsageAlert'
            $alert.ComputerName | Should -Be 'h1'
            $alert.Usage | Should -BeGreaterOrEqual 1MB
            $alert.Watch.LimitExceeded | Should -BeTrue
            $alert.Watch.CountedBytes | Should -BeOfType [uint64]
            $alerts = @($alert)
            $lines = @($alerts | Get-TableText)
            $lines[0] | Should -Match '^PSComputerName\s+Timestamp\s+Kind\s+Usage\s+Limit\s+Used%$'
            $lines[2] | Should -Match '^h1\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+Threshold\s+[\d.]+ MB\s+1 MB\s'
            Get-Event -SourceIdentifier NetUsageTracker.LimitExceeded | Remove-Event
            Invoke-Command -Session $S1 { 'still here' } | Should -Be 'still here'
        }
    }

    Context 'The scheduled recording of a remote user' {
        It 'returns the plan of Register-NetUsageTask -WhatIf with its artefacts as objects, and registers nothing' {
            $plan = Invoke-Command -Session $S1 { Register-NetUsageTask -WhatIf }
            $plan.PSObject.TypeNames[0] | Should -Be 'Deserialized.NetUsageTracker.NetUsageTask'
            $plan.PSComputerName | Should -Be 'h1'
            $plan.Registered | Should -BeFalse
            $plan.Mechanism | Should -Be 'Cron'
            $plan.Interval | Should -Be ([timespan]'00:05:00')
            $plan.Artefacts[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.NetUsageTracker.NetUsageTaskArtefact'
            $plan.Artefacts[0].Kind | Should -Be 'CrontabLine'
            # The remote user's own module, found on h1 in the module folder of its home: imported by name.
            $plan.ModuleImport | Should -Be 'ByName'
            $plan.Artefacts[0].Content | Should -BeLike "*-Command 'Import-Module -Name NetUsageTracker; Update-NetUsageHistory' # netusagetracker-record"
            Get-SandboxCrontab | Should -BeNullOrEmpty
            $list = @($plan | Format-List | Out-String -Width 120) -split "`r?`n" | Where-Object { $_ }
            $list[0] | Should -Be 'PSComputerName : h1'
        }

        It 'registers the remote user''s job, which Get-NetUsageTask and Unregister-NetUsageTask then see' {
            $registered = Invoke-Command -Session $S1 { Register-NetUsageTask -Confirm:$false }
            $registered.Registered | Should -BeTrue
            Get-SandboxCrontab | Should -BeLike "*-Command 'Import-Module -Name NetUsageTracker; Update-NetUsageHistory' # netusagetracker-record*"
            $found = @(Invoke-Command -Session $S1 { Get-NetUsageTask })
            $found.Count | Should -Be 1
            $found[0].Registered | Should -BeTrue
            $found[0].Command | Should -Be $registered.Command
            $lines = Assert-RemoteTable -Objects $found -TypeName 'Deserialized.NetUsageTracker.NetUsageTask'
            $lines[2] | Should -Match '^h1\s+Cron\s+# netusagetracker-record\s+00:05:00\s+True$'
            Invoke-Command -Session $S1 { Unregister-NetUsageTask -Confirm:$false }
            Get-SandboxCrontab | Should -BeNullOrEmpty
        }
    }
}
