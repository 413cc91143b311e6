# The toast on Windows: Windows PowerShell 5.1 runs a constant script, and the title and message travel
# only in its environment. A stand-in powershell.exe records the exact command line and environment;
# the toast on screen needs a real Windows desktop.

BeforeDiscovery {
    $texts = @(
        'plain', '& < > " '' \ %', '$(Remove-Item x) `n ${env:PATH} @(1) ; | > out.txt', "line one`nline two`r`nline three",
        '<script>alert(1)</script> &amp; <b>bold</b> ]]> <!--', '%PATH% %% ^& !x!', 'Unicode: é 中文 📶', 'trailing backslash \',
        "$([char]0x2018)single$([char]0x2019) and $([char]0x201C)double$([char]0x201D) quotes"
    ) | ForEach-Object { @{ Text = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'WindowsLane.ps1')
    $script:toastScript = [NetUsageTracker.Alerts.WindowsToastNotifier].GetField('Script', [Reflection.BindingFlags]'NonPublic,Static').GetValue($null)
    $script:encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($toastScript))
}

Describe 'The toast through a stand-in powershell.exe' {
    BeforeEach {
        $standIn = Enter-StandInSystemRoot
        $powershell = Join-Path $standIn.SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
    }

    AfterEach {
        Exit-StandInSystemRoot $standIn
    }

    It 'starts Windows PowerShell by its full path with the constant command, the text only in its environment: <Text>' -ForEach $texts {
        Invoke-WithDeadline {
            Send-NetUsageNotification -Title "Title $Text" -Message $Text -ErrorAction Stop
            $calls = @(Get-StandInCall $standIn)
            $calls.Count | Should -Be 1
            $calls[0].Path | Should -BeExactly $powershell
            $calls[0].CommandLine | Should -BeExactly "`"$powershell`" -NoProfile -NonInteractive -WindowStyle Hidden -EncodedCommand $encoded"
            $calls[0].Environment.NETUSAGETRACKER_NOTIFY_TITLE | Should -BeExactly "Title $Text"
            $calls[0].Environment.NETUSAGETRACKER_NOTIFY_MESSAGE | Should -BeExactly $Text
        }
    }

    It 'reports a powershell.exe that fails as NotificationFailed, with what it printed' {
        Invoke-WithDeadline {
            Set-StandInReply $standIn powershell @('-NoProfile', '-NonInteractive', '-WindowStyle', 'Hidden', '-EncodedCommand', $encoded) -ExitCode 1 -Output 'toast: no toast here'
            Send-NetUsageNotification -Title 't' -Message 'm' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'NotificationFailed,NetUsageTracker.Commands.SendNetUsageNotificationCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $failures[0].ErrorDetails.Message | Should -BeLike '*powershell.exe failed with exit code 1: toast: no toast here*'
        }
    }
}
