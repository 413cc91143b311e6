# What a cmdlet page must say about a cmdlet, read from the cmdlet itself: its parameter sets (the
# SYNTAX blocks) and each parameter's yaml block. The drift tests compare it with the markdown, and
# build.ps1 -Task Docs writes it into the markdown (Update-HelpMarkdown), keeping the prose.

Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'HelpMarkdown.psm1')

$script:CommonParametersText = 'This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).'

function Get-HelpTypeName {
    # The short type name platyPS writes: String[], SwitchParameter, Nullable[Int32].
    param([type] $Type)
    if ($Type.IsArray) { return (Get-HelpTypeName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $arguments = @($Type.GetGenericArguments() | ForEach-Object { Get-HelpTypeName $_ }) -join ', '
        return ($Type.Name -replace '`\d+$', '') + "[$arguments]"
    }
    return $Type.Name
}

function Get-AcceptedValue {
    param([System.Management.Automation.ParameterMetadata] $Parameter)
    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return @($set.ValidValues) }
    $type = $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    if ($type.IsEnum) { return @([Enum]::GetNames($type)) }
    return @()
}

function Format-PipelineInput {
    param([bool] $ByValue, [bool] $ByPropertyName)
    $kinds = @(if ($ByPropertyName) { 'ByPropertyName' }; if ($ByValue) { 'ByValue' })
    if ($kinds.Count -eq 0) { return 'False' }
    return "True ($($kinds -join ', '))"
}

function Format-Syntax {
    # Get-Command -Syntax for one set, wrapped before a parameter at 100 columns as platyPS wraps it.
    param([string] $Name, [System.Management.Automation.CommandParameterSetInfo] $Set)
    # A parameter and its value type ('-Limit <long>') stay on one line.
    $tokens = [System.Collections.Generic.List[string]]::new()
    foreach ($word in ("$Name $Set" -split ' ')) {
        if ($word -like '<*' -and $tokens.Count) { $tokens[$tokens.Count - 1] += " $word" } else { $tokens.Add($word) }
    }
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ''
    foreach ($token in $tokens) {
        if ($line -and ($line.Length + 1 + $token.Length) -gt 100) {
            $lines.Add($line)
            $line = " $token"
        }
        else {
            $line = if ($line) { "$line $token" } else { $token }
        }
    }
    $lines.Add($line)
    return $lines -join "`n"
}

function Get-CommandHelpMetadata {
    <#
    .SYNOPSIS
        The parameter sets and the yaml block(s) of each parameter of a cmdlet, as its page should
        state them. Common parameters are left out; -WhatIf and -Confirm are documented like others.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command)
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    $setOrder = @($Command.ParameterSets | ForEach-Object Name)
    $syntax = foreach ($set in $Command.ParameterSets) {
        $isDefault = $Command.ParameterSets.Count -gt 1 -and $set.IsDefault
        [pscustomobject]@{ Name = $set.Name; IsDefault = $isDefault; Text = Format-Syntax $Command.Name $set }
    }
    # Declaration order: the order of the first parameter set that has each parameter.
    $names = [System.Collections.Generic.List[string]]::new()
    foreach ($set in $Command.ParameterSets) {
        foreach ($p in $set.Parameters) {
            if ($common -notcontains $p.Name -and -not $names.Contains($p.Name)) { $names.Add($p.Name) }
        }
    }
    $parameters = foreach ($name in $names) {
        $parameter = $Command.Parameters[$name]
        $globbing = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $groups = [ordered]@{}
        foreach ($setName in ($parameter.ParameterSets.Keys | Sort-Object { [array]::IndexOf($setOrder, $_) })) {
            $m = $parameter.ParameterSets[$setName]
            $position = if ($m.Position -eq [int]::MinValue) { 'Named' } else { [string]$m.Position }
            $key = "$($m.IsMandatory)|$position|$($m.ValueFromPipeline)|$($m.ValueFromPipelineByPropertyName)"
            if (-not $groups.Contains($key)) {
                $groups[$key] = [pscustomobject]@{
                    Type = Get-HelpTypeName $parameter.ParameterType
                    ParameterSets = [System.Collections.Generic.List[string]]::new()
                    Aliases = @($parameter.Aliases)
                    AcceptedValues = @(Get-AcceptedValue $parameter)
                    Required = $m.IsMandatory
                    Position = $position
                    PipelineInput = Format-PipelineInput $m.ValueFromPipeline $m.ValueFromPipelineByPropertyName
                    Globbing = $globbing
                }
            }
            $groups[$key].ParameterSets.Add($(if ($setName -eq '__AllParameterSets') { '(All)' } else { $setName }))
        }
        [pscustomobject]@{ Name = $name; IsSwitch = $parameter.SwitchParameter; Blocks = @($groups.Values) }
    }
    [pscustomobject]@{ Name = $Command.Name; Syntax = @($syntax); Parameters = @($parameters) }
}

