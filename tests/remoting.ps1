# Real machines for the remoting tests: each test host is a network namespace of TestNetwork.ps1 (its
# veth end is its eth0) with a host name of its own (a UTS namespace) and an sshd of its own, whose
# powershell subsystem is the pwsh under test. The client is the test process, through Debian's ssh.
# Dot-sourced after common.ps1, TestNetwork.ps1 and history.ps1 (Get-PwshCommand).

$script:SshdPath = '/usr/sbin/sshd'

function Get-RemotingSkipReason {
    # Why the remoting tests cannot run here, or $null when they can.
    $reason = Get-TestNetworkSkipReason -NoPeer
    if ($reason) { return $reason }
    if (-not (Test-Path $SshdPath)) { return "$SshdPath is not installed (Debian package openssh-server)" }
    foreach ($tool in 'ssh', 'ssh-keygen', 'unshare') {
        if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) { return "'$tool' is not installed (Debian packages openssh-client, util-linux)" }
    }
    $null
}

function New-TestSshKey {
    # A throwaway ed25519 key pair: $Path and $Path.pub.
    param([Parameter(Mandatory)] [string] $Path)
    & ssh-keygen -q -t ed25519 -N '' -C 'netusagetracker-test' -f $Path
    if ($LASTEXITCODE -ne 0) { throw "ssh-keygen could not make $Path." }
}

function New-TestFleet {
    # The client's key and known_hosts in $Directory, then one test host per name. The hosts' sshd
    # sessions get $Environment besides a HOME of their own (their modules and history live there).
    param([Parameter(Mandatory)] [string] $Directory, [Parameter(Mandatory)] [string[]] $Name, [hashtable] $Environment = @{})
    New-Item -ItemType Directory -Path $Directory -Force | Out-Null
    $fleet = [pscustomobject]@{
        Directory = $Directory
        KeyFile = Join-Path $Directory 'client_key'
        KnownHosts = Join-Path $Directory 'known_hosts'
        Environment = $Environment
        Hosts = [System.Collections.Generic.List[object]]::new()
    }
    New-TestSshKey $fleet.KeyFile
    try {
        foreach ($n in $Name) { $fleet.Hosts.Add((New-TestSshHost -Fleet $fleet -Name $n)) }
    }
    catch {
        Remove-TestFleet $fleet
        throw
    }
    $fleet
}

function New-TestSshHost {
    # One host of $Fleet: its namespace and veth, then its sshd (none with -NoSshd: an address where
    # nothing listens). Remove-TestFleet removes it.
    param([Parameter(Mandatory)] $Fleet, [Parameter(Mandatory)] [string] $Name, [switch] $NoSshd)
    $folder = Join-Path $Fleet.Directory $Name
    $testHost = [pscustomobject]@{
        Name = $Name; Address = $null; Network = $null; Directory = $folder; Home = Join-Path $folder 'home'; Sshd = $null
        Log = Join-Path $folder 'sshd.log'
    }
    New-Item -ItemType Directory -Path $testHost.Home -Force | Out-Null
    $testHost.Network = New-TestNetwork -PeerName eth0 -NoPeer
    $testHost.Address = $testHost.Network.PeerAddress
    if ($NoSshd) { return $testHost }
    try {
        Start-TestSshd -Fleet $Fleet -TestHost $testHost
    }
    catch {
        Remove-TestSshHost $testHost
        throw
    }
    $testHost
}

