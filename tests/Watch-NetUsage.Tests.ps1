BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:lo = Get-LoopbackName
}

Describe 'Watch-NetUsage' {
    It 'writes one NetUsageWatch object per interval, -Count of them, starting from zero' {
        $watch = Watch-NetUsage -InterfaceName $lo -Interval 0.1 -Count 3
        $watch.Count | Should -Be 3
        $watch[0].PSObject.TypeNames[0] | Should -Be 'NetUsageTracker.NetUsageWatch'
        $watch[0].InterfaceName | Should -Be $lo
        $watch[0].Limit | Should -BeNullOrEmpty
        $watch[0].PercentOfLimit | Should -BeNullOrEmpty
        $watch[2].Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.3
        # Usage since the watch began never goes down.
        $watch[1].TotalBytes | Should -BeGreaterOrEqual $watch[0].TotalBytes
        $watch[2].TotalBytes | Should -BeGreaterOrEqual $watch[1].TotalBytes
    }

    It 'stops after -Duration' {
        $watch = Watch-NetUsage -InterfaceName $lo -Interval 0.2 -Duration '00:00:00.5'
        $watch.Count | Should -BeIn 3, 4
        $watch[-1].Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.5
    }

    It 'sees loopback traffic, warns exactly once and runs -Action once when the limit is crossed' {
        $hits = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $job = Start-BackgroundCommand -Variables @{ hits = $hits; lo = $lo } -Script '
            Watch-NetUsage -InterfaceName $lo -Limit 256KB -Direction Received -Interval 0.1 -Action { $hits.Enqueue($_) }'
        try {
            Wait-Until { $job.Output.Count -ge 1 } | Should -BeTrue
            Send-LoopbackBytes -Count 300KB
            Wait-Until { @(Get-Collected $job.Output | Where-Object LimitExceeded).Count -ge 1 } | Should -BeTrue
            Send-LoopbackBytes -Count 300KB
            $seen = $job.Output.Count
            Wait-Until { $job.Output.Count -ge $seen + 3 } | Should -BeTrue
        }
        finally {
            $job.PowerShell.Stop()
        }

        $first = @(Get-Collected $job.Output | Where-Object LimitExceeded)[0]
        $first.BytesReceived | Should -BeGreaterOrEqual 256KB
        $first.Limit | Should -Be 256KB
        $first.PercentOfLimit | Should -BeGreaterOrEqual 100
        $job.Output[$job.Output.Count - 1].BytesReceived | Should -BeGreaterOrEqual 600KB
        $warnings = @($job.PowerShell.Streams.Warning)
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match ([regex]::Escape($lo))
        $warnings[0].Message | Should -Match '256 KB'
        $hits.Count | Should -Be 1
        # -Action receives the alert; the watch step that crossed comes with it.
        $alert = $hits.ToArray()[0]
        $alert.Kind | Should -Be 'Threshold'
        $alert.Threshold | Should -Be 100
        $alert.Direction | Should -Be 'Received'
        $alert.Watch.LimitExceeded | Should -BeTrue
        Stop-BackgroundCommand $job
    }

    It 'counts only the chosen -Direction against the limit' {
        $watch = Watch-NetUsage -InterfaceName $lo -Limit 1GB -Direction Sent -Interval 0.1 -Count 1
        $watch.Direction | Should -Be 'Sent'
        $watch.CountedBytes | Should -Be $watch.BytesSent
    }

    It 'accepts size strings such as <Text>' -ForEach @(
        @{ Text = '1.5GB'; Bytes = 1610612736 }
        @{ Text = '500MB'; Bytes = 524288000 }
        @{ Text = '2048'; Bytes = 2048 }
        @{ Text = '1 KiB'; Bytes = 1024 }
    ) {
        (Watch-NetUsage -InterfaceName $lo -Limit $Text -Interval 0.05 -Count 1 -WarningAction SilentlyContinue).Limit | Should -Be $Bytes
    }

    It 'accepts PowerShell size literals' {
        (Watch-NetUsage -InterfaceName $lo -Limit 5MB -Interval 0.05 -Count 1 -WarningAction SilentlyContinue).Limit | Should -Be 5242880
    }

    It 'rejects <Name> with <ErrorId>' -ForEach @(
        @{ Name = '-Limit 0'; Params = @{ Limit = 0 }; ErrorId = 'ParameterArgumentValidationError'; Pattern = 'greater than zero' }
        @{ Name = '-Limit -5'; Params = @{ Limit = -5 }; ErrorId = 'ParameterArgumentValidationError'; Pattern = 'greater than zero' }
        @{ Name = "-Limit 'lots'"; Params = @{ Limit = 'lots' }; ErrorId = 'ParameterArgumentTransformationError'; Pattern = 'not a size' }
        @{ Name = "-Limit '5XB'"; Params = @{ Limit = '5XB' }; ErrorId = 'ParameterArgumentTransformationError'; Pattern = 'unknown unit' }
        @{ Name = '-Interval 0'; Params = @{ Interval = 0 }; ErrorId = 'ParameterArgumentValidationError'; Pattern = 'greater than zero' }
        @{ Name = '-Interval Infinity'; Params = @{ Interval = [double]::PositiveInfinity }; ErrorId = 'ParameterArgumentValidationError'; Pattern = 'out of range.*2678400' }
        @{ Name = '-Interval 2678401'; Params = @{ Interval = 2678401 }; ErrorId = 'ParameterArgumentValidationError'; Pattern = 'out of range.*31 days' }
        @{ Name = '-Count 0'; Params = @{ Count = 0 }; ErrorId = 'ParameterArgumentValidationError'; Pattern = '' }
        @{ Name = '-Duration 0'; Params = @{ Duration = [timespan]::Zero }; ErrorId = 'ParameterArgumentValidationError'; Pattern = 'greater than zero' }
    ) {
        # Valid values for the rest, so that a parameter that wrongly binds still ends the watch at once.
        $bound = @{ InterfaceName = $lo; Interval = 0.05; Count = 1 }
        foreach ($key in $Params.Keys) { $bound[$key] = $Params[$key] }
        $err = { Watch-NetUsage @bound } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "$ErrorId,NetUsageTracker.Commands.WatchNetUsageCommand"
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match $Pattern
    }

    It 'stops with a terminating InterfaceNotFound when nothing matches' {
        $err = { Watch-NetUsage -InterfaceName 'nosuchif0' -Count 1 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'InterfaceNotFound,NetUsageTracker.Commands.WatchNetUsageCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'keeps an interval longer than one system wait (-Interval 2592000, 30 days): waits without an error' {
        $job = Start-BackgroundCommand -Variables @{ lo = $lo } -Script 'Watch-NetUsage -InterfaceName $lo -Interval 2592000 -Count 1 -Verbose'
        try {
            Wait-Until { @(Get-Collected $job.PowerShell.Streams.Verbose | Where-Object Message -like 'Watching*').Count -eq 1 -or $job.Handle.IsCompleted } | Should -BeTrue
            # The first wait follows 'Watching ...': a wait the system refuses fails at once.
            Wait-Until -TimeoutSeconds 2 -Condition { $job.Handle.IsCompleted } | Should -BeFalse -Because "$($job.PowerShell.InvocationStateInfo.Reason)"
            $job.PowerShell.Streams.Error.Count | Should -Be 0
        }
        finally {
            Stop-BackgroundCommand $job
        }
    }

    It 'stops within one interval of Stop() (Ctrl+C)' {
        $job = Start-BackgroundCommand -Variables @{ lo = $lo } -Script 'Watch-NetUsage -InterfaceName $lo -Interval 30 -Verbose'
        # The watch says 'Watching ...' just before its first wait.
        Wait-Until { @(Get-Collected $job.PowerShell.Streams.Verbose | Where-Object Message -like 'Watching*').Count -eq 1 } | Should -BeTrue
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $job.PowerShell.Stop()
        $clock.Stop()
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $job.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        Stop-BackgroundCommand $job
    }

    It 'makes a usable CSV log' {
        $path = Join-Path $TestDrive 'watch.csv'
        Watch-NetUsage -InterfaceName $lo -Limit 1MB -Interval 0.05 -Count 2 -WarningAction SilentlyContinue | Export-Csv -Path $path -NoTypeInformation
        $rows = Import-Csv -Path $path
        $rows.Count | Should -Be 2
        $rows[0].Limit | Should -Be '1048576'
        $rows[0].PSObject.Properties.Name | Should -Contain 'TotalBytes'
        $rows[0].PSObject.Properties.Name | Should -Contain 'ReceivedBytesPerSecond'
    }
}
