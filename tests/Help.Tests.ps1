# The help of every exported cmdlet: complete, in step with the cmdlets' real metadata, compiled into
# MAML that Get-Help reads, with examples that run. Data-driven over whatever the built module exports,
# so a new cmdlet or parameter without documentation fails here.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-Module (Join-Path $PSScriptRoot '../tools/HelpMarkdown.psm1') -Force
    $docs = Join-Path $PSScriptRoot '../docs/en-US'
    $cmdlets = @((Get-Module NetUsageTracker).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
    $safeExamples = foreach ($cmdlet in $cmdlets) {
        $page = Join-Path $docs "$($cmdlet.Name).md"
        # A page that is missing or breaks the schema fails its own tests below; here it has no examples.
        $help = try { Read-CommandHelpMarkdown -Path $page } catch { $null }
        if ($help) {
            foreach ($example in ($help.Examples | Where-Object Safe)) {
                @{ Name = $cmdlet.Name; Title = $example.Title; Code = ($example.SafeCode -join [Environment]::NewLine) }
            }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-Module (Join-Path $PSScriptRoot '../tools/HelpMarkdown.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../tools/HelpMetadata.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../tools/HelpCompiler.psm1') -Force
    $script:docs = (Resolve-Path (Join-Path $PSScriptRoot '../docs/en-US')).Path
    $script:moduleBase = (Get-Module NetUsageTracker).ModuleBase
    $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters

    function Format-Block {
        # One yaml block as a comparable line; the default value is prose, not metadata, and is left out.
        param($Block)
        $pipeline = if ($Block.PSObject.Properties['PipelineKinds']) { $Block.PipelineKinds } else { @(([regex]::Matches($Block.PipelineInput, 'By\w+')).Value | Sort-Object) }
        'Type={0}; Sets={1}; Aliases={2}; Accepted={3}; Required={4}; Position={5}; Pipeline={6}; Wildcards={7}' -f $Block.Type,
            (@($Block.ParameterSets | Sort-Object) -join ','), (@($Block.Aliases | Sort-Object) -join ','),
            ($Block.AcceptedValues -join ','), $Block.Required, $Block.Position, ($pipeline -join ','), $Block.Globbing
    }

    function Compress-Whitespace {
        param([string] $Text)
        ($Text -replace '\s+', ' ').Trim()
    }
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $page = Join-Path $docs "$Name.md"
        $command = Get-Command $Name
        $help = Get-Help $Name -Full
        $markdown = if (Test-Path $page) { Read-CommandHelpMarkdown -Path $page }
        $metadata = Get-CommandHelpMetadata -Command $command
        $parameters = @($command.Parameters.Keys | Where-Object { $common -notcontains $_ })
    }

    It 'has a page docs/en-US/<Name>.md in the platyPS schema' {
        $page | Should -Exist
        $markdown.Name | Should -Be $Name
        $markdown.FrontMatter['external help file'] | Should -Be 'NetUsageTracker.dll-Help.xml'
        $markdown.FrontMatter['Module Name'] | Should -Be 'NetUsageTracker'
    }

    It 'has no placeholder left to fill in' {
        $placeholders = Select-String -LiteralPath $page -Pattern '\{\{.*\}\}'
        $placeholders | ForEach-Object { "line $($_.LineNumber): $($_.Line)" } | Should -BeNullOrEmpty
    }

    It 'has a synopsis from the MAML, not the syntax Get-Help falls back to' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Be ($markdown.Synopsis -join [Environment]::NewLine)
    }

    It 'has a description' {
        ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks.Text -join '') | Should -Not -BeNullOrEmpty -Because "$($example.title.Trim('- ')) explains its output"
        }
    }

    It 'describes every parameter' {
        foreach ($parameter in $parameters) {
            $text = (Get-Help $Name -Parameter $parameter).description.Text -join ''
            $text | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description in $Name.md"
        }
    }

    It 'documents inputs, outputs and related links' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterOrEqual 1
        @($help.returnValues.returnValue).Count | Should -BeGreaterOrEqual 1
        @($help.relatedLinks.navigationLink).Count | Should -BeGreaterOrEqual 1
    }

    It 'names the [OutputType] of the cmdlet among its outputs' {
        foreach ($type in $command.OutputType) {
            $markdown.Outputs.TypeName | Should -Contain $type.Name
        }
    }

    Context 'drift between the page and the cmdlet' {
        It 'documents exactly the parameters the cmdlet has' {
            $documented = @($markdown.Parameters | ForEach-Object { $_.Name })
            $missing = @($parameters | Where-Object { $documented -notcontains $_ })
            $extra = @($documented | Where-Object { $parameters -notcontains $_ })
            $missing | Should -BeNullOrEmpty -Because 'every parameter needs a ### section (run ./build.ps1 -Task Docs to add one)'
            $extra | Should -BeNullOrEmpty -Because 'a documented parameter must exist'
            $markdown.CommonParameters | Should -BeTrue
        }

        It 'has the parameter sets of the cmdlet in SYNTAX, with the right syntax and default set' {
            ($markdown.Syntax | ForEach-Object { "$($_.Name)|$($_.IsDefault)" }) | Should -Be ($metadata.Syntax | ForEach-Object { "$($_.Name)|$($_.IsDefault)" })
            for ($i = 0; $i -lt $metadata.Syntax.Count; $i++) {
                Compress-Whitespace $markdown.Syntax[$i].Text | Should -Be (Compress-Whitespace $metadata.Syntax[$i].Text)
            }
        }

        It 'states each parameter''s type, sets, aliases, values, required, position, pipeline input and wildcards' {
            foreach ($parameter in $metadata.Parameters) {
                $documented = $markdown.Parameters | Where-Object Name -eq $parameter.Name
                if (-not $documented) { continue } # reported by the test above
                @($documented.Blocks | ForEach-Object { Format-Block $_ } | Sort-Object) |
                    Should -Be @($parameter.Blocks | ForEach-Object { Format-Block $_ } | Sort-Object) -Because "the yaml of -$($parameter.Name) must match the cmdlet"
            }
        }

        It 'is what ./build.ps1 -Task Docs would write' {
            $copy = Join-Path $TestDrive "$Name.md"
            Copy-Item $page $copy
            Update-HelpMarkdown -Path $copy -Command $command
            (Get-Content $copy -Raw) | Should -BeExactly (Get-Content $page -Raw) -Because 'the generated parts must be current: run ./build.ps1 -Task Docs and commit the result'
        }
    }

    It 'is listed on the module page' {
        $modulePage = Get-Content (Join-Path $docs 'NetUsageTracker.md') -Raw
        $modulePage | Should -Match ([regex]::Escape("### [$Name]($Name.md)"))
    }
}

