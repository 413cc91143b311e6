# Reads the help markdown of docs/en-US (the platyPS 2.0.0 schema) into plain objects, strictly: a file
# that breaks the schema stops with "<file>:<line>: <what is wrong>", so the build never ships help that
# platyPS would read differently. HelpCompiler.psm1 renders the objects as MAML; the drift tests compare
# them with the cmdlets' real metadata.

Set-StrictMode -Version Latest

# The sections of a cmdlet page, in the order the schema recommends and this project requires.
$script:CommandSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')

# The keys of a parameter's yaml block; 'Accepted values' is the only optional one.
$script:YamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Accepted values', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters')

# Code fence info strings an example may use. 'pwsh' marks an example as safe to run: the test suite runs
# it against the built module (loopback only, a few seconds at most). 'powershell' is shown, never run.
$script:ExampleFences = @('powershell', 'pwsh', 'output', 'text', '')

function Get-DescriptionPlaceholder {
    # What Update-HelpMarkdown writes for an undocumented parameter; the tests reject any '{{ ... }}'.
    param([string] $ParameterName)
    "{{ Fill in the description of -$ParameterName }}"
}

function Stop-HelpSchema {
    param([string] $File, [int] $Line, [string] $Message)
    $exception = [System.IO.InvalidDataException]::new("${File}:${Line}: $Message")
    $record = [System.Management.Automation.ErrorRecord]::new($exception, 'HelpSchemaViolation',
        [System.Management.Automation.ErrorCategory]::InvalidData, "${File}:${Line}")
    throw $record
}

function Split-MarkdownBlock {
    # Turns the lines after the front matter into headings, code blocks and text lines, each with its
    # line number. Headings inside code fences are code.
    param([string] $File, [string[]] $Lines, [int] $FirstLine)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $i = $FirstLine
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i]
        if ($line -match '^```(.*)$') {
            $info = $Matches[1].Trim()
            if ($info -notmatch '^\w*$') {
                Stop-HelpSchema $File ($i + 1) "The code fence info string '$info' is not a single word; platyPS would read the rest as code."
            }
            $start = $i
            $body = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $Lines.Count -and $Lines[$i] -notmatch '^```\s*$') {
                $body.Add($Lines[$i])
                $i++
            }
            if ($i -ge $Lines.Count) {
                Stop-HelpSchema $File ($start + 1) 'This code fence is never closed.'
            }
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Info = $info.ToLowerInvariant(); Text = ($body -join "`n"); Line = $start + 1 })
        }
        elseif ($line -match '^(#{1,6})\s+(.+?)\s*#*\s*$') {
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Text = $Matches[2]; Line = $i + 1 })
        }
        elseif ($line -match '^\s*$') {
            $blocks.Add([pscustomobject]@{ Kind = 'Blank'; Line = $i + 1 })
        }
        else {
            $blocks.Add([pscustomobject]@{ Kind = 'Text'; Text = $line.TrimEnd(); Line = $i + 1 })
        }
        $i++
    }
    return , $blocks
}

function Read-FrontMatter {
    # The '---' block of key: value lines at the top; returns the keys and the index of the line after it.
    param([string] $File, [string[]] $Lines)
    if ($Lines.Count -eq 0 -or $Lines[0] -ne '---') {
        Stop-HelpSchema $File 1 "Expected the front matter ('---') on the first line."
    }
    $keys = [ordered]@{}
    for ($i = 1; $i -lt $Lines.Count; $i++) {
        if ($Lines[$i] -eq '---') {
            return @{ Keys = $keys; Next = $i + 1 }
        }
        if ($Lines[$i] -notmatch '^([^:]+):\s*(.*)$') {
            Stop-HelpSchema $File ($i + 1) "Expected 'key: value' in the front matter, found '$($Lines[$i])'."
        }
        $keys[$Matches[1].Trim()] = $Matches[2].Trim()
    }
    Stop-HelpSchema $File 1 "The front matter is never closed with '---'."
}

