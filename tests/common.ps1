# Shared by every Pester file: loads the built module (never the source tree) and offers loopback helpers.
$script:ModuleManifest = $env:NETUSAGETRACKER_MODULE
if (-not $script:ModuleManifest) {
    throw 'Run the tests through ./build.ps1 -Task Test: NETUSAGETRACKER_MODULE names the built module.'
}
Import-Module $script:ModuleManifest -Force -ErrorAction Stop

function Get-LoopbackName {
    # The loopback interface's name on this system (lo on Linux).
    (Get-NetConnectionInfo -IncludeLoopback | Where-Object InterfaceType -eq 'Loopback' | Select-Object -First 1).InterfaceName
}

function Send-LoopbackBytes {
    # Sends exactly $Count bytes over a TCP connection on 127.0.0.1 and waits until the receiver has them all.
    param([Parameter(Mandatory)] [int] $Count)
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try {
        $client = [System.Net.Sockets.TcpClient]::new()
        $client.Connect([System.Net.IPAddress]::Loopback, $listener.LocalEndpoint.Port)
        $server = $listener.AcceptTcpClient()
        try {
            $payload = [byte[]]::new($Count)
            $write = $client.GetStream().WriteAsync($payload, 0, $Count)
            $buffer = [byte[]]::new(65536)
            $received = 0
            $stream = $server.GetStream()
            while ($received -lt $Count) {
                $n = $stream.Read($buffer, 0, $buffer.Length)
                if ($n -eq 0) { break }
                $received += $n
            }
            $write.Wait()
            if ($received -ne $Count) { throw "Received $received of $Count bytes." }
        }
        finally {
            $client.Dispose()
            $server.Dispose()
        }
    }
    finally {
        $listener.Stop()
    }
}

function Start-BackgroundCommand {
    # Runs a script in its own runspace (with the module imported) and returns the PowerShell, its
    # output collection and the async handle, so a test can watch a streaming cmdlet and Stop() it.
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Variables = @{})
    $ps = [PowerShell]::Create()
    foreach ($name in $Variables.Keys) {
        $null = $ps.AddCommand('Set-Variable').AddParameter('Name', $name).AddParameter('Value', $Variables[$name]).AddStatement()
    }
    $null = $ps.AddCommand('Import-Module').AddParameter('Name', $script:ModuleManifest).AddStatement()
    $null = $ps.AddScript($Script)
    $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $noInput.Complete() # no pipeline input: an open input collection would keep the command waiting
    $handle = $ps.BeginInvoke($noInput, $output)
    [pscustomobject]@{ PowerShell = $ps; Output = $output; Handle = $handle }
}

function Wait-Until {
    # Polls a condition until it holds or the deadline passes; returns whether it held.
    param([Parameter(Mandatory)] [scriptblock] $Condition, [double] $TimeoutSeconds = 20)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (& $Condition) { return $true }
        Start-Sleep -Milliseconds 20
    }
    return [bool](& $Condition)
}

function Get-Collected {
    # The items of a PSDataCollection so far. Enumerating one that a running pipeline still writes to
    # blocks until the pipeline ends, so read it by index instead.
    param([Parameter(Mandatory)] [AllowEmptyCollection()] $Collection)
    for ($i = 0; $i -lt $Collection.Count; $i++) { $Collection[$i] }
}

function Stop-BackgroundCommand {
    # Stops a command from Start-BackgroundCommand, waits until it has really ended, then disposes it:
    # disposing a PowerShell whose pipeline is still unwinding can take the test process down.
    param([Parameter(Mandatory)] $Job)
    $Job.PowerShell.Stop()
    $null = $Job.Handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30))
    $Job.PowerShell.Dispose()
}
