BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
    $script:lo = Get-LoopbackName
    $script:path = New-RecordedHistory -Bytes 1MB
}

Describe 'Test-NetUsageQuota' {
    It 'returns $true under the limit and $false once it is reached' {
        Test-NetUsageQuota -Path $script:path -InterfaceName $script:lo -Limit 100GB | Should -BeExactly $true
        Test-NetUsageQuota -Path $script:path -InterfaceName $script:lo -Limit 1MB | Should -BeExactly $false
    }

    It 'gives a scheduled script its exit code' {
        $p = Start-PwshProcess -Script "if (-not (Test-NetUsageQuota -Path '$script:path' -InterfaceName '$script:lo' -Limit 1MB)) { exit 3 }; exit 0"
        $p.WaitForExit(60000) | Should -BeTrue
        $p.ExitCode | Should -Be 3
    }

    It 'needs -Limit or a stored plan' {
        $failure = Get-TerminatingError { Test-NetUsageQuota -Path $script:path }
        $failure.FullyQualifiedErrorId | Should -Be 'NoPlan,NetUsageTracker.Commands.TestNetUsageQuotaCommand'
    }
}