function ConvertTo-Paragraph {
    # Text and code blocks to paragraphs: blank lines separate them, lines of a paragraph join with a
    # space, a list item starts a paragraph of its own, a code block is one paragraph kept as written.
    param($Blocks)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $flush = {
        if ($current.Count -gt 0) {
            $paragraphs.Add(($current -join ' '))
            $current.Clear()
        }
    }
    foreach ($block in $Blocks) {
        switch ($block.Kind) {
            'Blank' { . $flush }
            'Code' { . $flush; $paragraphs.Add($block.Text) }
            'Text' {
                if ($block.Text -match '^\s*([-*]|\d+\.)\s') { . $flush }
                $current.Add($block.Text.Trim())
            }
        }
    }
    . $flush
    return , $paragraphs.ToArray()
}

function Assert-NoHeading {
    param([string] $File, $Blocks, [string] $Section)
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Heading') {
            Stop-HelpSchema $File $block.Line "The $Section section takes no headings; found '$($block.Text)'."
        }
    }
}

function Split-Subsection {
    # The level-3 subsections of a section; anything but blank lines before the first one is an error.
    param([string] $File, $Blocks, [string] $Section, [int] $Line)
    $result = [System.Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Heading') {
            if ($block.Level -ne 3) {
                Stop-HelpSchema $File $block.Line "Expected a level-3 heading (###) in $Section, found level $($block.Level)."
            }
            $current = [pscustomobject]@{ Title = $block.Text; Line = $block.Line; Blocks = [System.Collections.Generic.List[object]]::new() }
            $result.Add($current)
        }
        elseif ($null -eq $current) {
            if ($block.Kind -ne 'Blank') {
                Stop-HelpSchema $File $block.Line "Expected a '###' heading before any content in $Section."
            }
        }
        else {
            $current.Blocks.Add($block)
        }
    }
    return , $result
}

function Read-ParameterYaml {
    param([string] $File, $Block)
    $values = [ordered]@{}
    $keyLines = @{}
    $lineNumber = $Block.Line
    foreach ($line in ($Block.Text -split "`n")) {
        $lineNumber++
        if ($line -match '^\s*$') { continue }
        if ($line -notmatch '^([^:]+):\s*(.*)$') {
            Stop-HelpSchema $File $lineNumber "Expected 'key: value' in the yaml block, found '$line'."
        }
        $key = $Matches[1].Trim()
        $value = $Matches[2].Trim()
        if ($script:YamlKeys -cnotcontains $key) {
            Stop-HelpSchema $File $lineNumber "Unknown yaml key '$key'; the schema knows $($script:YamlKeys -join ', ')."
        }
        if ($values.Contains($key)) {
            Stop-HelpSchema $File $lineNumber "The yaml key '$key' appears twice."
        }
        $check = switch ($key) {
            'Type' { $value -match '^\S+$' }
            'Parameter Sets' { $value -ne '' }
            'Required' { $value -cmatch '^(True|False)$' }
            'Position' { $value -cmatch '^(Named|\d+)$' }
            'Accept pipeline input' { $value -cmatch '^(False|True \((ByValue|ByPropertyName)(, (ByValue|ByPropertyName))?\))$' }
            'Accept wildcard characters' { $value -cmatch '^(True|False)$' }
            default { $true }
        }
        if (-not $check) {
            Stop-HelpSchema $File $lineNumber "'$value' is not a valid value for '$key'."
        }
        $values[$key] = $value
        $keyLines[$key] = $lineNumber
    }
    foreach ($key in $script:YamlKeys) {
        if ($key -ne 'Accepted values' -and -not $values.Contains($key)) {
            Stop-HelpSchema $File $Block.Line "The yaml block lacks '${key}:'."
        }
    }
    $pipeline = @()
    if ($values['Accept pipeline input'] -match '\((.+)\)') { $pipeline = @($Matches[1] -split ',\s*' | Sort-Object) }
    $list = { param($text) if ($text) { @($text -split ',\s*' | Where-Object { $_ }) } else { @() } }
    return [pscustomobject]@{
        Type = $values['Type']
        ParameterSets = @(& $list $values['Parameter Sets'])
        Aliases = @(& $list $values['Aliases'])
        AcceptedValues = @(& $list $values['Accepted values'])
        Required = $values['Required'] -eq 'True'
        Position = $values['Position']
        DefaultValue = $values['Default value']
        PipelineInput = $values['Accept pipeline input']
        PipelineKinds = $pipeline
        Globbing = $values['Accept wildcard characters'] -eq 'True'
        Line = $Block.Line
        KeyLines = $keyLines
    }
}

