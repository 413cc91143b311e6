namespace NetUsageTracker.Alerts
{
    /// <summary>What every transport needs of notification text.</summary>
    internal static class NotificationText
    {
        /// <summary>
        /// Removes NUL characters: no transport can carry them (D-Bus strings, environment variables and
        /// argv are all NUL-terminated), and passing one would cut the text short or break the message.
        /// </summary>
        public static string Clean(string text) => text.IndexOf('\0') < 0 ? text : text.Replace("\0", "");
    }
}
