# The objects the views are tested with, shared by Format.Tests.ps1 and Remoting.Tests.ps1: for each type
# the cmdlets return, one object with the widest values a column shows, and the views read from the
# built module's format file.

function Get-ViewSample {
    # One object per type, keyed by type name, with the widest value of each shown property: 1023.99 GB,
    # 1023.99 MB/s, an IPv6 address beside a link-local one, a process id of seven digits.
    $big = [uint64]1099511627775 - 10MB # 1023.99 GB: the widest size a column shows
    $watch = [NetUsageTracker.NetUsageWatch]@{
        Timestamp = [datetime]'2026-11-30 23:59:59'; ComputerName = 'h1'; InterfaceName = 'Ethernet 2'; BytesReceived = $big; BytesSent = $big
        ReceivedBytesPerSecond = 1073731824; SentBytesPerSecond = 1073731824; Elapsed = [timespan]'1.02:03:04.5'; Direction = 'Received'
        CountedBytes = $big; Limit = 1099511627776; PercentOfLimit = 199.99; LimitExceeded = $true; ThresholdsCrossed = [double[]](50, 99.5)
    }
    $task = [NetUsageTracker.NetUsageTask]@{
        Platform = 'Linux'; Mechanism = 'SystemdTimer'; Name = 'netusagetracker-record.timer'; Interval = [timespan]'00:05:00'
        Command = 'pwsh -NoProfile -Command Update-NetUsageHistory'; NextRunTime = [datetime]'2026-12-01 00:05'; Registered = $true
    }
    $task.Artefacts.Add([NetUsageTracker.NetUsageTaskArtefact]::new('SystemdTimer', '/home/a/.config/systemd/user/netusagetracker-record.timer', "[Timer]`nOnUnitActiveSec=5min"))
    [ordered]@{
        'NetUsageTracker.NetUsage' = [NetUsageTracker.NetUsage]@{
            Timestamp = [datetime]'2026-11-30 23:59:59'; ComputerName = 'h1'; InterfaceName = 'Ethernet 2'; InterfaceClass = 'Physical'
            BytesReceived = $big; BytesSent = $big; PacketsReceived = 4000000000; PacketsSent = 4000000000; ReceiveErrors = 99999; SendErrors = 1
            ReceiveDrops = 99999; SendDrops = 1; ReceivedBytesPerSecond = 1073731824; SentBytesPerSecond = 1073731824; SampleSeconds = 1
        }
        'NetUsageTracker.NetUsageWatch' = $watch
        'NetUsageTracker.NetConnectionInfo' = [NetUsageTracker.NetConnectionInfo]@{
            ComputerName = 'h1'; InterfaceName = 'Ethernet 2'; InterfaceType = 'Ethernet'; InterfaceClass = 'Physical'; Status = 'Up'; MacAddress = '00:11:22:33:44:55'
            Mtu = 1500; SpeedBitsPerSecond = 1000000000; IPv4Address = [string[]]'192.168.100.200/24'; IPv6Address = [string[]]('fd00:1234:5678:9abc::2/64', 'fe80::fc:ff:fe00:1/64')
            Gateway = [string[]]('192.168.100.1', 'fe80::1'); DnsServer = [string[]]('192.168.100.1', 'fd00:1234::1'); IsDefaultRoute = $true; InternetReachable = $true; ProbeLatencyMs = 123.4
        }
        'NetUsageTracker.NetUsageTask' = $task
        'NetUsageTracker.History.NetUsageHistory' = [NetUsageTracker.History.NetUsageHistory]@{
            Period = 'FiveMinute'; PeriodStart = [datetime]'2026-11-30 23:55'; PeriodEnd = [datetime]'2026-12-01 00:00'; InterfaceName = 'Ethernet 2'
            BytesReceived = $big; BytesSent = $big
        }
        'NetUsageTracker.History.NetUsageRecord' = [NetUsageTracker.History.NetUsageRecord]@{
            Timestamp = [datetime]'2026-11-30 23:59:59'; InterfaceName = 'Ethernet 2'; InterfaceClass = 'Physical'; BytesReceived = $big; BytesSent = $big; Kind = 'Reboot'
        }
        'NetUsageTracker.History.NetUsageQuota' = [NetUsageTracker.History.NetUsageQuota]@{
            InterfaceName = 'Ethernet 2'; Direction = 'Total'; Period = 'Month'; PeriodStart = [datetime]'2026-11-07'; PeriodEnd = [datetime]'2026-12-07'
            BytesReceived = $big; BytesSent = 0; Used = $big; Limit = 1099511627776; Remaining = 10MB; PercentUsed = 99.99; Exceeded = $false
            Forecast = $big; ProjectedExceedTime = [datetime]'2026-12-06 12:00'; DailyBudget = $big; RecentBytesPerSecond = 12345.6
        }
        'NetUsageTracker.NetUsageAlert' = [NetUsageTracker.NetUsageAlert]@{
            Kind = 'RateLimit'; Threshold = 100; Usage = 1073731824; Limit = 1073731824; Percent = 100.5; Direction = 'Received'; InterfaceName = 'Ethernet 2'
            RateWindow = [timespan]'00:00:30'; Timestamp = [datetime]'2026-11-30 23:59:59'; ComputerName = 'h1'; Title = 'NetUsageTracker: Rate limit exceeded'
            Message = 'Receiving at 1023.99 MB/s'; Watch = $watch
        }
        'NetUsageTracker.History.HistoryRetention' = [NetUsageTracker.History.HistoryRetention]@{ FiveMinuteHours = 48; HourDays = 4; DayDays = 62; MonthMonths = 25; YearYears = 0 }
        'NetUsageTracker.NetProcessUsage' = [NetUsageTracker.NetProcessUsage]@{
            Timestamp = [datetime]'2026-11-30 23:59:59'; ComputerName = 'h1'; Kind = 'Process'; ProcessId = 4194304; ProcessName = 'Google Chrome H'
            UserName = 'someone'; BytesReceived = $big; BytesSent = $big; ReceivedBytesPerSecond = 1073731824; SentBytesPerSecond = 1073731824; ConnectionCount = 99999
        }
        'NetUsageTracker.NetConnectionUsage' = [NetUsageTracker.NetConnectionUsage]@{
            Timestamp = [datetime]'2026-11-30 23:59:59'; ComputerName = 'h1'; Kind = 'Process'; ProcessId = 4194304; ProcessName = 'Google Chrome'
            LocalPort = 65535; RemoteEndPoint = '[2001:db8::1234:5678]:65535'; State = 'Established'; BytesReceived = $big; BytesSent = $big
        }
        'NetUsageTracker.History.NetProcessUsageHistory' = [NetUsageTracker.History.NetProcessUsageHistory]@{
            Period = 'Day'; PeriodStart = [datetime]'2026-11-30'; PeriodEnd = [datetime]'2026-12-01'; Kind = 'OtherProcesses'; ProcessName = 'Other processes'
            InterfaceName = 'Ethernet 2'; BytesReceived = $big; BytesSent = $big; Percent = 100
        }
        'NetUsageTracker.Plans.NetUsagePlan' = [NetUsageTracker.Plans.NetUsagePlan]@{
            Name = 'Hotspot 2 days'; Scope = 'Network'; Network = @('Pixel 7 of someone'); Limit = 1023GB; BillingDay = 28
            Threshold = @(80, 90, 100); Notify = $true
        }
        'NetUsageTracker.NetUsageNotification' = [NetUsageTracker.NetUsageNotification]@{
            Timestamp = [datetime]'2026-11-30 23:59:59'; Title = 'Test'; Message = 'Do notifications reach me?'
            Notifier = 'the freedesktop notification service'
        }
    }
}