function Read-Syntax {
    param([string] $File, $Section)
    $sets = foreach ($sub in (Split-Subsection $File $Section.Blocks 'SYNTAX')) {
        $content = @($sub.Blocks | Where-Object Kind -ne 'Blank')
        if ($content.Count -ne 1 -or $content[0].Kind -ne 'Code') {
            Stop-HelpSchema $File $sub.Line "Each SYNTAX subsection holds exactly one code block (the syntax of '$($sub.Title)')."
        }
        $isDefault = $sub.Title -match '\s+\(Default\)$'
        [pscustomobject]@{ Name = ($sub.Title -replace '\s+\(Default\)$', ''); IsDefault = $isDefault; Text = $content[0].Text; Line = $sub.Line }
    }
    if (@($sets).Count -eq 0) {
        Stop-HelpSchema $File $Section.Line 'SYNTAX needs a ### subsection per parameter set.'
    }
    return , @($sets)
}

function Read-Example {
    param([string] $File, $Section)
    $examples = foreach ($sub in (Split-Subsection $File $Section.Blocks 'EXAMPLES')) {
        $code = @($sub.Blocks | Where-Object Kind -eq 'Code')
        if ($code.Count -eq 0) {
            Stop-HelpSchema $File $sub.Line "The example '$($sub.Title)' has no code block."
        }
        foreach ($c in $code) {
            if ($script:ExampleFences -notcontains $c.Info) {
                Stop-HelpSchema $File $c.Line "Example code fences are $($script:ExampleFences -join ', ' ) (or none); found '$($c.Info)'."
            }
        }
        $text = @($sub.Blocks | Where-Object Kind -ne 'Code')
        [pscustomobject]@{
            Title = $sub.Title
            Code = @($code | ForEach-Object Text)
            Safe = [bool]($code | Where-Object Info -eq 'pwsh')
            SafeCode = @($code | Where-Object Info -eq 'pwsh' | ForEach-Object Text)
            Remarks = ConvertTo-Paragraph $text
            Line = $sub.Line
        }
    }
    if (@($examples).Count -eq 0) {
        Stop-HelpSchema $File $Section.Line 'EXAMPLES needs at least one ### example.'
    }
    return , @($examples)
}

function Read-Parameter {
    param([string] $File, $Section)
    $subs = Split-Subsection $File $Section.Blocks 'PARAMETERS'
    $parameters = [System.Collections.Generic.List[object]]::new()
    $common = $false
    foreach ($sub in $subs) {
        if ($common) {
            Stop-HelpSchema $File $sub.Line '### CommonParameters comes last in PARAMETERS.'
        }
        if ($sub.Title -eq 'CommonParameters') {
            $common = $true
            continue
        }
        if ($sub.Title -notmatch '^-(\w+)$') {
            Stop-HelpSchema $File $sub.Line "Expected '### -ParameterName' or '### CommonParameters', found '### $($sub.Title)'."
        }
        $name = $Matches[1]
        if ($parameters | Where-Object Name -eq $name) {
            Stop-HelpSchema $File $sub.Line "The parameter -$name is documented twice."
        }
        $yaml = @($sub.Blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Info -eq 'yaml' })
        if ($yaml.Count -eq 0) {
            Stop-HelpSchema $File $sub.Line "The parameter -$name has no ``````yaml block."
        }
        $firstYaml = $sub.Blocks.IndexOf($yaml[0])
        $after = @($sub.Blocks | Select-Object -Skip $firstYaml | Where-Object { $_.Kind -ne 'Blank' -and -not ($_.Kind -eq 'Code' -and $_.Info -eq 'yaml') })
        if ($after.Count -gt 0) {
            Stop-HelpSchema $File $after[0].Line "The description of -$name goes before its yaml block."
        }
        $description = ConvertTo-Paragraph @($sub.Blocks | Select-Object -First $firstYaml)
        if ($description.Count -eq 0) {
            Stop-HelpSchema $File $sub.Line "The parameter -$name has no description."
        }
        $parameters.Add([pscustomobject]@{
            Name = $name
            Description = $description
            Blocks = @($yaml | ForEach-Object { Read-ParameterYaml $File $_ })
            Line = $sub.Line
        })
    }
    return [pscustomobject]@{ Parameters = $parameters.ToArray(); CommonParameters = $common }
}

