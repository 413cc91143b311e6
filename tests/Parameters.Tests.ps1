# One meaning per parameter name across the module: a name two cmdlets share has one type (one value or several), and -Path is the
# history database in every cmdlet that has it (the help says so), so a user's -Path $db works everywhere.
BeforeDiscovery {
    Import-Module $env:NETUSAGETRACKER_MODULE -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $script:Shared = @(Get-Command -Module NetUsageTracker -CommandType Cmdlet | ForEach-Object {
            $command = $_
            $command.Parameters.Values | Where-Object Name -notin $common | ForEach-Object { [pscustomobject]@{ Command = $command.Name; Name = $_.Name; Type = $_.ParameterType } }
        } | Group-Object Name | Where-Object Count -gt 1 | ForEach-Object { @{ Name = $_.Name; Uses = @($_.Group) } })
    $script:PathCommands = @(Get-Command -Module NetUsageTracker -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('Path') } | ForEach-Object Name)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

Describe 'One meaning per parameter name' {
    It '-<Name> has one type in every cmdlet that takes it' -ForEach $Shared {
        # One value or several of it is one meaning: Import-NetUsageHistory takes one interface per record.
        @($Uses.Type | ForEach-Object { if ($_.IsArray) { $_.GetElementType() } else { $_ } } | Sort-Object FullName -Unique).Count | Should -Be 1 -Because (($Uses | ForEach-Object { "$($_.Command) [$($_.Type.Name)]" }) -join ', ')
    }

    It '-Path of <_> is the history database' -ForEach $PathCommands {
        $help = (Get-Help $_ -Parameter Path).Description.Text -join ' '
        $help | Should -Match 'history' -Because "-Path names the history file in every cmdlet; $_ says: $help"
        (Get-Command $_).Parameters['Path'].ParameterType | Should -Be ([string])
    }
}
