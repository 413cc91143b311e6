# Dot-sourced by the *-NetUsageTask tests: runs the cmdlets against a throwaway home, config folder and
# crontab. HOME and XDG_CONFIG_HOME point into $TestDrive; PATH starts with a folder holding
# - systemctl: a stand-in (no systemd user manager runs here) that logs its arguments and either
#   answers like a user manager (its environment is $NUT_SYSTEMCTL_ENVIRONMENT; the resident service
#   runs as $NUT_SYSTEMCTL_MAINPID when set) or fails like a session without one;
# - crontab: the real Debian crontab, aimed (-u) at a user created for the test file, so the real
#   crontab of whoever runs the tests is never read or written.

function Initialize-ScheduleSandbox {
    # Once per test file: the throwaway user and the stand-in commands.
    $script:CronUser = 'nutcron' + [Guid]::NewGuid().ToString('N').Substring(0, 8)
    & useradd --no-create-home --no-user-group --shell /usr/sbin/nologin $script:CronUser
    if ($LASTEXITCODE -ne 0) { throw "useradd $script:CronUser failed." }

    $script:SandboxBin = Join-Path $TestDrive 'bin'
    New-Item -ItemType Directory -Path $script:SandboxBin -Force | Out-Null
    $script:RealCrontab = (Get-Command crontab -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    Set-Content -Path (Join-Path $script:SandboxBin 'crontab') -Value "#!/bin/sh`nexec '$script:RealCrontab' -u '$script:CronUser' `"`$@`"`n" -NoNewline
    Set-Content -Path (Join-Path $script:SandboxBin 'systemctl') -NoNewline -Value @'
#!/bin/sh
printf '%s\n' "$*" >> "$NUT_SYSTEMCTL_LOG"
if [ "$NUT_SYSTEMCTL_MODE" = absent ]; then
    echo 'Failed to connect to bus: No medium found' >&2
    exit 1
fi
case "$*" in
    *list-timers*) echo 'Wed 2026-11-25 22:05:00 UTC 2min 10s left Wed 2026-11-25 22:00:00 UTC 2min 49s ago netusagetracker-record.timer netusagetracker-record.service' ;;
    *show-environment*) [ -n "$NUT_SYSTEMCTL_ENVIRONMENT" ] && printf '%s\n' "$NUT_SYSTEMCTL_ENVIRONMENT" ;;
    *"show netusagetracker.service"*) if [ -n "$NUT_SYSTEMCTL_MAINPID" ]; then printf 'MainPID=%s\nActiveState=active\n' "$NUT_SYSTEMCTL_MAINPID"; else printf 'MainPID=0\nActiveState=inactive\n'; fi ;;
esac
exit 0
'@
    & chmod +x (Join-Path $script:SandboxBin 'crontab') (Join-Path $script:SandboxBin 'systemctl')
    $script:SavedEnvironment = @{}
    foreach ($name in 'HOME', 'XDG_CONFIG_HOME', 'PATH', 'NETUSAGETRACKER_DB', 'NUT_SYSTEMCTL_LOG', 'NUT_SYSTEMCTL_MODE', 'NUT_SYSTEMCTL_MAINPID', 'NUT_SYSTEMCTL_ENVIRONMENT') {
        $script:SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }
}

function Remove-ScheduleSandbox {
    foreach ($name in $script:SavedEnvironment.Keys) {
        [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name])
    }
    if ($script:CronUser) {
        & sh -c "'$script:RealCrontab' -u '$script:CronUser' -r 2>/dev/null; userdel '$script:CronUser'"
    }
}

