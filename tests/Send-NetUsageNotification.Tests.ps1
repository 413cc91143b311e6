BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'alerts.ps1')
    $script:Adversarial = Get-AdversarialNotification
    $script:NoService = Get-NoNotificationServiceCase
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'alerts.ps1')
    $script:bus = Enter-PrivateBus

    function Send-Adversarial {
        # Sends every adversarial notification and returns what the server received, in order.
        Clear-MockNotification $bus
        foreach ($case in Get-AdversarialNotification) { Send-NetUsageNotification -Title $case.Title -Message $case.Message }
        Get-MockNotification $bus
    }
}

AfterAll {
    Exit-PrivateBus $bus
}

Describe 'Send-NetUsageNotification' {
    Context 'with a notification server that shows plain text' {
        BeforeAll {
            $script:server = Start-NotificationServer -Bus $bus -Capabilities 'body'
            $script:received = Send-Adversarial
        }
        AfterAll { Stop-NotificationServer $server }

        It 'delivers <Name> byte-exact' -ForEach $Adversarial {
            $received.Count | Should -Be $Adversarial.Count
            $received[$Index].App | Should -Be 'NetUsageTracker'
            $received[$Index].Summary | Should -Be (ConvertTo-Utf8Hex $Title)
            $received[$Index].Body | Should -Be (ConvertTo-Utf8Hex $Message)
        }

        It 'sends one notification per message from the pipeline and returns them with -PassThru' {
            Clear-MockNotification $bus
            $sent = 'first', 'second' | Send-NetUsageNotification 'Batch' -PassThru

            $sent.Count | Should -Be 2
            $sent[0].PSObject.TypeNames[0] | Should -Be 'NetUsageTracker.NetUsageNotification'
            $sent[1].Message | Should -Be 'second'
            $sent[1].Notifier | Should -Be 'the freedesktop notification service'
            (Get-MockNotification $bus).Body | Should -Be @((ConvertTo-Utf8Hex 'first'), (ConvertTo-Utf8Hex 'second'))
        }

        It 'writes nothing without -PassThru' {
            Send-NetUsageNotification -Title t -Message m | Should -BeNullOrEmpty
        }
    }

    Context 'with a notification server that renders body markup' {
        BeforeAll {
            $script:server = Start-NotificationServer -Bus $bus
            $script:received = Send-Adversarial
        }
        AfterAll { Stop-NotificationServer $server }

        It 'escapes the body of <Name> and leaves the title as it is' -ForEach $Adversarial {
            $received.Count | Should -Be $Adversarial.Count
            $received[$Index].Summary | Should -Be (ConvertTo-Utf8Hex $Title)
            $escaped = $Message.Replace('&', '&amp;').Replace('<', '&lt;').Replace('>', '&gt;')
            $received[$Index].Body | Should -Be (ConvertTo-Utf8Hex $escaped)
        }
    }

    Context 'without a notification service' {
        It 'fails with NotificationServiceUnavailable when <Name>' -ForEach $NoService {
            Set-NoNotificationService $bus $Address
            try {
                $failure = $null
                try { Send-NetUsageNotification -Title t -Message m } catch { $failure = $_ }
            }
            finally {
                Reset-NotificationService $bus
            }

            $failure | Should -Not -BeNullOrEmpty
            $failure.FullyQualifiedErrorId | Should -Be 'NotificationServiceUnavailable,NetUsageTracker.Commands.SendNetUsageNotificationCommand'
            $failure.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $failure.ErrorDetails.Message | Should -BeLike "The notification could not be shown by the freedesktop notification service: *$Reason*"
        }
    }

    It 'rejects an empty <Name>' -ForEach @(@{ Name = 'Title' }, @{ Name = 'Message' }) {
        $arguments = @{ Title = 't'; Message = 'm' }
        $arguments[$Name] = ''
        { Send-NetUsageNotification @arguments } | Should -Throw -ErrorId "ParameterArgumentValidationError,NetUsageTracker.Commands.SendNetUsageNotificationCommand"
    }

    It 'has a Windows toast script that is valid PowerShell and reads its text only from the environment' {
        # The script runs on Windows only; here its syntax and data flow are checked with the parser.
        $script = [NetUsageTracker.Alerts.WindowsToastNotifier].GetField('Script', [Reflection.BindingFlags]'NonPublic,Static').GetValue($null)
        $tokens = $errors = $null
        $ast = [Management.Automation.Language.Parser]::ParseInput($script, [ref]$tokens, [ref]$errors)

        $errors | Should -BeNullOrEmpty
        $expandable = $ast.FindAll({ param($n) $n -is [Management.Automation.Language.ExpandableStringExpressionAst] }, $true)
        $expandable | Should -BeNullOrEmpty
        $invocations = $ast.FindAll({ param($n) $n -is [Management.Automation.Language.InvokeMemberExpressionAst] }, $true)
        $calls = $invocations.Member.Value
        $calls | Should -Contain 'CreateTextNode'
        $calls | Should -Not -Contain 'SetAttribute'
        # Markup comes only from the constant template; the text only through CreateTextNode.
        $loads = @($invocations | Where-Object { $_.Member.Value -eq 'LoadXml' })
        $loads.Count | Should -Be 1
        $loads[0].Arguments[0] | Should -BeOfType ([Management.Automation.Language.StringConstantExpressionAst])
    }
}
