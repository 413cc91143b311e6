# The format file as a user meets it: every default table in an 80-column terminal (the size of most
# terminals' first window), every heading a property that Sort-Object and Where-Object take, and a Wide view
# with every column where the default leaves some out. Views are read from the built module's format file,
# so a view added later is checked too.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'views.ps1')
    $formatFile = Join-Path (Split-Path $env:NETUSAGETRACKER_MODULE) 'NetUsageTracker.Format.ps1xml'
    $script:Views = @(Get-FormatTableView -Path $formatFile)
    $script:DefaultViews = @($Views | Where-Object Default)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'views.ps1')
    $script:Samples = Get-ViewSample
    $script:AllViews = @(Get-FormatTableView -Path (Join-Path (Split-Path $ModuleManifest) 'NetUsageTracker.Format.ps1xml'))

    function Get-ConsoleText {
        # What a console of 80 columns shows: PowerShell's console host writes tables one column short of
        # the window (a line of exactly 80 cells would wrap on some terminals), so 79 is what a table gets.
        param([Parameter(Mandatory, ValueFromPipeline)] $InputObject, [string] $View, [int] $Width = 79)
        end {
            $format = if ($View) { $input | Format-Table -View $View } else { $input }
            @($format | Out-String -Width $Width) -split "`r?`n" | ForEach-Object TrimEnd | Where-Object { $_ }
        }
    }
}

Describe 'The default views in an 80-column terminal' {
    It 'shows <TypeName> in 79 cells with every column whole: one header line, nothing dropped or cut' -ForEach $DefaultViews {
        $object = Get-ViewObject -TypeName $TypeName -Samples $Samples
        $object | Should -Not -BeNullOrEmpty -Because "$TypeName is a type of the module"
        ($Widths | Measure-Object -Sum).Sum + $Widths.Count - 1 | Should -BeLessOrEqual 79 -Because "the columns of $Name ($($Labels -join ', ')) must fit"
        $lines = @($object | Get-ConsoleText)
        $lines[0] | Should -Match ('^' + (($Labels | ForEach-Object { [regex]::Escape($_) }) -join '\s+') + '$') -Because 'every heading is on one line, none wrapped or dropped'
        $lines[1] | Should -Match '^[- ]+$'
        foreach ($line in $lines) {
            $line.Length | Should -BeLessOrEqual 79 -Because $line
            $line | Should -Not -Match '…' -Because "the widest values fit their columns: $line"
        }
    }
}

Describe 'Headings a user can sort and filter by' {
    It 'has a property for every heading of <Name> (<TypeName>): <Labels>' -ForEach $Views {
        $object = Get-ViewObject -TypeName $TypeName -Samples $Samples
        foreach ($label in $Labels) {
            $object.PSObject.Properties[$label] | Should -Not -BeNullOrEmpty -Because "Sort-Object $label and Where-Object $label need a property named as the column"
        }
    }
}

Describe 'Wide views: every column, on request' {
    It 'has a Wide view of <_> with every column of its default and more' -ForEach @(
        'NetUsageTracker.NetUsage', 'NetUsageTracker.NetUsageWatch', 'NetUsageTracker.NetConnectionInfo', 'NetUsageTracker.NetUsageTask',
        'NetUsageTracker.History.NetUsageHistory', 'NetUsageTracker.History.NetUsageQuota'
    ) {
        $typeName = $_
        $default = $AllViews | Where-Object { $_.TypeName -eq $typeName -and $_.Default }
        $wide = $AllViews | Where-Object { $_.TypeName -eq $typeName -and $_.Name -eq 'Wide' }
        $wide | Should -Not -BeNullOrEmpty -Because "Format-Table -View Wide shows what the 80-column default of $typeName leaves out"
        foreach ($label in $default.Labels) { $wide.Labels | Should -Contain $label }
        $wide.Labels.Count | Should -BeGreaterThan $default.Labels.Count
        $lines = @(Get-ViewObject -TypeName $typeName -Samples $Samples | Get-ConsoleText -View Wide -Width 200)
        $lines[0] | Should -Match ('^' + (($wide.Labels | ForEach-Object { [regex]::Escape($_) }) -join '\s+') + '$')
        foreach ($line in $lines) { $line | Should -Not -Match '…' -Because $line }
    }
}
