# Tab completion of interface names that Windows gives its adapters. The names come from a fixture
# (Wine's interfaces keep their Linux names): the completion inserted must select exactly that interface,
# although '*', '?', '[' and '`' mean something to -InterfaceName, which takes wildcards.

BeforeDiscovery {
    $fixture = @{ Names = @('Local Area Connection* 2', 'Local Area Connection 2', 'Wi-Fi [2]', 'Wi-Fi 2', 'Ethernet ? 3', 'Ethernet 2 3', 'Back`tick', "Bob's Wi-Fi") }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
}

Describe 'Tab completion of -InterfaceName' -ForEach $fixture {
    BeforeAll {
        # The fixture in /proc/net/dev's layout, read by the module's own parser under the runspace's sampler.
        $file = Join-Path $TestDrive 'net dev.txt'
        Set-Content -LiteralPath $file -Encoding utf8 -Value (@('Inter-|   Receive', ' face |bytes') + ($Names | ForEach-Object { "${_}: 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0" }))
        $flags = [Reflection.BindingFlags]'NonPublic,Static'
        $factory = [NetUsageTracker.Commands.ModuleState].GetProperty('SamplerFactory', $flags)
        $release = [NetUsageTracker.Commands.ModuleState].GetMethod('ReleaseCurrentRunspace', $flags)
        $savedFactory = $factory.GetValue($null)
        $factory.SetValue($null, [Func[NetUsageTracker.Sampling.Sampler]] {
            $classify = [Func[string, NetUsageTracker.Sampling.InterfaceClass]] { 'Physical' }
            [NetUsageTracker.Sampling.Sampler]::new([NetUsageTracker.Sampling.ProcNetDevCounterSource]::new($file, $classify))
        }.GetNewClosure())
        $release.Invoke($null, @())
    }

    AfterAll {
        $factory.SetValue($null, $savedFactory)
        $release.Invoke($null, @())
    }

    It 'inserts a text that selects exactly <_>' -ForEach $Names {
        Invoke-WithDeadline {
            $name = $_
            $line = "Get-NetUsage -InterfaceName $($name.Substring(0, 4))"
            $completion = [Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null)
            $match = @($completion.CompletionMatches | Where-Object ListItemText -eq $name)
            $match.Count | Should -Be 1 -Because "$name is offered"
            $selected = & ([scriptblock]::Create("Get-NetUsage -InterfaceName $($match[0].CompletionText)"))
            @($selected).InterfaceName | Should -Be @($name) -Because "$($match[0].CompletionText) names only $name"
        }
    }

    It 'escapes the wildcard characters of a name inside single quotes' {
        Invoke-WithDeadline {
            $line = 'Get-NetUsage -InterfaceName Local'
            $texts = ([Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null)).CompletionMatches.CompletionText
            $texts | Should -Contain "'Local Area Connection``* 2'"
        }
    }
}