function Enter-ScheduleSandbox {
    # A fresh home and crontab for one test. -Systemd: systemctl answers like a user manager.
    param([switch] $Systemd, [switch] $NoXdgConfigHome)
    $root = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N').Substring(0, 8))
    $sandbox = [pscustomobject]@{
        Home = Join-Path $root 'home'
        ConfigHome = Join-Path $root 'xdg config'
        SystemctlLog = Join-Path $root 'systemctl.log'
    }
    New-Item -ItemType Directory -Path $sandbox.Home -Force | Out-Null
    $env:HOME = $sandbox.Home
    $env:XDG_CONFIG_HOME = if ($NoXdgConfigHome) { $null } else { $sandbox.ConfigHome }
    $env:PATH = $script:SandboxBin + [IO.Path]::PathSeparator + $script:SavedEnvironment['PATH']
    $env:NETUSAGETRACKER_DB = $null
    $env:NUT_SYSTEMCTL_LOG = $sandbox.SystemctlLog
    $env:NUT_SYSTEMCTL_MODE = if ($Systemd) { 'present' } else { 'absent' }
    $env:NUT_SYSTEMCTL_MAINPID = $null
    $env:NUT_SYSTEMCTL_ENVIRONMENT = $null
    Set-SandboxCrontab $null
    $sandbox
}

function Get-SystemctlCalls {
    param($Sandbox)
    if (Test-Path $Sandbox.SystemctlLog) { @(Get-Content $Sandbox.SystemctlLog) } else { @() }
}

# Crontabs are compared as byte strings: one char per byte (Latin-1), so every byte counts and a failure reads well.
$script:ByteEncoding = [Text.Encoding]::GetEncoding(28591)

function ConvertTo-ByteString {
    # The UTF-8 bytes of a text, one char per byte.
    param([string] $Text)
    $script:ByteEncoding.GetString([Text.Encoding]::UTF8.GetBytes($Text))
}

function Set-SandboxCrontab {
    # The throwaway user's crontab, from a byte string; $null removes it.
    param([AllowNull()] [string] $Bytes)
    & sh -c "'$script:RealCrontab' -u '$script:CronUser' -r 2>/dev/null"
    if ($Bytes) {
        $file = Join-Path $TestDrive 'crontab.in'
        [IO.File]::WriteAllBytes($file, $script:ByteEncoding.GetBytes($Bytes))
        & $script:RealCrontab -u $script:CronUser $file
        if ($LASTEXITCODE -ne 0) { throw 'crontab refused the test crontab.' }
    }
}

function Get-SandboxCrontab {
    # The throwaway user's crontab (what `crontab -l` prints) as a byte string; $null when there is none.
    $file = Join-Path $TestDrive 'crontab.out'
    & sh -c "'$script:RealCrontab' -u '$script:CronUser' -l > '$file' 2>/dev/null"
    if ($LASTEXITCODE -ne 0) { return $null }
    $script:ByteEncoding.GetString([IO.File]::ReadAllBytes($file))
}

function Get-CronEnvironment {
    # The environment cron gives a job of this sandbox's user (Debian's cron: HOME from the account, LOGNAME,
    # SHELL and a short PATH; nothing else, so no PSModulePath and no XDG folders).
    @{ HOME = $env:HOME; LOGNAME = 'root'; SHELL = '/bin/sh'; PATH = '/usr/bin:/bin' }
}

function Start-CronCommand {
    # Starts a crontab line's command as cron does: its command field (the marker is a comment to sh)
    # with '\%' made '%' (crontab(5)), run by /bin/sh -c in cron's environment; stdout and stderr go to
    # a file. Returns the process; with -Wait, waits for its end (up to 120 s) and returns the exit code
    # and the output instead.
    param([Parameter(Mandatory)] [string] $Line, [Parameter(Mandatory)] [string] $OutputFile, [switch] $Wait)
    $fields = if ($Line.StartsWith('@')) { 1 } else { 5 }
    $command = ($Line -split ' ', ($fields + 1))[$fields]
    $start = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
    foreach ($a in '-c', ("exec >'$OutputFile' 2>&1`n" + $command.Replace('\%', '%'))) { $start.ArgumentList.Add($a) }
    $start.UseShellExecute = $false
    $start.Environment.Clear()
    $cron = Get-CronEnvironment
    foreach ($name in $cron.Keys) { $start.Environment[$name] = $cron[$name] }
    $process = [Diagnostics.Process]::Start($start)
    if (-not $Wait) { return $process }
    try {
        if (-not $process.WaitForExit(120000)) { throw "The cron command did not end within 120 s: $command" }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = [IO.File]::ReadAllText($OutputFile) }
    }
    finally {
        $process.Dispose()
    }
}