Describe 'Example "<Title>" of <Name>' -ForEach $safeExamples {
    It 'runs against the built module without an error' {
        # Each example runs in its own runspace and folder, so files it writes land in the test drive.
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $folder | Out-Null
        $job = Start-BackgroundCommand -Script "Set-Location -LiteralPath '$folder'`n$Code"
        try {
            $finished = $job.Handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(15))
            $finished | Should -BeTrue -Because 'a safe example finishes within a few seconds'
            $job.PowerShell.EndInvoke($job.Handle)
            @($job.PowerShell.Streams.Error | ForEach-Object { "$_" }) | Should -BeNullOrEmpty
            $job.PowerShell.HadErrors | Should -BeFalse
        }
        finally {
            $job.PowerShell.Stop()
            $job.PowerShell.Dispose()
        }
    }
}

Describe 'The compiled help' {
    BeforeAll {
        $compiled = Join-Path $TestDrive 'compiled'
        Export-ModuleHelp -DocsPath $docs -OutputDirectory $compiled | Out-Null
        $built = Join-Path $moduleBase 'en-US/NetUsageTracker.dll-Help.xml'
        [xml] $maml = Get-Content $built -Raw
        $ns = [System.Xml.XmlNamespaceManager]::new($maml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
    }

    It 'is in the built module as the converter writes it from docs/en-US' -Skip:([bool](Get-Module -ListAvailable platyPS)) {
        (Get-Content (Join-Path $compiled 'NetUsageTracker.dll-Help.xml') -Raw) | Should -BeExactly (Get-Content $built -Raw)
        (Get-Content (Join-Path $compiled 'about_NetUsageTracker.help.txt') -Raw) |
            Should -BeExactly (Get-Content (Join-Path $moduleBase 'en-US/about_NetUsageTracker.help.txt') -Raw)
    }

    It 'has one command element per cmdlet page, with the elements platyPS writes in its order' {
        $commands = @($maml.SelectNodes('/*/command:command', $ns))
        $pages = @((Get-HelpSource -DocsPath $docs).Commands)
        $commands.Count | Should -Be $pages.Count
        foreach ($command in $commands) {
            @($command.ChildNodes | ForEach-Object { $_.get_Name() }) | Should -Be @('command:details', 'maml:description', 'command:syntax',
                'command:parameters', 'command:inputTypes', 'command:returnValues', 'maml:alertSet', 'command:examples', 'command:relatedLinks')
        }
    }

    It 'carries each parameter''s attributes as the page states them' {
        foreach ($file in (Get-HelpSource -DocsPath $docs).Commands) {
            $page = Read-CommandHelpMarkdown -Path $file
            foreach ($parameter in $page.Parameters) {
                $node = $maml.SelectSingleNode("/*/command:command[command:details/command:name='$($page.Name)']/command:parameters/command:parameter[maml:name='$($parameter.Name)']", $ns)
                $node | Should -Not -BeNullOrEmpty
                $block = $parameter.Blocks[0]
                $node.required | Should -Be $block.Required.ToString().ToLowerInvariant()
                $node.globbing | Should -Be $block.Globbing.ToString().ToLowerInvariant()
                $node.pipelineInput | Should -Be $block.PipelineInput
                $node.position | Should -Be $block.Position.ToLowerInvariant()
                $node.SelectSingleNode('dev:type/maml:name', $ns).InnerText | Should -Be $block.Type
            }
        }
    }

    It 'reads back through Get-Help -Full with every parameter description and example of <Name>' -ForEach $cmdlets {
        $page = Read-CommandHelpMarkdown -Path (Join-Path $docs "$Name.md")
        $full = Get-Help $Name -Full | Out-String -Width 4000
        $flat = Compress-Whitespace $full
        $expected = @($page.Parameters | ForEach-Object { $_.Description[0] }) + @($page.Examples | ForEach-Object { $_.Title; $_.Code[0] })
        foreach ($text in $expected) {
            $flat.Contains((Compress-Whitespace $text)) | Should -BeTrue -Because "Get-Help -Full shows '$text'"
        }
    }

    It 'escapes markup characters in the text' {
        $source = Join-Path $TestDrive 'escape/Get-HelpFixture.md'
        New-Item -ItemType Directory -Path (Split-Path $source) -Force | Out-Null
        (Get-Content (Join-Path $PSScriptRoot 'HelpFixtures/Get-HelpFixture.md') -Raw).Replace('A valid page of a made-up cmdlet', 'Gets <b> & "quoted" counters') |
            Set-Content -Path $source -NoNewline
        $xmlPath = Join-Path $TestDrive 'escape/out.xml'
        ConvertTo-MamlHelp -Path $source -OutputPath $xmlPath | Out-Null
        $xml = [xml](Get-Content $xmlPath -Raw)
        $xml.helpItems.command.details.description.para | Should -BeLike 'Gets <b> & "quoted" counters*'
    }

    It 'gives Get-Help about_NetUsageTracker with every concept' {
        $about = Get-Help about_NetUsageTracker | Out-String
        foreach ($heading in 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'Counters and usage', 'Physical and virtual interfaces',
            'Resets and reboots', 'Sizes', 'Limits and thresholds', 'Where the history lives', 'Logging to CSV', 'Scheduling logging',
            'Reports', 'Many machines') {
            $about | Should -Match ([regex]::Escape($heading))
        }
    }
}

Describe 'The help converter' {
    It 'accepts the valid fixture page' {
        $xml = Join-Path $TestDrive 'fixture.xml'
        ConvertTo-MamlHelp -Path (Join-Path $PSScriptRoot 'HelpFixtures/Get-HelpFixture.md') -OutputPath $xml | Out-Null
        ([xml](Get-Content $xml -Raw)).helpItems.command.details.name | Should -Be 'Get-HelpFixture'
    }
}

Describe 'The help converter rejects a page that breaks the schema: <Case>' -ForEach @(
    # Each case edits one line of a copy of a valid fixture page; the error must name the line At matches
    # in the edited copy (or Line).
    @{ Case = 'no front matter'; Find = '^---$'; Replace = ''; Line = 1; Message = 'front matter' }
    @{ Case = 'another schema version'; Find = '^schema: 2\.0\.0$'; Replace = 'schema: 1.0.0'; Line = 1; Message = 'schema: 2.0.0' }
    @{ Case = 'a title that is not the file name'; Find = '^# Get-HelpFixture$'; Replace = '# Get-HelpFixtures'; At = '^# Get-HelpFixtures$'; Message = 'does not match the file name' }
    @{ Case = 'a misspelt section'; Find = '^## SYNOPSIS$'; Replace = '## SYNOPSYS'; At = '^## SYNOPSYS$'; Message = "Expected '## SYNOPSIS'" }
    @{ Case = 'a missing section'; Find = '^## NOTES$'; Replace = ''; At = '^## RELATED LINKS$'; Message = "Expected '## NOTES'" }
    @{ Case = 'an unknown yaml key'; Find = '^Required: False$'; Replace = 'Requried: False'; At = '^Requried: False$'; Message = "Unknown yaml key 'Requried'" }
    @{ Case = 'a bad yaml value'; Find = '^Position: 0$'; Replace = 'Position: first'; At = '^Position: first$'; Message = "'first' is not a valid value for 'Position'" }
    @{ Case = 'a bad pipeline value'; Find = '^Accept pipeline input: True \(ByPropertyName, ByValue\)$'; Replace = 'Accept pipeline input: Yes'; At = '^Accept pipeline input: Yes$'; Message = 'Accept pipeline input' }
    @{ Case = 'a yaml block without Type'; Find = '^Type: SwitchParameter$'; Replace = ''; At = '^```yaml$'; Before = $true; Message = "lacks 'Type:'" }
    @{ Case = 'a parameter set SYNTAX lacks'; Find = '^Parameter Sets: \(All\)$'; Replace = 'Parameter Sets: ByName'; At = '^Parameter Sets: ByName$'; Message = "'ByName', which SYNTAX does not have" }
    @{ Case = 'a parameter heading without the dash'; Find = '^### -Total$'; Replace = '### Total'; At = '^### Total$'; Message = "Expected '### -ParameterName'" }
    @{ Case = 'a code fence never closed'; Find = '^```output$'; Replace = '```output'; Append = '```'; At = '^```$'; Message = 'never closed' }
    @{ Case = 'an info string with a space'; Find = '^```pwsh$'; Replace = '```powershell safe'; At = '^```powershell safe$'; Message = 'not a single word' }
    @{ Case = 'an unknown example fence'; Find = '^```pwsh$'; Replace = '```bash'; At = '^```bash$'; Message = "found 'bash'" }
    @{ Case = 'a related link that is not a link'; Find = '^\[Get-NetUsage\]\(Get-NetUsage\.md\)$'; Replace = 'See Get-NetUsage'; At = '^See Get-NetUsage$'; Message = "one '[text](uri)' per line" }
    @{ Case = 'CommonParameters before a parameter'; Find = '^### CommonParameters$'; Replace = '### CommonParameters'; Move = $true; At = '^### -InterfaceName$'; Message = 'CommonParameters comes last' }
) {
    It 'stops with the file and the line' {
        $lines = [System.Collections.Generic.List[string]](Get-Content (Join-Path $PSScriptRoot 'HelpFixtures/Get-HelpFixture.md'))
        $index = $lines.FindIndex([Predicate[string]] { param($l) $l -match $Find })
        $index | Should -BeGreaterOrEqual 0 -Because 'the fixture line to break exists'
        if ($Move) {
            # Puts '### CommonParameters' first in PARAMETERS: the first parameter after it is the error.
            $lines.RemoveAt($index)
            $lines.Insert($lines.IndexOf('## PARAMETERS') + 1, '### CommonParameters')
        }
        elseif ($Replace -eq '') { $lines.RemoveAt($index) }
        else { $lines[$index] = $Replace }
        if ($Case -eq 'a code fence never closed') {
            # Without a closing fence, every later fence pairs up differently; drop them all after this one.
            for ($i = $lines.Count - 1; $i -gt $index; $i--) { if ($lines[$i] -match '^```') { $lines.RemoveAt($i) } }
            $At = '^```output$'
        }
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $folder | Out-Null
        $broken = Join-Path $folder 'Get-HelpFixture.md'
        [System.IO.File]::WriteAllLines($broken, [string[]]$lines)
        $expected = if ($Line) { $Line }
        elseif ($Before) { $lines.FindLastIndex($index, [Predicate[string]] { param($l) $l -match $At }) + 1 }
        else { $lines.FindIndex([Predicate[string]] { param($l) $l -match $At }) + 1 }
        $err = { ConvertTo-MamlHelp -Path $broken -OutputPath (Join-Path $folder 'out.xml') } | Should -Throw -ErrorId 'HelpSchemaViolation' -PassThru
        $err.Exception.Message | Should -BeLike "${broken}:${expected}: *"
        $err.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Message))*"
        Join-Path $folder 'out.xml' | Should -Not -Exist
    }
}

