# Shared by the alert tests (dot-sourced after common.ps1): private D-Bus session buses, a real
# notification server on them (python3-dbusmock's notification_daemon template, which records every
# call), and loopback traffic in the background while a watch runs in the foreground.

$script:BusConfig = @'
<busconfig>
  <type>session</type>
  <!-- Required by the daemon; replaced by the address given on the command line. -->
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
'@

# Reads the Notify calls the mock server recorded (or clears them), as JSON with the UTF-8 bytes of
# summary and body in hex, so the comparison is byte for byte and no console encoding is involved.
$script:MockCallsScript = @'
import dbus, json, sys
bus = dbus.bus.BusConnection(sys.argv[1])
mock = bus.get_object('org.freedesktop.Notifications', '/org/freedesktop/Notifications')
if sys.argv[2] == 'clear':
    mock.ClearCalls(dbus_interface='org.freedesktop.DBus.Mock')
else:
    calls = mock.GetCalls(dbus_interface='org.freedesktop.DBus.Mock')
    print(json.dumps([{'App': str(a[0]), 'Summary': a[3].encode('utf-8').hex(), 'Body': a[4].encode('utf-8').hex()}
                      for (t, m, a) in calls if m == 'Notify']))
'@

function Get-AdversarialNotification {
    # Titles and messages that break naive quoting, markup or scripts, numbered in sending order; built
    # from code points so the file's own encoding cannot change them.
    $cases = @(
        @{ Name = 'markup and shell characters'; Title = '& < > " '' \ %'; Message = 'a & b < c > d " e '' f \ g % h' }
        @{ Name = 'a leading dash'; Title = '-Title'; Message = '--message -e x' }
        @{ Name = 'typographic quotes'; Title = "$([char]0x2018)single$([char]0x2019)"; Message = "$([char]0x201C)double$([char]0x201D) and $([char]0x2018)x$([char]0x2019)" }
        @{ Name = 'newlines and tabs'; Title = "two`nlines"; Message = "line 1`nline 2`r`n`tline 3" }
        @{ Name = 'PowerShell and cmd syntax'; Title = '$(Get-Date) ${env:HOME}'; Message = '`n $x @(1) ; | > out.txt %PATH% ^& !x!' }
        @{ Name = 'markup'; Title = '<b>bold</b>'; Message = '<i>it</i> &amp; <a href="x">link</a> ]]> <!--' }
        @{ Name = 'Unicode'; Title = "caf$([char]0xE9) $([char]0x4E2D)$([char]0x6587)"; Message = "$([char]0x0645)$([char]0x0631)$([char]0x062D)$([char]0x0628)$([char]0x0627) $([char]::ConvertFromUtf32(0x1F4F6))" }
        @{ Name = 'a 2,000-character message'; Title = 'long'; Message = ('x' * 1000) + ([string][char]0xE9) + ('<&' * 499) + '!' }
    )
    for ($i = 0; $i -lt $cases.Count; $i++) { $cases[$i].Index = $i }
    $cases
}