function Start-TestSshd {
    # The host's sshd, on port 22 of its address only, with a config, a host key and an authorized key
    # of the test's own; returns once it listens.
    param([Parameter(Mandatory)] $Fleet, [Parameter(Mandatory)] $TestHost)
    $hostKey = Join-Path $TestHost.Directory 'host_key'
    New-TestSshKey $hostKey
    Add-Content -Path $Fleet.KnownHosts -Value "$($TestHost.Name),$($TestHost.Address) $((Get-Content "$hostKey.pub" -Raw).Trim())"
    $authorized = Join-Path $TestHost.Directory 'authorized_keys'
    Copy-Item "$($Fleet.KeyFile).pub" $authorized

    $environment = [ordered]@{ HOME = $TestHost.Home }
    foreach ($key in $Fleet.Environment.Keys) { $environment[$key] = $Fleet.Environment[$key] }
    $setEnv = foreach ($key in $environment.Keys) { "$key=$($environment[$key])" }
    $subsystem = @(Get-PwshCommand) + '-sshs', '-NoLogo'
    foreach ($word in @($setEnv) + $subsystem) {
        # sshd splits these lines at blanks, and quoting differs from one keyword to the next.
        if ($word -match '[\s"]') { throw "The sshd config cannot carry '$word' as one word." }
    }
    $config = Join-Path $TestHost.Directory 'sshd_config'
    Set-Content -Path $config -Value @(
        "ListenAddress $($TestHost.Address)"
        'Port 22'
        "HostKey $hostKey"
        "AuthorizedKeysFile $authorized"
        'AuthenticationMethods publickey'
        'PubkeyAuthentication yes'
        'PasswordAuthentication no'
        'KbdInteractiveAuthentication no'
        'PermitRootLogin prohibit-password'
        'UsePAM no'
        # The test's files live under /tmp, which is world-writable: strict modes would refuse the key.
        'StrictModes no'
        'PidFile none'
        # One line: sshd keeps only the first SetEnv.
        "SetEnv $($setEnv -join ' ')"
        "Subsystem powershell $($subsystem -join ' ')"
    )

    # sshd needs /run/sshd; a private /run in a mount namespace of its own gives it one without touching
    # the machine's. The host name lives in a UTS namespace of its own.
    $start = [System.Diagnostics.ProcessStartInfo]::new('ip')
    $inside = 'mount -t tmpfs -o mode=755 tmpfs /run && mkdir /run/sshd && hostname "$1" && exec "$2" -D -E "$3" -f "$4"'
    foreach ($a in 'netns', 'exec', $TestHost.Network.Namespace, 'unshare', '--uts', '--mount', 'sh', '-c', $inside, 'sh',
        $TestHost.Name, $SshdPath, $TestHost.Log, $config) {
        $start.ArgumentList.Add($a)
    }
    $start.UseShellExecute = $false
    $TestHost.Sshd = [System.Diagnostics.Process]::Start($start)
    $listening = "Server listening on $($TestHost.Address) port 22."
    $ready = Wait-Until -TimeoutSeconds 30 -Condition {
        $TestHost.Sshd.HasExited -or ((Test-Path $TestHost.Log) -and (Get-Content $TestHost.Log) -contains $listening)
    }
    if (-not $ready -or $TestHost.Sshd.HasExited) {
        $log = if (Test-Path $TestHost.Log) { Get-Content $TestHost.Log -Raw } else { '(no log)' }
        throw "The sshd of $($TestHost.Name) did not start: $log"
    }
}

function Remove-TestSshHost {
    # Its sshd and every session under it (all the namespace's processes), then its namespace and veth.
    param($TestHost)
    if (-not $TestHost) { return }
    if ($TestHost.Sshd) { $TestHost.Sshd.Dispose() }
    Remove-TestNetwork $TestHost.Network
}

function Remove-TestFleet {
    param($Fleet)
    if (-not $Fleet) { return }
    foreach ($testHost in $Fleet.Hosts) { Remove-TestSshHost $testHost }
}

function Get-TestSshOptions {
    # ssh options for the test hosts: trust only their keys, never prompt, never read the user's keys.
    param([Parameter(Mandatory)] $Fleet)
    @{
        StrictHostKeyChecking = 'yes'; UserKnownHostsFile = $Fleet.KnownHosts; GlobalKnownHostsFile = '/dev/null'
        BatchMode = 'yes'; IdentitiesOnly = 'yes'; ConnectTimeout = '20'
    }
}

function Get-TestSshConnection {
    # New-PSSession -SSHConnection entries that reach test hosts by their names: ssh is told each one's
    # address (the HostName option), so PSComputerName is the name, as with a real network's names.
    param([Parameter(Mandatory)] $Fleet, [Parameter(Mandatory)] [object[]] $TestHost)
    foreach ($h in $TestHost) {
        $options = Get-TestSshOptions $Fleet
        $options.HostName = $h.Address
        # Without ConnectingTimeout a hashtable connection gives up at once (0 ms).
        @{ HostName = $h.Name; UserName = 'root'; KeyFilePath = $Fleet.KeyFile; ConnectingTimeout = 60000; Options = $options }
    }
}

function Send-TestHostBytes {
    # Sends $Count datagrams of $Size bytes to the host's address from this machine's end of its veth;
    # nothing listens on the port, so the host receives them and drops them.
    param([Parameter(Mandatory)] $TestHost, [int] $Count = 1000, [int] $Size = 1000)
    $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]$TestHost.Network.HostAddress, 0))
    try {
        $to = [System.Net.IPEndPoint]::new([ipaddress]$TestHost.Address, 9)
        $payload = [byte[]]::new($Size)
        for ($i = 0; $i -lt $Count; $i++) { $null = $udp.Send($payload, $Size, $to) }
    }
    finally {
        $udp.Dispose()
    }
}

function Get-AboutCodeBlock {
    # The code blocks of one section of the about topic, in order, as the reader sees them.
    param([Parameter(Mandatory)] [string] $Section)
    $lines = Get-Content (Join-Path $PSScriptRoot '../docs/en-US/about_NetUsageTracker.help.md')
    $inSection = $false
    $block = $null
    foreach ($line in $lines) {
        if ($null -ne $block) {
            if ($line -match '^```\s*$') { $block -join "`n"; $block = $null } else { $block.Add($line) }
            continue
        }
        if ($line -match '^#+ (.+)$') { $inSection = $Matches[1] -eq $Section; continue }
        if ($inSection -and $line -match '^```') { $block = [System.Collections.Generic.List[string]]::new() }
    }
}
