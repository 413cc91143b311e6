using System;
using System.Diagnostics;
using System.Text;

namespace NetUsageTracker.Alerts
{
    /// <summary>
    /// Windows: a toast. netstandard2.0 has no WinRT projection, so Windows PowerShell 5.1 (always
    /// installed) runs a constant script that reads the text from environment variables, loads the
    /// constant toast template with LoadXml and puts the text into its two text elements with
    /// CreateTextNode: no text ever becomes code, markup or a command-line argument.
    /// </summary>
    public sealed class WindowsToastNotifier : INotifier
    {
        internal const string TitleVariable = "NETUSAGETRACKER_NOTIFY_TITLE";
        internal const string MessageVariable = "NETUSAGETRACKER_NOTIFY_MESSAGE";

        /// <summary>The toast, without its text: the script loads it as it is and fills the two text elements.</summary>
        internal const string Template = "<toast><visual><binding template=\"ToastGeneric\"><text></text><text></text></binding></visual></toast>";

        /// <summary>
        /// Toasts need a registered AppUserModelID; PowerShell's own (its Start-menu shortcut) is always
        /// there. When toasts are unavailable (Server Core, policy), a tray balloon shows the text instead;
        /// it lives only while its process does, hence the pause before the icon goes. WinRT hands back the
        /// nodes AppendChild returns as IXmlNode, which has no SetAttribute: the template carries the attribute.
        /// </summary>
        internal const string Script = @"$ErrorActionPreference = 'Stop'
$title = [Environment]::GetEnvironmentVariable('" + TitleVariable + @"')
$message = [Environment]::GetEnvironmentVariable('" + MessageVariable + @"')
try {
    $null = [Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime]
    $null = [Windows.Data.Xml.Dom.XmlDocument, Windows.Data.Xml.Dom.XmlDocument, ContentType = WindowsRuntime]
    $xml = New-Object Windows.Data.Xml.Dom.XmlDocument
    $xml.LoadXml('" + Template + @"')
    $texts = $xml.GetElementsByTagName('text')
    $null = $texts.Item(0).AppendChild($xml.CreateTextNode($title))
    $null = $texts.Item(1).AppendChild($xml.CreateTextNode($message))
    $appId = '{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe'
    [Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier($appId).Show([Windows.UI.Notifications.ToastNotification]::new($xml))
}
catch {
    $toastError = $_.Exception.Message
    try {
        Add-Type -AssemblyName System.Windows.Forms, System.Drawing
        $icon = New-Object System.Windows.Forms.NotifyIcon
        $icon.Icon = [System.Drawing.SystemIcons]::Information
        $icon.Visible = $true
        $icon.ShowBalloonTip(10000, $title.Substring(0, [Math]::Min(63, $title.Length)), $message.Substring(0, [Math]::Min(255, $message.Length)), 'Warning')
        Start-Sleep -Seconds 6
        $icon.Dispose()
    }
    catch {
        [Console]::Error.WriteLine('toast: ' + $toastError + ' balloon: ' + $_.Exception.Message)
        exit 1
    }
}
";

        public string Name => "Windows toast notifications";

        public void Show(string title, string message, TimeSpan timeout)
        {
            using (Process self = Process.GetCurrentProcess())
            {
                if (self.SessionId == 0)
                {
                    throw new NotificationException(
                        "this process runs in session 0 (a service, or a scheduled task that runs whether the user is logged on or not), which has no desktop to show notifications on",
                        true);
                }
            }

            string systemRoot = Environment.GetEnvironmentVariable("SystemRoot") ?? Environment.GetFolderPath(Environment.SpecialFolder.Windows);
            Notifier.RunHelper(BuildStartInfo(title, message, systemRoot), timeout);
        }

        internal static ProcessStartInfo BuildStartInfo(string title, string message, string systemRoot)
        {
            var startInfo = new ProcessStartInfo
            {
                // Windows PowerShell 5.1 by its full path: never whatever "powershell" PATH finds first.
                FileName = systemRoot.TrimEnd('\\') + @"\System32\WindowsPowerShell\v1.0\powershell.exe",
                Arguments = "-NoProfile -NonInteractive -WindowStyle Hidden -EncodedCommand " + EncodedScript,
            };
            startInfo.Environment[TitleVariable] = NotificationText.Clean(title);
            startInfo.Environment[MessageVariable] = NotificationText.Clean(message);
            return startInfo;
        }

        /// <summary>-EncodedCommand takes base64 of UTF-16LE: no quoting rules apply to it.</summary>
        internal static string EncodedScript { get; } = Convert.ToBase64String(Encoding.Unicode.GetBytes(Script));
    }
}