function Start-PrivateBus {
    # A dbus-daemon of the test's own with no service activation: only what the test starts answers.
    $dir = Join-Path ([IO.Path]::GetTempPath()) ('nut-bus-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $null = New-Item -ItemType Directory -Path $dir
    Set-Content -Path (Join-Path $dir 'bus.conf') -Value $script:BusConfig
    $lines = @(& dbus-daemon "--config-file=$dir/bus.conf" "--address=unix:path=$dir/socket" --fork --print-address=1 --print-pid=1)
    if ($LASTEXITCODE -ne 0 -or $lines.Count -lt 2) { throw "dbus-daemon did not start: $lines" }
    [pscustomobject]@{ Address = $lines[0]; Pid = [int]$lines[1]; Directory = $dir }
}

function Stop-PrivateBus {
    param([Parameter(Mandatory)] $Bus)
    Stop-Process -Id $Bus.Pid -ErrorAction SilentlyContinue
    Remove-Item -Path $Bus.Directory -Recurse -Force -ErrorAction SilentlyContinue
}

function Enter-PrivateBus {
    # Starts a private bus and points this process (and so the module) at it; Exit-PrivateBus undoes both.
    $bus = Start-PrivateBus
    $bus | Add-Member -NotePropertyName Saved -NotePropertyValue @{ Address = $env:DBUS_SESSION_BUS_ADDRESS; Runtime = $env:XDG_RUNTIME_DIR }
    $env:DBUS_SESSION_BUS_ADDRESS = $bus.Address
    $bus
}

function Exit-PrivateBus {
    param([Parameter(Mandatory)] $Bus)
    Stop-PrivateBus $Bus
    $env:DBUS_SESSION_BUS_ADDRESS = $Bus.Saved.Address
    $env:XDG_RUNTIME_DIR = $Bus.Saved.Runtime
}

function Get-NoNotificationServiceCase {
    # The ways a notification finds no service, with words its reason must contain; Address 'bus'
    # means the private bus, on which no notification server runs.
    @{ Name = 'no server runs on the bus'; Address = 'bus'; Reason = 'no notification server is running' }
    @{ Name = 'the bus cannot be reached'; Address = 'unix:path=/nonexistent/nut/bus'; Reason = 'cannot be reached' }
    @{ Name = 'there is no session bus'; Address = ''; Reason = 'there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set' }
}

function Set-NoNotificationService {
    # Points the module at one case of Get-NoNotificationServiceCase; Reset-NotificationService undoes it.
    param([Parameter(Mandatory)] $Bus, [Parameter(Mandatory)] [AllowEmptyString()] [string] $Address)
    $env:DBUS_SESSION_BUS_ADDRESS = if ($Address -eq 'bus') { $Bus.Address } else { $Address }
    $env:XDG_RUNTIME_DIR = ''
}

function Reset-NotificationService {
    param([Parameter(Mandatory)] $Bus)
    $env:DBUS_SESSION_BUS_ADDRESS = $Bus.Address
    $env:XDG_RUNTIME_DIR = $Bus.Saved.Runtime
}

function Test-BusName {
    param([Parameter(Mandatory)] $Bus, [string] $Name = 'org.freedesktop.Notifications')
    $reply = & dbus-send "--bus=$($Bus.Address)" --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner "string:$Name" 2>$null
    [bool]($reply -match 'boolean true')
}

function Start-NotificationServer {
    # The freedesktop notification server of python3-dbusmock on the bus; -Capabilities as its
    # GetCapabilities answer ('body' only: plain text; the default list includes 'body-markup').
    param([Parameter(Mandatory)] $Bus, [string] $Capabilities)
    $start = [Diagnostics.ProcessStartInfo]::new('/usr/bin/python3')
    foreach ($a in @('-m', 'dbusmock', '--session', '-t', 'notification_daemon')) { $start.ArgumentList.Add($a) }
    if ($Capabilities) {
        $start.ArgumentList.Add('-p')
        $start.ArgumentList.Add((@{ capabilities = $Capabilities } | ConvertTo-Json -Compress))
    }
    $start.Environment['DBUS_SESSION_BUS_ADDRESS'] = $Bus.Address
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $server = [Diagnostics.Process]::Start($start)
    if (-not (Wait-Until { Test-BusName $Bus } -TimeoutSeconds 20)) {
        $server.Kill()
        throw 'The mock notification server did not take its bus name.'
    }
    $server
}

function Stop-NotificationServer {
    param([Parameter(Mandatory)] [Diagnostics.Process] $Server)
    if (-not $Server.HasExited) { $Server.Kill() }
    $Server.Dispose()
}

function Get-MockNotification {
    # The notifications the mock server received, oldest first.
    param([Parameter(Mandatory)] $Bus)
    $json = & /usr/bin/python3 -c $script:MockCallsScript $Bus.Address 'get'
    if ($LASTEXITCODE -ne 0) { throw 'Reading the mock server''s calls failed.' }
    @($json | ConvertFrom-Json | ForEach-Object { $_ })
}

function Clear-MockNotification {
    param([Parameter(Mandatory)] $Bus)
    & /usr/bin/python3 -c $script:MockCallsScript $Bus.Address 'clear'
}

function ConvertTo-Utf8Hex {
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Text)
    [Convert]::ToHexString([Text.Encoding]::UTF8.GetBytes($Text)).ToLowerInvariant()
}

function Start-LoopbackTraffic {
    # Sends $ChunkBytes over loopback up to $Chunks times, $DelayMs apart, from a background runspace
    # until Stop-LoopbackTraffic; returns once the first chunk has gone, so a watch started next sees
    # traffic at once.
    param([int] $ChunkBytes = 512KB, [int] $Chunks = 150, [int] $DelayMs = 20)
    $control = [hashtable]::Synchronized(@{ Stop = $false })
    $job = Start-BackgroundCommand -Variables @{
        sendText = ${function:Send-LoopbackBytes}.ToString(); chunkBytes = $ChunkBytes; chunks = $Chunks; delayMs = $DelayMs; control = $control
    } -Script @'
$send = [scriptblock]::Create($sendText)
for ($i = 0; $i -lt $chunks -and -not $control.Stop; $i++) {
    & $send -Count $chunkBytes
    if ($i -eq 0) { 'started' }
    Start-Sleep -Milliseconds $delayMs
}
'@
    $job | Add-Member -NotePropertyName Control -NotePropertyValue $control
    if (-not (Wait-Until { $job.Output.Count -gt 0 -or $job.Handle.IsCompleted })) { throw 'The loopback traffic did not start.' }
    $job
}

function Stop-LoopbackTraffic {
    # Asks the sender to stop after its current chunk and waits for it (PowerShell.Stop on a batch
    # of statements can outlive Dispose and bring the process down).
    param([Parameter(Mandatory)] $Job)
    $Job.Control.Stop = $true
    $null = $Job.PowerShell.EndInvoke($Job.Handle)
    $Job.PowerShell.Dispose()
}
