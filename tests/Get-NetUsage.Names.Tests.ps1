# Interface names as the system spells them (issue 20, point 10): a name with a non-ASCII letter reads the
# same from /proc/net/dev as from every other source, an exact name with '[' always finds its interface, and
# a name that finds nothing is InterfaceNotFound in every cmdlet. Real veth pairs in a namespace of the
# test's own, renamed to such names.
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/history.ps1
    . $PSScriptRoot/TestNetwork.ps1

    $script:Skip = Get-TestNetworkSkipReason -NoPeer
    if (-not $Skip) {
        $script:Net = New-TestNetwork -NoPeer
        $suffix = (Get-Random -Maximum 0xFFF).ToString('x3')
        # Linux allows 15 bytes: 'é' takes two of them in UTF-8.
        $script:Accented = "nutpwlé$suffix"
        Invoke-Ip link set dev $Net.HostName down | Out-Null
        Invoke-Ip link set dev $Net.HostName name $Accented | Out-Null
        $Net.HostName = $Accented
        Invoke-Ip link set dev $Accented up | Out-Null
        $script:Bracketed = "nutb[$suffix]"
        Invoke-Ip link add $Bracketed type veth peer name "nutbp$suffix" netns $Net.Namespace | Out-Null
        Invoke-Ip link set dev $Bracketed up | Out-Null
    }
}

AfterAll {
    if ($script:Net) {
        & ip link del $Bracketed 2>$null
        Remove-TestNetwork $Net
    }
}

Describe 'Interface names' {
    It 'reads a name with a non-ASCII letter from /proc/net/dev as the system spells it' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        (Get-NetUsage -InterfaceName $Accented -ErrorAction Stop).InterfaceName | Should -BeExactly $Accented
        @(Get-NetUsage -IncludeVirtual | Where-Object InterfaceName -like 'nutpwl*' | ForEach-Object InterfaceName) | Should -Be @($Accented)
    }

    It 'records it under that name, and finds it in the history by it' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $path = New-HistoryPath
        Update-NetUsageHistory -Path $path
        Update-NetUsageHistory -Path $path
        Invoke-HistorySql -Path $path -Sql "SELECT interface FROM interface_state WHERE interface LIKE 'nutpwl%';" | Should -BeExactly $Accented
        { Get-NetUsageHistory -Path $path -InterfaceName $Accented -ErrorAction Stop } | Should -Not -Throw
    }

    It 'watches it when Get-NetConnectionInfo is piped into Watch-NetUsage' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $info = Get-NetConnectionInfo -IncludeVirtual | Where-Object InterfaceName -eq $Accented
        $info | Should -Not -BeNullOrEmpty
        $watched = $info | Watch-NetUsage -Count 1 -Interval 0.1 -ErrorAction Stop
        $watched | Should -Not -BeNullOrEmpty
    }

    It 'finds an exact name with brackets in <Name>' -ForEach @(
        @{ Name = 'Get-NetUsage'; Run = { param($n) Get-NetUsage -InterfaceName $n -ErrorAction Stop } }
        @{ Name = 'Watch-NetUsage'; Run = { param($n) Watch-NetUsage -InterfaceName $n -Count 1 -Interval 0.1 -ErrorAction Stop } }
    ) {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        @(& $Run $Bracketed) | Should -Not -BeNullOrEmpty
    }

    It 'says InterfaceNotFound in <Name> for a name with brackets that finds nothing' -ForEach @(
        @{ Name = 'Get-NetUsage'; Run = { Get-NetUsage -InterfaceName 'nutq[9]' -ErrorVariable err -ErrorAction SilentlyContinue; $err } }
        @{ Name = 'Watch-NetUsage'; Run = { try { Watch-NetUsage -InterfaceName 'nutq[9]' -Count 1 -Interval 0.1 -ErrorAction Stop } catch { $_ } } }
    ) {
        $errors = @(& $Run | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InterfaceNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
