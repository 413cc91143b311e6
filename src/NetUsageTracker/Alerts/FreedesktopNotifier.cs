using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Text;
using NetUsageTracker.DBus;

namespace NetUsageTracker.Alerts
{
    /// <summary>
    /// Linux and the BSDs: org.freedesktop.Notifications.Notify on the session bus. The text travels as
    /// D-Bus string arguments, never through a shell or a command line.
    /// </summary>
    public sealed class FreedesktopNotifier : INotifier
    {
        internal const string ServiceName = "org.freedesktop.Notifications";
        internal const string ObjectPath = "/org/freedesktop/Notifications";
        internal const string AppName = "NetUsageTracker";
        internal const string NotifySignature = "susssasa{sv}i";

        private readonly Func<string, string?> _getVariable;

        public FreedesktopNotifier()
            : this(Environment.GetEnvironmentVariable)
        {
        }

        internal FreedesktopNotifier(Func<string, string?> getVariable) => _getVariable = getVariable;

        public string Name => "the freedesktop notification service";

        public void Show(string title, string message, TimeSpan timeout)
        {
            // The address is read each time, so a watch started before the desktop session (or a test
            // that sets its own bus) finds the bus that exists now.
            List<UnixSocketEndPoint> endpoints = DBusAddress.SessionBus(_getVariable, out string noBus);
            if (endpoints.Count == 0)
            {
                throw new NotificationException(noBus, true);
            }

            try
            {
                using DBusConnection bus = DBusConnection.Open(endpoints, timeout);
                DBusMessage caps = bus.Call(ServiceName, ObjectPath, ServiceName, "GetCapabilities", "", Array.Empty<byte>());
                bool markup = caps.Signature == "as" && caps.Body().ReadStringArray().Contains("body-markup");
                bus.Call(ServiceName, ObjectPath, ServiceName, "Notify", NotifySignature, BuildNotifyBody(title, message, markup));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                throw new NotificationException($"the notification service did not answer within {timeout.TotalSeconds:0.#} s", false, e);
            }
            catch (SocketException e)
            {
                throw new NotificationException($"the D-Bus session bus at {string.Join(", ", endpoints)} cannot be reached ({e.Message})", true, e);
            }
            catch (DBusErrorException e) when (e.ErrorName == "org.freedesktop.DBus.Error.ServiceUnknown" || e.ErrorName == "org.freedesktop.DBus.Error.NameHasNoOwner")
            {
                throw new NotificationException("no notification server is running on the D-Bus session bus (nothing owns org.freedesktop.Notifications)", true, e);
            }
            catch (DBusErrorException e)
            {
                throw new NotificationException($"the notification service refused the notification ({e.Message})", false, e);
            }
            catch (Exception e) when (e is DBusProtocolException || e is TimeoutException)
            {
                throw new NotificationException($"the D-Bus conversation failed ({e.Message})", false, e);
            }
        }

        /// <summary>
        /// The Notify arguments: app_name, replaces_id, app_icon, summary, body, actions, hints,
        /// expire_timeout. The body is escaped only for servers that render markup in it; the summary is
        /// plain text by the specification.
        /// </summary>
        internal static byte[] BuildNotifyBody(string title, string message, bool bodyMarkup)
        {
            string body = NotificationText.Clean(message);
            var writer = new DBusWriter();
            writer.WriteString(AppName);
            writer.WriteUInt32(0);
            writer.WriteString("network-transmit-receive");
            writer.WriteString(NotificationText.Clean(title));
            writer.WriteString(bodyMarkup ? EscapeMarkup(body) : body);
            writer.EndArray(writer.BeginArray(4));
            writer.EndArray(writer.BeginArray(8));
            writer.WriteInt32(-1);
            return writer.ToArray();
        }

        /// <summary>Escapes what the specification's XML-like body markup gives meaning to.</summary>
        internal static string EscapeMarkup(string text)
        {
            var escaped = new StringBuilder(text.Length + 16);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '&':
                        escaped.Append("&amp;");
                        break;
                    case '<':
                        escaped.Append("&lt;");
                        break;
                    case '>':
                        escaped.Append("&gt;");
                        break;
                    default:
                        escaped.Append(c);
                        break;
                }
            }

            return escaped.ToString();
        }
    }
}