function Format-ParameterYaml {
    param($Block, [string] $DefaultValue)
    $lines = @(
        '```yaml'
        "Type: $($Block.Type)"
        "Parameter Sets: $($Block.ParameterSets -join ', ')"
        "Aliases: $($Block.Aliases -join ', ')".TrimEnd()
        if ($Block.AcceptedValues.Count) { "Accepted values: $($Block.AcceptedValues -join ', ')" }
        ''
        "Required: $($Block.Required)"
        "Position: $($Block.Position)"
        "Default value: $DefaultValue"
        "Accept pipeline input: $($Block.PipelineInput)"
        "Accept wildcard characters: $($Block.Globbing)"
        '```'
    )
    return $lines
}

function Format-SyntaxSection {
    param($Metadata)
    foreach ($set in $Metadata.Syntax) {
        $title = if ($set.IsDefault) { "$($set.Name) (Default)" } else { $set.Name }
        "### $title"
        ''
        '```'
        $set.Text -split "`n"
        '```'
        ''
    }
}

function Get-SectionRange {
    # The line indexes (0-based, end exclusive) of the '## Name' section's body.
    param($Blocks, [string] $Name, [int] $LineCount)
    $headings = @($Blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -le 2 })
    for ($i = 0; $i -lt $headings.Count; $i++) {
        if ($headings[$i].Level -eq 2 -and $headings[$i].Text -eq $Name) {
            $end = if ($i + 1 -lt $headings.Count) { $headings[$i + 1].Line - 1 } else { $LineCount }
            return @{ Start = $headings[$i].Line; End = $end }
        }
    }
    throw "The page has no '## $Name' section."
}

function Format-ParameterSection {
    # The PARAMETERS section: existing descriptions kept in their order, new parameters appended with
    # a placeholder, parameters the cmdlet no longer has dropped, yaml blocks from the metadata.
    param($Metadata, [string[]] $Lines, $Blocks, $Range)
    $existing = [ordered]@{}
    $headings = @($Blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 3 -and $_.Line -gt $Range.Start -and $_.Line -le $Range.End })
    for ($i = 0; $i -lt $headings.Count; $i++) {
        $end = if ($i + 1 -lt $headings.Count) { $headings[$i + 1].Line - 1 } else { $Range.End }
        $body = if ($headings[$i].Line -lt $end) { @($Lines[$headings[$i].Line..($end - 1)]) } else { @() }
        $yamlAt = [array]::FindIndex([string[]]$body, [Predicate[string]] { param($l) $l -match '^```yaml\s*$' })
        $prose = if ($yamlAt -ge 0) { @($body | Select-Object -First $yamlAt) } else { $body }
        $default = ($body | Where-Object { $_ -match '^Default value:' } | Select-Object -First 1) -replace '^Default value:\s*', ''
        $existing[$headings[$i].Text] = [pscustomobject]@{ Prose = $prose; Default = $default }
    }
    # A cmdlet may have no parameters of its own: under strict mode .Name of an empty array fails.
    $names = @($Metadata.Parameters | ForEach-Object { $_.Name })
    $order = @($existing.Keys | Where-Object { $_ -like '-*' } | ForEach-Object { $_.Substring(1) } | Where-Object { $names -contains $_ }) +
        @($names | Where-Object { -not $existing.Contains("-$_") })
    foreach ($dropped in ($existing.Keys | Where-Object { $_ -like '-*' -and $names -notcontains $_.Substring(1) })) {
        Write-Warning "$($Metadata.Name): -$($dropped.Substring(1)) is no longer a parameter; its section was removed."
    }
    ''
    foreach ($name in $order) {
        $parameter = $Metadata.Parameters | Where-Object Name -eq $name
        $old = $existing["-$name"]
        "### -$name"
        if ($old) {
            $prose = @($old.Prose)
            while ($prose.Count -and $prose[-1] -match '^\s*$') { $prose = @($prose | Select-Object -First ($prose.Count - 1)) }
            $prose
            $default = if ($old.Default) { $old.Default } elseif ($parameter.IsSwitch) { 'False' } else { 'None' }
        }
        else {
            ''
            Get-DescriptionPlaceholder $name
            $default = if ($parameter.IsSwitch) { 'False' } else { 'None' }
        }
        ''
        foreach ($block in $parameter.Blocks) {
            Format-ParameterYaml $block $default
            ''
        }
    }
    '### CommonParameters'
    ''
    $script:CommonParametersText
    ''
}

