# A real terminal for the tests (dot-sourced after common.ps1 and history.ps1): a tmux server of the
# test run's own (-L with a unique socket name, killed even when a test fails), sessions that run
# PowerShell with the built module, keys sent with send-keys, and the screen read with capture-pane.
# Every wait polls the screen against a deadline.

function Start-TerminalServer {
    # A private tmux server; nothing runs until Start-TerminalSession.
    if (-not (Get-Command tmux -CommandType Application -ErrorAction SilentlyContinue)) {
        throw "tmux is not installed (Debian package tmux, listed in .ci/apt-packages)."
    }
    [pscustomobject]@{ Socket = 'nut-show-' + [guid]::NewGuid().ToString('N').Substring(0, 12); Sessions = 0 }
}

function Stop-TerminalServer {
    param([Parameter(Mandatory)] $Server)
    & tmux -L $Server.Socket kill-server 2>$null
}

function Invoke-Tmux {
    # The arguments come as one array, so tmux's own switches (-d, -s) never meet PowerShell's binder.
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string[]] $Arguments)
    $output = & tmux -u -L $Server.Socket @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "tmux $($Arguments -join ' ') failed: $output" }
    $output
}

function Start-TerminalSession {
    # Starts a session of Width x Height cells running PowerShell with the module imported, a fixed
    # prompt and no history file; $Setup runs first, and the screen shows 'BEFORE-VIEW' when it is ready.
    # $Prefix goes before pwsh (e.g. ip netns exec <ns>). Returns the session's name.
    param(
        [Parameter(Mandatory)] $Server,
        [int] $Width = 80,
        [int] $Height = 24,
        [string] $Setup = '',
        [string[]] $Prefix = @(),
        [hashtable] $Environment = @{},
        [switch] $NonInteractive
    )
    $Server.Sessions++
    $name = "s$($Server.Sessions)"
    $script = @(
        "Import-Module '$script:ModuleManifest'"
        "function global:prompt { 'PS-READY> ' }"
        "if (Get-Module PSReadLine) { Set-PSReadLineOption -HistorySaveStyle SaveNothing -PredictionSource None }"
        $Setup
        "Write-Host 'BEFORE-VIEW'"
    ) -join "`n"
    $switches = if ($NonInteractive) { @('-NonInteractive') } else { @('-NoExit') }
    $command = @($Prefix) + @(Get-PwshCommand) + @('-NoProfile', '-NoLogo') + $switches + @('-Command', $script)
    $variables = @{ LANG = 'C.UTF-8' } + $Environment
    $envArgs = foreach ($key in $variables.Keys) { '-e'; "$key=$($variables[$key])" }
    Invoke-Tmux $Server (@('new-session', '-d', '-s', $name, '-x', "$Width", '-y', "$Height", '-c', [IO.Path]::GetTempPath()) + @($envArgs) + @('--') + $command) | Out-Null
    $name
}

function Get-TerminalScreen {
    # The visible screen as lines; -Escapes keeps the colour and style sequences.
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Session, [switch] $Escapes)
    $options = if ($Escapes) { @('-p', '-e') } else { @('-p') }
    @(Invoke-Tmux $Server (@('capture-pane', '-t', $Session) + $options))
}

