# The lane's own rule: every test runs its body under Invoke-WithDeadline, so one hung cmdlet fails its
# test and the lane goes on (Pester has no per-test timeout).

BeforeAll {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
}

Describe 'The Windows lane' {
    It 'runs every test of tests/Windows under a deadline' {
        Invoke-WithDeadline {
            $missing = foreach ($file in Get-ChildItem -LiteralPath $PSScriptRoot -Filter '*.Tests.ps1') {
                $ast = [Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$null, [ref]$null)
                $tests = $ast.FindAll({ param($node) $node -is [Management.Automation.Language.CommandAst] -and $node.GetCommandName() -eq 'It' }, $true)
                foreach ($test in $tests) {
                    $body = @($test.CommandElements | Where-Object { $_ -is [Management.Automation.Language.ScriptBlockExpressionAst] })[-1].ScriptBlock
                    $statements = @($body.EndBlock.Statements)
                    $call = if ($statements.Count -eq 1) { $statements[0].Find({ param($node) $node -is [Management.Automation.Language.CommandAst] }, $false) }
                    if (-not $call -or $call.GetCommandName() -ne 'Invoke-WithDeadline') { "$($file.Name):$($test.Extent.StartLineNumber)" }
                }
            }
            $missing | Should -BeNullOrEmpty
        }
    }
}
