# A limit too large for a size is refused the same way whether it comes as a number or as text (issue 20,
# "Also seen"): before, 1e30 as a number was clamped silently while '1e30' was refused.
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
}

Describe 'A limit beyond any size' {
    It 'refuses <Case> with the same error' -ForEach @(
        @{ Case = 'the number 1e30'; Limit = 1e30 }
        @{ Case = 'the text 1e30'; Limit = '1e30' }
        @{ Case = 'the decimal 1e25'; Limit = [decimal]1e25 }
        @{ Case = 'the number 9.3e18'; Limit = 9.3e18 }
    ) {
        $path = New-RecordedHistory -Bytes 1KB
        $e = Get-TerminatingError { Get-NetUsageQuota -Path $path -Limit $Limit -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $e.Exception.Message | Should -BeLike '*too large*'
    }
}