function Wait-TerminalScreen {
    # Polls the screen until $Condition (given the lines as $args[0]) holds; returns the lines, or throws
    # with the last screen when the deadline passes.
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Session, [Parameter(Mandatory)] [scriptblock] $Condition,
        [double] $TimeoutSeconds = 30, [switch] $Escapes, [string] $Because = 'the screen to change')
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    do {
        $lines = Get-TerminalScreen $Server $Session -Escapes:$Escapes
        if (& $Condition $lines) { return , $lines }
        Start-Sleep -Milliseconds 50
    } while ([DateTime]::UtcNow -lt $deadline)
    throw "Waited $TimeoutSeconds s for $Because; the screen shows:`n$($lines -join "`n")"
}

function Send-TerminalKey {
    # Sends tmux key names (q, Enter, C-c, Escape, Left); -Literal sends the text as typed.
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Session, [Parameter(Mandatory)] [string[]] $Key, [switch] $Literal)
    $options = if ($Literal) { @('-l') } else { @() }
    Invoke-Tmux $Server (@('send-keys', '-t', $Session) + $options + $Key) | Out-Null
}

function Resize-Terminal {
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Session, [int] $Width, [int] $Height)
    Invoke-Tmux $Server @('resize-window', '-t', $Session, '-x', "$Width", '-y', "$Height") | Out-Null
}

function Get-PanePid {
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Session)
    [int](Invoke-Tmux $Server @('display-message', '-p', '-t', $Session, '#{pane_pid}'))
}

function New-LoopbackNamespace {
    # A network namespace with its own loopback up and a veth pair left down (quiet0, quiet1) that moves
    # nothing: traffic on its lo is the test's alone.
    # Leftovers of runs whose process is gone are removed first (the name carries the owner's PID).
    foreach ($ns in @((& ip -j netns list | ConvertFrom-Json) | ForEach-Object name)) {
        if ($ns -match '^nutshow(\d+)x' -and -not (Test-Path "/proc/$($Matches[1])")) { & ip netns del $ns 2>$null }
    }
    $name = "nutshow$($PID)x$(Get-Random -Maximum 100000)"
    & ip netns add $name
    if ($LASTEXITCODE -ne 0) { throw "ip netns add $name failed." }
    & ip -n $name link set lo up
    & ip -n $name link add quiet0 type veth peer name quiet1
    $name
}

function Remove-LoopbackNamespace {
    param([string] $Name)
    if ($Name) { & ip netns del $Name 2>$null }
}

function Get-LoopbackNamespaceSkipReason {
    if (-not $IsLinux) { return 'network namespaces exist on Linux only' }
    if ((& id -u) -ne '0') { return 'creating a network namespace needs root (CI runs the tests as root)' }
    if (-not (Get-Command ip -CommandType Application -ErrorAction SilentlyContinue)) { return "the 'ip' command (iproute2) is not installed" }
    $null
}

$script:PacedSenderScript = @'
import socket, sys, threading, time
total, chunk, gap = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
got = [0]
def drain():
    connection, _ = server.accept()
    while True:
        data = connection.recv(1 << 20)
        if not data:
            break
        got[0] += len(data)
reader = threading.Thread(target=drain)
reader.start()
client = socket.create_connection(server.getsockname())
payload = b"\0" * chunk
start = time.monotonic()
for i in range(total // chunk):
    # Chunks on a fixed schedule from the start, so a late one does not slow the rest.
    wait = start + i * gap - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    client.sendall(payload)
client.close()
reader.join()
print("received", got[0], "in", round(time.monotonic() - start, 3), "s")
'@

function Start-PacedLoopbackTraffic {
    # Sends $Total bytes over TCP on 127.0.0.1 inside namespace $Namespace, in $Chunk-byte pieces $Gap
    # seconds apart; returns the python3 process (its output says what arrived).
    param([Parameter(Mandatory)] [string] $Namespace, [int] $Total, [int] $Chunk, [double] $Gap)
    $info = [Diagnostics.ProcessStartInfo]::new('ip')
    foreach ($a in @('netns', 'exec', $Namespace, '/usr/bin/python3', '-c', $script:PacedSenderScript, "$Total", "$Chunk",
            $Gap.ToString([cultureinfo]::InvariantCulture))) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    [Diagnostics.Process]::Start($info)
}

function ConvertFrom-SizeText {
    # '16.02 MB' (as the view shows sizes and rates, invariant culture) -> bytes.
    param([Parameter(Mandatory)] [string] $Text)
    if ($Text -notmatch '^([\d.]+) (B|KB|MB|GB|TB)') { throw "'$Text' is not a size." }
    $power = @{ B = 0; KB = 1; MB = 2; GB = 3; TB = 4 }[$Matches[2]]
    [double]::Parse($Matches[1], [cultureinfo]::InvariantCulture) * [math]::Pow(1024, $power)
}
