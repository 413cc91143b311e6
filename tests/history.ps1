# Shared by the history Pester files (after common.ps1): real SQLite files, child processes, file checks.

function New-HistoryPath {
    # A fresh history file name in its own folder under $TestDrive.
    $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $folder | Out-Null
    Join-Path $folder 'usage.db'
}

function Invoke-HistorySql {
    # Runs one query against a history file through the module's own SQLite and returns the first column.
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Sql)
    $db = [NetUsageTracker.History.HistoryDatabase]::Open($Path, $false, $null)
    try {
        $statement = $db.Command($Sql)
        while ($statement.Step()) { if ($statement.IsNull(0)) { $null } else { $statement.GetString(0) } }
        $statement.Dispose()
    }
    finally {
        $db.Dispose()
    }
}

function Get-HistoryBaseline {
    # The counter value the history last stored for an interface (received bytes).
    param([string] $Path, [string] $InterfaceName)
    [uint64](Invoke-HistorySql -Path $Path -Sql "SELECT rx FROM interface_state WHERE interface = '$InterfaceName';")
}

function Get-HistoryTotal {
    # All bytes received that the history counted for an interface (the yearly roll-up is kept for ever).
    param([string] $Path, [string] $InterfaceName)
    $sum = [uint64]0
    Get-NetUsageHistory -Path $Path -InterfaceName $InterfaceName -By Year | ForEach-Object { $sum += $_.BytesReceived }
    $sum
}

function Get-PwshCommand {
    # This PowerShell as a command line for a child process (dotnet pwsh.dll when run as a dotnet tool).
    $self = (Get-Process -Id $PID).Path
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ((Split-Path $self -Leaf) -match '^dotnet(\.exe)?$' -and (Test-Path $dll)) { return @($self, $dll) }
    @($self)
}

function Start-PwshProcess {
    # Starts a child PowerShell that imports the built module and runs $Script; returns the Process.
    # -Wrapper runs it through another command first (ip netns exec <ns>, unshare --time ...).
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{}, [string[]] $Wrapper = @())
    $pwsh = @($Wrapper) + @(Get-PwshCommand)
    $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($a in ($pwsh | Select-Object -Skip 1)) { $info.ArgumentList.Add($a) }
    foreach ($a in @('-NoProfile', '-NonInteractive', '-Command', "Import-Module '$script:ModuleManifest'; $Script")) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
    [System.Diagnostics.Process]::Start($info)
}

function Get-TerminatingError {
    # Runs a command that should stop with a terminating error and returns that ErrorRecord.
    param([Parameter(Mandatory)] [scriptblock] $Command)
    try {
        & $Command
    }
    catch {
        return $_
    }
    throw 'The command did not stop with a terminating error.'
}

function New-RecordedHistory {
    # A history with two recordings and $Bytes of loopback traffic between them; returns its path.
    param([int] $Bytes = 1MB)
    $path = New-HistoryPath
    Update-NetUsageHistory -Path $path
    Send-LoopbackBytes -Count $Bytes
    Update-NetUsageHistory -Path $path
    $path
}

function Invoke-PwshJson {
    # Runs $Script in a child PowerShell (see Start-PwshProcess) and returns what it wrote as JSON.
    param([Parameter(Mandatory)] [string] $Script, [string[]] $Wrapper = @(), [double] $TimeoutSeconds = 60)
    $child = Start-PwshProcess -Script "$Script | ConvertTo-Json -Depth 5 -Compress" -Wrapper $Wrapper
    $output = $child.StandardOutput.ReadToEndAsync()
    if (-not $child.WaitForExit([int]($TimeoutSeconds * 1000))) { $child.Kill(); throw "The child PowerShell did not finish within $TimeoutSeconds s." }
    if ($child.ExitCode -ne 0) { throw "The child PowerShell failed ($($child.ExitCode)): $($child.StandardError.ReadToEnd())" }
    $output.Result | ConvertFrom-Json
}

function New-TestUser {
    # A user of the test's own (no home, no login shell): $Prefix and a random tail. The caller removes it with
    # userdel, in a finally.
    param([Parameter(Mandatory)] [string] $Prefix)
    $user = $Prefix + [guid]::NewGuid().ToString('N').Substring(0, 8)
    & useradd --no-create-home --no-user-group --shell /usr/sbin/nologin $user
    if ($LASTEXITCODE -ne 0) { throw "useradd $user failed." }
    $user
}

function Get-PwshCommandForUser {
    # Get-PwshCommand for a user of the test's own: it cannot read root's home, where the dotnet tool keeps
    # PowerShell, so it runs a copy under $TestDrive (made once per test file).
    $copy = Join-Path $TestDrive 'pwsh'
    if (-not (Test-Path $copy)) { Copy-Item -Recurse $PSHOME $copy }
    @((Get-PwshCommand)[0], (Join-Path $copy 'pwsh.dll'))
}

function Invoke-AsTestUser {
    # Runs $Script as a user of the test's own (made and removed here), with the module imported and $work naming
    # a folder the user owns (-Prepare gets its path to fill it first), and returns what the script wrote, through
    # JSON, once it is sure the script ran as that user and ended well. $PSHOME lies under /root, which other users
    # cannot enter, so a private mount namespace shows it to them at a path of the test's.
    param([Parameter(Mandatory)] [string] $Script, [scriptblock] $Prepare = {}, [string] $Prefix = 'nutuser')
    $user = New-TestUser -Prefix $Prefix
    try {
        $userHome = Join-Path $TestDrive "home-$user"
        $shown = Join-Path $TestDrive "pwsh-$user"
        New-Item -ItemType Directory -Path $userHome, $shown | Out-Null
        & $Prepare $userHome
        & chown -R $user $userHome
        & chmod 755 $TestDrive
        $full = "Import-Module '$script:ModuleManifest' -ErrorAction Stop; `$work = '$userHome'; " +
            "[pscustomobject]@{ User = [Environment]::UserName; Result = & { $Script } } | ConvertTo-Json -Depth 5 -Compress"
        $dotnet = (Get-PwshCommand)[0]
        $output = & unshare --mount --propagation private sh -c 'mount --bind "$1" "$2" && shift 2 && exec runuser -u "$@"' sh `
            $PSHOME $shown $user -- env "HOME=$userHome" $dotnet (Join-Path $shown 'pwsh.dll') -NoProfile -NonInteractive -Command $full 2>&1
        $LASTEXITCODE | Should -Be 0 -Because "$output"
        $answer = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $answer.User | Should -Be $user -Because "$output"
        $answer.Result
    }
    finally {
        & userdel $user
    }
}
