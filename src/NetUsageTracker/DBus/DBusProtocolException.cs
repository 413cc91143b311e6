using System;

namespace NetUsageTracker.DBus
{
    /// <summary>The peer sent something that is not valid D-Bus, or the conversation broke off.</summary>
    internal sealed class DBusProtocolException : Exception
    {
        public DBusProtocolException(string message)
            : base(message)
        {
        }
    }

    /// <summary>The peer answered a method call with an error reply (ErrorName, e.g. org.freedesktop.DBus.Error.ServiceUnknown).</summary>
    internal sealed class DBusErrorException : Exception
    {
        public DBusErrorException(string errorName, string message)
            : base(message.Length == 0 ? errorName : $"{errorName}: {message}")
        {
            ErrorName = errorName;
        }

        public string ErrorName { get; }
    }
}