function ConvertTo-RemoteResult {
    # $Object as Invoke-Command returns it from $ComputerName: serialized and deserialized by
    # PowerShell's serializer (one level deep, as remoting does), with the note properties remoting adds.
    param([Parameter(Mandatory)] $Object, [string] $ComputerName = 'laptop-kitchen01')
    $result = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($Object))
    $result.PSObject.Properties.Add([psnoteproperty]::new('PSComputerName', $ComputerName))
    $result.PSObject.Properties.Add([psnoteproperty]::new('RunspaceId', [guid]::NewGuid()))
    $result.PSObject.Properties.Add([psnoteproperty]::new('PSShowComputerName', $true))
    $result
}

function Get-ViewObject {
    # The object a test renders $TypeName's views with: its sample, else a new instance of the type (a view
    # of a type added since the samples were written is still checked, with default values), as a remote
    # result for a Deserialized.* name. Null for a type the module does not define.
    param([Parameter(Mandatory)] [string] $TypeName, [Parameter(Mandatory)] [System.Collections.IDictionary] $Samples)
    # A view of a name with a '#' part (NetUsageQuota#Plan) is for objects of the type before it that the
    # cmdlet gave that name: the type's sample, named so.
    $liveName = $TypeName -replace '^Deserialized\.'
    $viewName = $liveName
    $liveName = $liveName -replace '#.*$'
    $object = $Samples[$liveName]
    if ($null -eq $object) {
        $type = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'NetUsageTracker*' } |
            ForEach-Object { $_.GetType($liveName) } | Where-Object { $_ } | Select-Object -First 1
        if ($null -eq $type) { return $null }
        $object = [Activator]::CreateInstance($type)
    }
    if ($viewName -ne $liveName) {
        # A copy of its own, so the sample's other views keep their plain type name.
        $copy = [Activator]::CreateInstance($object.GetType())
        foreach ($property in $object.GetType().GetProperties()) {
            if ($property.CanWrite) { $property.SetValue($copy, $property.GetValue($object)) }
        }
        $object = [psobject]::AsPSObject($copy)
        $object.PSObject.TypeNames.Insert(0, $viewName)
    }
    if ($TypeName -like 'Deserialized.*') { return ConvertTo-RemoteResult $object }
    $object
}

function Get-FormatTableView {
    # Every table view of a format file: its name, the type it is for, its labels and widths, and whether
    # it is the type's default (the first view of the type in the file, which PowerShell shows unasked).
    param([Parameter(Mandatory)] [string] $Path)
    $seen = @{}
    foreach ($view in ([xml](Get-Content -Raw -LiteralPath $Path)).Configuration.ViewDefinitions.View) {
        # A view may be selected by several names (a type and its remote form): one entry for each.
        foreach ($typeName in @($view.ViewSelectedBy.TypeName)) {
            $default = -not $seen.ContainsKey($typeName)
            $seen[$typeName] = $true
            if ($null -eq $view['TableControl']) { continue }
            $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
            @{
                Name = $view.Name; TypeName = $typeName; Default = $default
                Labels = [string[]]@($headers | ForEach-Object Label); Widths = [int[]]@($headers | ForEach-Object Width)
            }
        }
    }
}
