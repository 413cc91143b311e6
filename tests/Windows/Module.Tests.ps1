# The module in PowerShell 7 for Windows: it imports by name, and every exported cmdlet (enumerated, so a
# cmdlet added later is covered too) resolves its parameters, binds each of them and has its compiled help.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
    $cmdlets = @((Get-Module NetUsageTracker).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
    $script:common = [Management.Automation.PSCmdlet]::CommonParameters + [Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'NetUsageTracker in PowerShell 7 for Windows' {
    It 'runs on Windows, from a module folder with spaces and non-ASCII characters' {
        Invoke-WithDeadline {
            $IsWindows | Should -BeTrue
            $PSVersionTable.PSEdition | Should -Be 'Core'
            $base = (Get-Module NetUsageTracker).ModuleBase
            $base | Should -Match ' '
            $base | Should -Match '[^\x00-\x7F]'
        }
    }

    It 'imports by name from $env:PSModulePath in a new runspace' {
        Invoke-WithDeadline {
            $session = [PowerShell]::Create()
            try {
                $module = $session.AddScript('Import-Module NetUsageTracker -PassThru -ErrorAction Stop').Invoke()
                $module.ModuleBase | Should -Be (Get-Module NetUsageTracker).ModuleBase
                @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @((Get-Module NetUsageTracker).ExportedCmdlets.Keys | Sort-Object)
                $session.Streams.Error | Should -BeNullOrEmpty
            }
            finally {
                $session.Dispose()
            }
        }
    }
}

Describe 'Cmdlet <Name> in PowerShell 7 for Windows' -ForEach $cmdlets {
    It 'resolves every parameter: its type and its attributes' {
        Invoke-WithDeadline {
            $command = Get-Command $Name -ErrorAction Stop
            # Not .Parameters.Count: a parameter named Count (Watch-NetUsage) would answer.
            @($command.Parameters.Values).Count | Should -BeGreaterThan 0
            foreach ($parameter in $command.Parameters.Values) {
                $parameter.ParameterType | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) has a type"
                @($parameter.Attributes).Count | Should -BeGreaterThan 0 -Because "-$($parameter.Name) has its attributes"
            }
        }
    }

    It 'binds each of its parameters by name' {
        Invoke-WithDeadline {
            $command = Get-Command $Name
            foreach ($parameter in $command.Parameters.Values | Where-Object { $common -notcontains $_.Name }) {
                $line = if ($parameter.SwitchParameter) { "$Name -$($parameter.Name)" } else { "$Name -$($parameter.Name) `$value" }
                $ast = [Management.Automation.Language.Parser]::ParseInput($line, [ref]$null, [ref]$null).Find({ param($node) $node -is [Management.Automation.Language.CommandAst] }, $true)
                $binding = [Management.Automation.Language.StaticParameterBinder]::BindCommand($ast, $true)
                $binding.BindingExceptions.Keys | Should -BeNullOrEmpty -Because $line
                $binding.BoundParameters.Keys | Should -Contain $parameter.Name
            }
        }
    }

    It 'has its compiled help: synopsis, description, examples and every parameter described' {
        Invoke-WithDeadline {
            $help = Get-Help $Name -Full
            $help.Synopsis | Should -Not -BeLike "$Name *[<-]*" -Because 'a synopsis that repeats the syntax means the MAML was not found'
            ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
            @($help.examples.example).Count | Should -BeGreaterOrEqual 2
            foreach ($parameter in (Get-Command $Name).Parameters.Keys | Where-Object { $common -notcontains $_ }) {
                ((Get-Help $Name -Parameter $parameter).description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$parameter is described"
            }
        }
    }
}
