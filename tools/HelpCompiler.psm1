# Compiles docs/en-US into what Get-Help reads: the cmdlet pages into one MAML file with the elements
# platyPS's New-ExternalHelp writes, and each about_*.help.md into an about_*.help.txt laid out as
# platyPS lays it out. Used by build.ps1 when platyPS is not installed.

Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'HelpMarkdown.psm1')

$script:Namespaces = [ordered]@{
    maml = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp = 'http://msdn.microsoft.com/mshelp'
}

function Write-Element {
    # One element with text content; the writer escapes the text.
    param([System.Xml.XmlWriter] $Writer, [string] $Name, [string] $Text)
    $prefix, $local = $Name -split ':'
    $Writer.WriteElementString($prefix, $local, $script:Namespaces[$prefix], $Text)
}

function Start-Element {
    param([System.Xml.XmlWriter] $Writer, [string] $Name, [System.Collections.IDictionary] $Attributes = @{})
    $prefix, $local = $Name -split ':'
    $Writer.WriteStartElement($prefix, $local, $script:Namespaces[$prefix])
    foreach ($key in $Attributes.Keys) {
        $Writer.WriteAttributeString($key, [string]$Attributes[$key])
    }
}

function Write-Paragraph {
    # maml:description (or another container) holding one maml:para per paragraph.
    param([System.Xml.XmlWriter] $Writer, [string] $Name, [string[]] $Paragraphs)
    Start-Element $Writer $Name
    foreach ($para in $Paragraphs) { Write-Element $Writer 'maml:para' $para }
    $Writer.WriteEndElement()
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, $Block, [switch] $InSyntax)
    $isSwitch = $Block.Type -eq 'SwitchParameter'
    $attributes = [ordered]@{
        required = $Block.Required.ToString().ToLowerInvariant()
        variableLength = 'true'
        globbing = $Block.Globbing.ToString().ToLowerInvariant()
        pipelineInput = $Block.PipelineInput
        position = $Block.Position.ToLowerInvariant()
        aliases = $(if ($Block.Aliases.Count) { $Block.Aliases -join ', ' } else { 'none' })
    }
    Start-Element $Writer 'command:parameter' $attributes
    Write-Element $Writer 'maml:name' $Parameter.Name
    Write-Paragraph $Writer 'maml:description' $Parameter.Description
    if ($InSyntax -and $Block.AcceptedValues.Count) {
        Start-Element $Writer 'command:parameterValueGroup'
        foreach ($value in $Block.AcceptedValues) {
            Start-Element $Writer 'command:parameterValue' ([ordered]@{ required = 'false'; variableLength = 'false' })
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    # Get-Help shows a switch in the syntax without a value, as platyPS renders it.
    if (-not ($InSyntax -and $isSwitch)) {
        Start-Element $Writer 'command:parameterValue' ([ordered]@{ required = (-not $isSwitch).ToString().ToLowerInvariant(); variableLength = 'false' })
        $Writer.WriteString($Block.Type)
        $Writer.WriteEndElement()
    }
    Start-Element $Writer 'dev:type'
    Write-Element $Writer 'maml:name' $Block.Type
    Write-Element $Writer 'maml:uri' ''
    $Writer.WriteEndElement()
    $default = $Block.DefaultValue
    if ($isSwitch -and ($default -eq 'None' -or -not $default)) { $default = 'False' }
    Write-Element $Writer 'dev:defaultValue' $(if ($default) { $default } else { 'None' })
    $Writer.WriteEndElement()
}

function Get-SetBlock {
    # The yaml block that describes a parameter in one parameter set, or none.
    param($Parameter, [string] $SetName)
    foreach ($block in $Parameter.Blocks) {
        if ($block.ParameterSets -contains '(All)' -or $block.ParameterSets -contains $SetName) { return $block }
    }
}

function Format-ExampleTitle {
    # platyPS centres example titles between dashes so they stand out in Get-Help's plain text.
    param([string] $Title)
    if ($Title.Length -ge 62) { return $Title }
    $pad = '-' * [int][Math]::Floor((64 - $Title.Length - 2) / 2)
    return "$pad $Title $pad"
}

function Write-Command {
    param([System.Xml.XmlWriter] $Writer, $Help)
    Start-Element $Writer 'command:command'
    foreach ($prefix in $script:Namespaces.Keys) {
        $Writer.WriteAttributeString('xmlns', $prefix, $null, $script:Namespaces[$prefix])
    }
    $verb, $noun = $Help.Name -split '-', 2
    Start-Element $Writer 'command:details'
    Write-Element $Writer 'command:name' $Help.Name
    Write-Element $Writer 'command:verb' $verb
    Write-Element $Writer 'command:noun' $noun
    Write-Paragraph $Writer 'maml:description' $Help.Synopsis
    $Writer.WriteEndElement()
    Write-Paragraph $Writer 'maml:description' $Help.Description

    Start-Element $Writer 'command:syntax'
    foreach ($set in $Help.Syntax) {
        Start-Element $Writer 'command:syntaxItem'
        Write-Element $Writer 'maml:name' $Help.Name
        # Positional parameters first, by position, as Get-Command -Syntax orders them.
        $inSet = foreach ($parameter in $Help.Parameters) {
            $block = Get-SetBlock $parameter $set.Name
            if ($block) { [pscustomobject]@{ Parameter = $parameter; Block = $block } }
        }
        $ordered = @($inSet | Where-Object { $_.Block.Position -ne 'Named' } | Sort-Object { [int]$_.Block.Position }) +
            @($inSet | Where-Object { $_.Block.Position -eq 'Named' })
        foreach ($item in $ordered) { Write-Parameter $Writer $item.Parameter $item.Block -InSyntax }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    Start-Element $Writer 'command:parameters'
    foreach ($parameter in $Help.Parameters) { Write-Parameter $Writer $parameter $parameter.Blocks[0] }
    $Writer.WriteEndElement()

    foreach ($kind in @(@('command:inputTypes', 'command:inputType', $Help.Inputs), @('command:returnValues', 'command:returnValue', $Help.Outputs))) {
        Start-Element $Writer $kind[0]
        foreach ($type in $kind[2]) {
            Start-Element $Writer $kind[1]
            Start-Element $Writer 'dev:type'
            Write-Element $Writer 'maml:name' $type.TypeName
            $Writer.WriteEndElement()
            Write-Paragraph $Writer 'maml:description' $type.Description
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    Start-Element $Writer 'maml:alertSet'
    Write-Paragraph $Writer 'maml:alert' $Help.Notes
    $Writer.WriteEndElement()

    Start-Element $Writer 'command:examples'
    foreach ($example in $Help.Examples) {
        Start-Element $Writer 'command:example'
        Write-Element $Writer 'maml:title' (Format-ExampleTitle $example.Title)
        Write-Element $Writer 'dev:code' ($example.Code -join "`n`n")
        Write-Paragraph $Writer 'dev:remarks' $example.Remarks
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    Start-Element $Writer 'command:relatedLinks'
    foreach ($link in $Help.Links) {
        Start-Element $Writer 'maml:navigationLink'
        Write-Element $Writer 'maml:linkText' $link.Text
        # Get-Help -Online needs an absolute URI; a link to a sibling markdown file is text only, as in platyPS.
        $uri = $null
        $absolute = [Uri]::TryCreate($link.Uri, [UriKind]::Absolute, [ref]$uri)
        Write-Element $Writer 'maml:uri' $(if ($absolute) { $link.Uri } else { '' })
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

function ConvertTo-MamlHelp {
    <#
    .SYNOPSIS
        Writes the MAML help file for the given cmdlet pages.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string[]] $Path,
        [Parameter(Mandatory)] [string] $OutputPath
    )
    $helps = @($Path | ForEach-Object { Read-CommandHelpMarkdown -Path $_ })
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    New-Item -ItemType Directory -Path (Split-Path $OutputPath) -Force | Out-Null
    $writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($help in $helps) { Write-Command $writer $help }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
    Get-Item -LiteralPath $OutputPath
}

function Format-AboutLine {
    # One markdown line as platyPS writes it into an about topic: indented four spaces, wrapped at 80.
    param([string] $Text)
    $indent = '    '
    if ($Text.Length -le 76) { return $indent + $Text }
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ''
    foreach ($word in ($Text -split ' ')) {
        if ($line -and ($line.Length + 1 + $word.Length) -gt 76) {
            $lines.Add($indent + $line)
            $line = $word
        }
        else {
            $line = if ($line) { "$line $word" } else { $word }
        }
    }
    if ($line) { $lines.Add($indent + $line) }
    return $lines -join [Environment]::NewLine
}

function ConvertTo-AboutHelpText {
    <#
    .SYNOPSIS
        Writes an about topic's .help.txt: TOPIC, the name, then each section with its text indented.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $OutputDirectory
    )
    $about = Read-AboutHelpMarkdown -Path $Path
    $out = [System.Text.StringBuilder]::new()
    $headings = 0
    foreach ($block in $about.Blocks) {
        switch ($block.Kind) {
            'Heading' {
                $headings++
                if ($headings -eq 1) { [void]$out.AppendLine('TOPIC') }
                elseif ($headings -eq 2) { [void]$out.AppendLine('    ' + $block.Text.ToLowerInvariant()).AppendLine() }
                elseif ($block.Level -eq 1) { [void]$out.AppendLine($block.Text.ToUpperInvariant()) }
                elseif ($block.Level -eq 2) { [void]$out.AppendLine($block.Text) }
                else { [void]$out.AppendLine('    ' + $block.Text.ToUpperInvariant()) }
            }
            'Text' { [void]$out.AppendLine((Format-AboutLine $block.Text)) }
            'Code' {
                foreach ($line in ($block.Text -split "`n")) { [void]$out.AppendLine(('    ' + $line).TrimEnd()) }
                [void]$out.AppendLine()
            }
            'Blank' { [void]$out.AppendLine() }
        }
    }
    # Runs of blank lines collapse to one, as platyPS's cleaner does.
    $text = ($out.ToString() -replace '(\r?\n){3,}', ([Environment]::NewLine * 2)).TrimEnd() + [Environment]::NewLine
    New-Item -ItemType Directory -Path $OutputDirectory -Force | Out-Null
    $target = Join-Path $OutputDirectory "$($about.Name).help.txt"
    [System.IO.File]::WriteAllText($target, $text, [System.Text.UTF8Encoding]::new($false))
    Get-Item -LiteralPath $target
}

function Get-HelpSource {
    <#
    .SYNOPSIS
        The files of a docs folder that become help: the cmdlet pages and the about topics. The module
        page (platyPS's, with 'Module Guid' in its front matter) is for reading on the web only.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $DocsPath)
    $files = @(Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' | Sort-Object Name)
    $about = @($files | Where-Object Name -like 'about_*.help.md')
    $commands = @($files | Where-Object { $_.Name -notlike 'about_*' -and -not (Select-String -LiteralPath $_.FullName -Pattern '^Module Guid:' -Quiet) })
    [pscustomobject]@{ Commands = @($commands.FullName); About = @($about.FullName) }
}

function Export-ModuleHelp {
    <#
    .SYNOPSIS
        Compiles a docs folder: the cmdlet pages into the MAML file their front matter names, the about
        topics into text topics.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $DocsPath,
        [Parameter(Mandatory)] [string] $OutputDirectory
    )
    $source = Get-HelpSource -DocsPath $DocsPath
    foreach ($file in $source.About) {
        ConvertTo-AboutHelpText -Path $file -OutputDirectory $OutputDirectory
    }
    $pages = @{}
    foreach ($file in $source.Commands) {
        $target = (Read-CommandHelpMarkdown -Path $file).FrontMatter['external help file']
        if (-not $pages.ContainsKey($target)) { $pages[$target] = [System.Collections.Generic.List[string]]::new() }
        $pages[$target].Add($file)
    }
    foreach ($target in $pages.Keys) {
        ConvertTo-MamlHelp -Path $pages[$target] -OutputPath (Join-Path $OutputDirectory $target)
    }
}

Export-ModuleMember -Function ConvertTo-MamlHelp, ConvertTo-AboutHelpText, Get-HelpSource, Export-ModuleHelp
