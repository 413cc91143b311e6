# Dot-sourced by the *-NetUsageTask tests: runs the cmdlets against a throwaway home, config folder and
# crontab. HOME and XDG_CONFIG_HOME point into $TestDrive; PATH starts with a folder holding
# - systemctl: a stand-in (no systemd user manager runs here) that logs its arguments and either
#   answers like a user manager or fails like a session without one;
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
esac
exit 0
'@
    & chmod +x (Join-Path $script:SandboxBin 'crontab') (Join-Path $script:SandboxBin 'systemctl')
    $script:SavedEnvironment = @{}
    foreach ($name in 'HOME', 'XDG_CONFIG_HOME', 'PATH', 'NETUSAGETRACKER_DB', 'NUT_SYSTEMCTL_LOG', 'NUT_SYSTEMCTL_MODE') {
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