function Read-TypeList {
    # INPUTS and OUTPUTS: a ### heading per type, then its description.
    param([string] $File, $Section)
    $types = foreach ($sub in (Split-Subsection $File $Section.Blocks $Section.Name)) {
        [pscustomobject]@{ TypeName = $sub.Title; Description = ConvertTo-Paragraph $sub.Blocks; Line = $sub.Line }
    }
    if (@($types).Count -eq 0) {
        Stop-HelpSchema $File $Section.Line "$($Section.Name) needs a ### heading per type (### None when there is none)."
    }
    return , @($types)
}

function Read-RelatedLink {
    param([string] $File, $Section)
    $links = foreach ($block in $Section.Blocks) {
        if ($block.Kind -eq 'Blank') { continue }
        if ($block.Kind -ne 'Text' -or $block.Text -notmatch '^(?:[-*]\s+)?\[([^\]]+)\]\(([^)\s]*)\)$') {
            Stop-HelpSchema $File $block.Line "RELATED LINKS holds one '[text](uri)' per line."
        }
        [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] }
    }
    return , @($links)
}

function Read-CommandHelpMarkdown {
    <#
    .SYNOPSIS
        Reads one cmdlet page (platyPS 2.0.0 schema) and returns its parts; stops at the first violation.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)] [Alias('FullName')] [string] $Path)
    process {
        $file = (Resolve-Path -LiteralPath $Path).ProviderPath
        $lines = [System.IO.File]::ReadAllLines($file)
        $front = Read-FrontMatter $file $lines
        if ($front.Keys['schema'] -ne '2.0.0') {
            Stop-HelpSchema $file 1 "The front matter needs 'schema: 2.0.0'."
        }
        if (-not $front.Keys['external help file']) {
            Stop-HelpSchema $file 1 "The front matter needs 'external help file: <Assembly>-Help.xml'."
        }
        $blocks = Split-MarkdownBlock $file $lines $front.Next
        $content = @($blocks | Where-Object Kind -ne 'Blank')
        $expectedName = [System.IO.Path]::GetFileNameWithoutExtension($file)
        if ($content.Count -eq 0 -or $content[0].Kind -ne 'Heading' -or $content[0].Level -ne 1) {
            $line = if ($content.Count) { $content[0].Line } else { $front.Next }
            Stop-HelpSchema $file $line "Expected '# $expectedName' after the front matter."
        }
        if ($content[0].Text -ne $expectedName) {
            Stop-HelpSchema $file $content[0].Line "The title '# $($content[0].Text)' does not match the file name ($expectedName)."
        }

        $sections = [System.Collections.Generic.List[object]]::new()
        foreach ($block in ($blocks | Select-Object -Skip ($blocks.IndexOf($content[0]) + 1))) {
            if ($block.Kind -eq 'Heading' -and $block.Level -le 2) {
                if ($block.Level -eq 1) {
                    Stop-HelpSchema $file $block.Line "A cmdlet page has one '#' title; found '# $($block.Text)'."
                }
                $sections.Add([pscustomobject]@{ Name = $block.Text; Line = $block.Line; Blocks = [System.Collections.Generic.List[object]]::new() })
            }
            elseif ($sections.Count -eq 0) {
                if ($block.Kind -ne 'Blank') {
                    Stop-HelpSchema $file $block.Line "Expected '## SYNOPSIS' after the title."
                }
            }
            else {
                $sections[$sections.Count - 1].Blocks.Add($block)
            }
        }
        for ($i = 0; $i -lt $script:CommandSections.Count; $i++) {
            $expected = $script:CommandSections[$i]
            if ($i -ge $sections.Count) {
                Stop-HelpSchema $file $lines.Count "The section '## $expected' is missing."
            }
            if ($sections[$i].Name -cne $expected) {
                Stop-HelpSchema $file $sections[$i].Line "Expected '## $expected', found '## $($sections[$i].Name)' (sections: $($script:CommandSections -join ', '))."
            }
        }
        if ($sections.Count -gt $script:CommandSections.Count) {
            $extra = $sections[$script:CommandSections.Count]
            Stop-HelpSchema $file $extra.Line "Unknown section '## $($extra.Name)' after RELATED LINKS."
        }
        $byName = @{}
        foreach ($s in $sections) { $byName[$s.Name] = $s }

        foreach ($name in 'SYNOPSIS', 'DESCRIPTION', 'NOTES') {
            Assert-NoHeading $file $byName[$name].Blocks $name
        }
        $synopsis = ConvertTo-Paragraph $byName['SYNOPSIS'].Blocks
        if ($synopsis.Count -eq 0) { Stop-HelpSchema $file $byName['SYNOPSIS'].Line 'SYNOPSIS is empty.' }
        $description = ConvertTo-Paragraph $byName['DESCRIPTION'].Blocks
        if ($description.Count -eq 0) { Stop-HelpSchema $file $byName['DESCRIPTION'].Line 'DESCRIPTION is empty.' }
        $parameters = Read-Parameter $file $byName['PARAMETERS']
        $syntax = Read-Syntax $file $byName['SYNTAX']
        $setNames = @($syntax | ForEach-Object Name)
        foreach ($parameter in $parameters.Parameters) {
            foreach ($block in $parameter.Blocks) {
                foreach ($set in $block.ParameterSets) {
                    if ($set -ne '(All)' -and $setNames -notcontains $set) {
                        Stop-HelpSchema $file $block.KeyLines['Parameter Sets'] "-$($parameter.Name) names the parameter set '$set', which SYNTAX does not have."
                    }
                }
            }
        }

        [pscustomobject]@{
            Name = $expectedName
            Path = $file
            FrontMatter = $front.Keys
            Synopsis = $synopsis
            Syntax = $syntax
            Description = $description
            Examples = Read-Example $file $byName['EXAMPLES']
            Parameters = $parameters.Parameters
            CommonParameters = $parameters.CommonParameters
            Inputs = Read-TypeList $file $byName['INPUTS']
            Outputs = Read-TypeList $file $byName['OUTPUTS']
            Notes = ConvertTo-Paragraph $byName['NOTES'].Blocks
            Links = Read-RelatedLink $file $byName['RELATED LINKS']
        }
    }
}

