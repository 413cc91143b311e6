# The README is for users: its samples are what an 80-column terminal shows of a happy path, and what a
# contributor needs lives in docs/ and is linked.
BeforeAll {
    $script:readme = Get-Content (Join-Path $PSScriptRoot '../README.md')
    # Each ```text block of the README: the lines between its fences, with the line number of its first line.
    $script:blocks = @(
        $open = $null
        for ($i = 0; $i -lt $readme.Count; $i++) {
            if ($null -eq $open -and $readme[$i] -eq '```text') { $open = $i + 1; continue }
            if ($null -ne $open -and $readme[$i] -eq '```') { , [pscustomobject]@{ Line = $open + 1; Text = @($readme[$open..($i - 1)]) }; $open = $null }
        }
    )
}

Describe 'README' {
    It 'shows every sample as an 80-column terminal does (the command lines typed at the prompt aside)' {
        $blocks.Count | Should -BeGreaterThan 5
        foreach ($block in $blocks) {
            foreach ($line in $block.Text | Where-Object { $_ -notlike 'PS> *' }) {
                $line.Length | Should -BeLessOrEqual 80 -Because "README line near $($block.Line) is a sample: $line"
            }
        }
    }

    It 'shows happy paths: no error records and no test run''s temporary folders in a sample' {
        foreach ($line in $blocks.Text) {
            $line | Should -Not -Match '^\w+: The term|ObjectNotFound|CommandNotFoundException:' -Because $line
            $line | Should -Not -Match '/tmp/|/work/' -Because $line
        }
    }

    It 'says the module is not on the gallery before showing how to install it' {
        $install = ($readme -join "`n") -replace '(?s)^.*?## Installing\n(.*?)\n## .*$', '$1'
        $install | Should -Match 'not on the PowerShell Gallery'
        $install.IndexOf('not on the PowerShell Gallery') | Should -BeLessThan $install.IndexOf('Install-PSResource')
    }

    It 'links the contributor and benchmark pages, which exist' {
        foreach ($page in 'docs/development.md', 'docs/performance.md', 'docs/design.md') {
            ($readme -join "`n") | Should -Match ([regex]::Escape("]($page)"))
            Join-Path $PSScriptRoot "../$page" | Should -Exist
        }
    }

    It 'says the Watch task takes -InterfaceName (loopback traffic shows only on lo)' {
        ($readme -join "`n") | Should -Match 'Task Watch.*-InterfaceName lo'
    }
}