function Update-HelpMarkdown {
    <#
    .SYNOPSIS
        Rewrites the SYNTAX section and the parameters' yaml blocks of a cmdlet page from the cmdlet.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command
    )
    $metadata = Get-CommandHelpMetadata -Command $Command
    $lines = [System.IO.File]::ReadAllLines($Path)
    $blocks = Split-MarkdownBlock $Path $lines 0
    $syntax = Get-SectionRange $blocks 'SYNTAX' $lines.Count
    $parameters = Get-SectionRange $blocks 'PARAMETERS' $lines.Count
    if ($parameters.Start -lt $syntax.Start) { throw "${Path}: PARAMETERS comes after SYNTAX." }
    $new = @(
        $lines[0..($syntax.Start - 1)]
        ''
        Format-SyntaxSection $metadata
        $lines[$syntax.End..($parameters.Start - 1)]
        Format-ParameterSection $metadata $lines $blocks $parameters
        if ($parameters.End -lt $lines.Count) { $lines[$parameters.End..($lines.Count - 1)] }
    )
    $text = ($new -join "`n") -replace '\n{3,}', "`n`n"
    if ($text -ne ($lines -join "`n") -and $PSCmdlet.ShouldProcess($Path, 'Refresh SYNTAX and parameter metadata')) {
        [System.IO.File]::WriteAllText($Path, $text.TrimEnd() + "`n", [System.Text.UTF8Encoding]::new($false))
    }
}

function New-HelpMarkdown {
    <#
    .SYNOPSIS
        Starts the page of a cmdlet that has none: every section with a placeholder the tests reject,
        then Update-HelpMarkdown fills in the syntax and the parameters.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command,
        [Parameter(Mandatory)] [string] $ExternalHelpFile
    )
    $fill = { param($what) "{{ Fill in $what }}" }
    $outputs = @($Command.OutputType | ForEach-Object { "### $($_.Name)`n`n$(& $fill 'what it is')`n" })
    if (-not $outputs) { $outputs = @("### None`n") }
    $page = @"
---
external help file: $ExternalHelpFile
Module Name: $($Command.ModuleName)
online version:
schema: 2.0.0
---

# $($Command.Name)

## SYNOPSIS

$(& $fill 'the synopsis')

## SYNTAX

## DESCRIPTION

$(& $fill 'the description')

## EXAMPLES

### Example 1: $(& $fill 'a title')

``````powershell
$($Command.Name)
``````

$(& $fill 'what the example shows')

## PARAMETERS

## INPUTS

### None

## OUTPUTS

$($outputs -join "`n")
## NOTES

## RELATED LINKS
"@
    if ($PSCmdlet.ShouldProcess($Path, 'Create help page')) {
        [System.IO.File]::WriteAllText($Path, $page.Replace("`r`n", "`n"), [System.Text.UTF8Encoding]::new($false))
        Update-HelpMarkdown -Path $Path -Command $Command
    }
}

function Update-ModulePageMarkdown {
    <#
    .SYNOPSIS
        Rewrites the cmdlet list of the module page: a linked ### heading per cmdlet page, sorted,
        each followed by the synopsis as its page words it.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string[]] $CommandPage
    )
    $lines = [System.IO.File]::ReadAllLines($Path)
    $blocks = Split-MarkdownBlock $Path $lines 0
    $list = Get-SectionRange $blocks ([System.IO.Path]::GetFileNameWithoutExtension($Path) + ' Cmdlets') $lines.Count
    $entries = foreach ($page in ($CommandPage | Sort-Object { Split-Path $_ -Leaf })) {
        $pageLines = [System.IO.File]::ReadAllLines($page)
        $synopsis = Get-SectionRange (Split-MarkdownBlock $page $pageLines 0) 'SYNOPSIS' $pageLines.Count
        $name = [System.IO.Path]::GetFileNameWithoutExtension($page)
        ''
        "### [$name]($name.md)"
        ''
        @($pageLines[$synopsis.Start..($synopsis.End - 1)] | Where-Object { $_ -match '\S' })
    }
    $new = @(
        $lines[0..($list.Start - 1)]
        $entries
        ''
        if ($list.End -lt $lines.Count) { $lines[$list.End..($lines.Count - 1)] }
    )
    $text = ($new -join "`n").TrimEnd() + "`n"
    if ($text -ne (($lines -join "`n").TrimEnd() + "`n") -and $PSCmdlet.ShouldProcess($Path, 'Refresh the cmdlet list')) {
        [System.IO.File]::WriteAllText($Path, $text, [System.Text.UTF8Encoding]::new($false))
    }
}

Export-ModuleMember -Function Get-CommandHelpMetadata, Update-HelpMarkdown, New-HelpMarkdown, Update-ModulePageMarkdown