function Read-AboutHelpMarkdown {
    <#
    .SYNOPSIS
        Reads an about topic in platyPS's about template: '# Title', '## about_Name', then '# SHORT
        DESCRIPTION' and '# LONG DESCRIPTION' among the level-1 sections.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)
    $file = (Resolve-Path -LiteralPath $Path).ProviderPath
    $lines = [System.IO.File]::ReadAllLines($file)
    $blocks = Split-MarkdownBlock $file $lines 0
    $content = @($blocks | Where-Object Kind -ne 'Blank')
    $topic = [System.IO.Path]::GetFileName($file) -replace '\.help\.md$', ''
    if ($content.Count -lt 2 -or $content[0].Kind -ne 'Heading' -or $content[0].Level -ne 1) {
        Stop-HelpSchema $file 1 "An about topic starts with '# <title>'."
    }
    if ($content[1].Kind -ne 'Heading' -or $content[1].Level -ne 2 -or $content[1].Text -ne $topic) {
        Stop-HelpSchema $file $content[1].Line "The second heading of an about topic is '## $topic' (its name for Get-Help)."
    }
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if (-not ($content | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 1 -and $_.Text -ceq $required })) {
            Stop-HelpSchema $file $lines.Count "The about topic lacks '# $required'."
        }
    }
    [pscustomobject]@{ Name = $topic; Path = $file; Blocks = $blocks }
}

Export-ModuleMember -Function Read-CommandHelpMarkdown, Read-AboutHelpMarkdown, Split-MarkdownBlock, Get-DescriptionPlaceholder
