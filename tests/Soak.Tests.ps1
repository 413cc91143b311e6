# A test-sized soak: thousands of samples at the fastest pace, then the same memory and the same open
# files as before. (The benchmark runs the full 100,000 samples: build.ps1 -Task Bench.)
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:lo = Get-LoopbackName

    function Get-OpenFileCount {
        # Earlier tests may leave handles that only their finalizers close: let those run first.
        [GC]::Collect()
        [GC]::WaitForPendingFinalizers()
        @(Get-ChildItem /proc/self/fd).Count
    }

    function Get-HeapBytes { [GC]::GetTotalMemory($true) }
}

Describe 'Soak' {
    It 'keeps memory flat and leaks no handles over 5000 samples of Watch-NetUsage' {
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'open files are counted in /proc/self/fd, which exists on Linux only'; return }
        # A first run creates the shared sampler (its open /proc/net/dev), lets the JIT reach its last
        # tier and fills PowerShell's caches: a one-time few hundred KB that is not a leak.
        Watch-NetUsage -InterfaceName $lo -Interval 0.0001 -Count 5000 | Out-Null
        $files = Get-OpenFileCount
        $heap = Get-HeapBytes

        $samples = Watch-NetUsage -InterfaceName $lo -Interval 0.0001 -Count 5000 | Measure-Object
        $heapGrowth = (Get-HeapBytes) - $heap

        $samples.Count | Should -Be 5000
        (Get-OpenFileCount) | Should -Be $files
        # A leak of even 50 bytes per sample would show as 250 KB.
        $heapGrowth | Should -BeLessThan 200KB -Because "the managed heap grew by $heapGrowth bytes"
    }
}