Describe 'The about topic converter' {
    It 'rejects an about topic without its name heading, with the file and the line' {
        $folder = Join-Path $TestDrive 'about'
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        $broken = Join-Path $folder 'about_NetUsageTracker.help.md'
        (Get-Content (Join-Path $docs 'about_NetUsageTracker.help.md')) -replace '^## about_NetUsageTracker$', '## about_Other' | Set-Content $broken
        $err = { ConvertTo-AboutHelpText -Path $broken -OutputDirectory $folder } | Should -Throw -ErrorId 'HelpSchemaViolation' -PassThru
        $err.Exception.Message | Should -BeLike "${broken}:3: *'## about_NetUsageTracker'*"
    }
}

Describe 'build.ps1 -Task Docs' {
    BeforeAll {
        $command = Get-Command Get-NetUsage
        $original = Get-Content (Join-Path $docs 'Get-NetUsage.md')
    }

    It 'refreshes SYNTAX and the yaml blocks, keeps the prose, and stubs an undocumented parameter' {
        $text = $original -join "`n"
        # Break the generated parts: a stale syntax, a wrong yaml value, and a parameter left out.
        $text = $text -replace '(?m)^Get-NetUsage \[\[-InterfaceName\].*$', 'Get-NetUsage [-Old]'
        $text = $text -replace '(?s)(### -IncludeLoopback.*?Position: )Named', '${1}3'
        $text = $text -replace '(?s)### -Total\n.*?(?=### CommonParameters)', ''
        $copy = Join-Path $TestDrive 'Get-NetUsage.md'
        Set-Content -Path $copy -Value $text -NoNewline

        Update-HelpMarkdown -Path $copy -Command $command
        $page = Read-CommandHelpMarkdown -Path $copy
        Compress-Whitespace $page.Syntax[0].Text | Should -Be (Compress-Whitespace (Get-CommandHelpMetadata -Command $command).Syntax[0].Text)
        ($page.Parameters | Where-Object Name -eq IncludeLoopback).Blocks[0].Position | Should -Be 'Named'
        ($page.Parameters | Where-Object Name -eq Total).Description | Should -Be (Get-DescriptionPlaceholder 'Total')
        $refreshed = Get-Content $copy
        # Every hand-written line outside SYNTAX and the -Total section survives as it was.
        $kept = $original | Where-Object { $_ -and $_ -notmatch '^(Get-NetUsage \[|Position: )' }
        $lost = $kept | Where-Object { $refreshed -notcontains $_ }
        $totalSection = ($original -join "`n") -replace '(?s)^.*### -Total\n(.*?)### CommonParameters.*$', '$1'
        @($lost | Where-Object { $totalSection.Split("`n") -notcontains $_ }) | Should -BeNullOrEmpty
    }

    It 'starts a page for a cmdlet without one, which the tests reject until it is written' {
        $copy = Join-Path $TestDrive 'new/Get-NetUsage.md'
        New-Item -ItemType Directory -Path (Split-Path $copy) -Force | Out-Null
        New-HelpMarkdown -Path $copy -Command $command -ExternalHelpFile 'NetUsageTracker.dll-Help.xml'
        $page = Read-CommandHelpMarkdown -Path $copy
        $page.Parameters.Name | Should -Be @($command.Parameters.Keys | Where-Object { $common -notcontains $_ })
        $page.Outputs.TypeName | Should -Be 'NetUsageTracker.NetUsage'
        (Select-String -LiteralPath $copy -Pattern '\{\{ Fill in').Count | Should -Be (5 + $page.Parameters.Count)
    }

    It 'round-trips several parameter sets, mandatory parameters, aliases, accepted values and -WhatIf' {
        function Set-HelpProbe {
            [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'ByName')]
            [OutputType([string])]
            param(
                [Parameter(Mandatory, Position = 0, ParameterSetName = 'ByName', ValueFromPipeline)]
                [Parameter(ParameterSetName = 'ById', ValueFromPipelineByPropertyName)]
                [Alias('Interface')] [SupportsWildcards()] [string[]] $Name,
                [Parameter(Mandatory, ParameterSetName = 'ById')] [int] $Id,
                [ValidateSet('Day', 'Month')] [string] $Period
            )
        }
        $probe = Get-Command Set-HelpProbe
        $page = Join-Path $TestDrive 'probe/Set-HelpProbe.md'
        New-Item -ItemType Directory -Path (Split-Path $page) -Force | Out-Null
        New-HelpMarkdown -Path $page -Command $probe -ExternalHelpFile 'Probe-Help.xml'
        $markdown = Read-CommandHelpMarkdown -Path $page
        $metadata = Get-CommandHelpMetadata -Command $probe

        ($markdown.Syntax | ForEach-Object { "$($_.Name)|$($_.IsDefault)" }) | Should -Be @('ByName|True', 'ById|False')
        $markdown.Parameters.Name | Should -Be @('Name', 'Period', 'WhatIf', 'Confirm', 'Id')
        foreach ($parameter in $metadata.Parameters) {
            $documented = $markdown.Parameters | Where-Object Name -eq $parameter.Name
            @($documented.Blocks | ForEach-Object { Format-Block $_ } | Sort-Object) | Should -Be @($parameter.Blocks | ForEach-Object { Format-Block $_ } | Sort-Object)
        }
        @(($markdown.Parameters | Where-Object Name -eq Name).Blocks).Count | Should -Be 2 -Because '-Name differs between the sets'
        ($markdown.Parameters | Where-Object Name -eq WhatIf).Blocks[0].Aliases | Should -Be 'wi'

        $xmlPath = Join-Path $TestDrive 'probe/Probe-Help.xml'
        ConvertTo-MamlHelp -Path $page -OutputPath $xmlPath | Out-Null
        $command = ([xml](Get-Content $xmlPath -Raw)).helpItems.command
        @($command.syntax.syntaxItem).Count | Should -Be 2
        $byId = @($command.syntax.syntaxItem)[1].parameter | Where-Object { $_.name -eq 'Id' }
        $byId.required | Should -Be 'true'
        $period = @($command.syntax.syntaxItem)[0].parameter | Where-Object { $_.name -eq 'Period' }
        @($period.parameterValueGroup.parameterValue | ForEach-Object '#text') | Should -Be @('Day', 'Month')
    }
}
