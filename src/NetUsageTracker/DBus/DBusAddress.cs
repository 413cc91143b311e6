using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetUsageTracker.DBus
{
    /// <summary>Reads a D-Bus server address list ("unix:path=/run/user/1000/bus;unix:abstract=/tmp/x,guid=...").</summary>
    internal static class DBusAddress
    {
        /// <summary>
        /// The session bus endpoints to try, in order: DBUS_SESSION_BUS_ADDRESS, else
        /// $XDG_RUNTIME_DIR/bus where systemd's user session puts it, else /run/user/&lt;uid&gt;/bus (a cron job
        /// or a system service running as the user has neither variable, but the user's bus is there while the
        /// user is logged in). Empty when there is no session bus; <paramref name="why"/> then says so.
        /// </summary>
        public static List<UnixSocketEndPoint> SessionBus(Func<string, string?> getVariable, out string why) =>
            SessionBus(getVariable, UserRuntimeDirectory(), out why);

        /// <summary>/run/user/&lt;uid&gt; of the effective user, where systemd-logind keeps the user's runtime folder.</summary>
        internal static string? UserRuntimeDirectory() =>
            System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux)
                ? "/run/user/" + Processes.Linux.LinuxNative.geteuid().ToString(System.Globalization.CultureInfo.InvariantCulture)
                : null;

        internal static List<UnixSocketEndPoint> SessionBus(Func<string, string?> getVariable, string? userRuntimeDirectory, out string why)
        {
            string? address = getVariable("DBUS_SESSION_BUS_ADDRESS");
            if (!string.IsNullOrEmpty(address))
            {
                List<UnixSocketEndPoint> endpoints = Parse(address!);
                why = endpoints.Count == 0 ? $"the session bus address '{address}' has no unix:path or unix:abstract entry" : "";
                return endpoints;
            }

            foreach (string? runtimeDir in new[] { getVariable("XDG_RUNTIME_DIR"), userRuntimeDirectory })
            {
                if (!string.IsNullOrEmpty(runtimeDir) && File.Exists(Path.Combine(runtimeDir, "bus")))
                {
                    why = "";
                    return new List<UnixSocketEndPoint> { new UnixSocketEndPoint(Path.Combine(runtimeDir, "bus"), false) };
                }
            }

            why = "there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set and no user bus socket was found: no desktop session, e.g. a service, cron job or SSH login)";
            return new List<UnixSocketEndPoint>();
        }

        /// <summary>The system bus: DBUS_SYSTEM_BUS_ADDRESS, else the specification's well-known socket.</summary>
        public static List<UnixSocketEndPoint> SystemBus(Func<string, string?> getVariable)
        {
            string? address = getVariable("DBUS_SYSTEM_BUS_ADDRESS");
            return Parse(string.IsNullOrEmpty(address) ? "unix:path=/var/run/dbus/system_bus_socket" : address!);
        }

        public static List<UnixSocketEndPoint> Parse(string addresses)
        {
            var endpoints = new List<UnixSocketEndPoint>();
            foreach (string address in addresses.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int colon = address.IndexOf(':');
                if (colon < 0 || address.Substring(0, colon) != "unix")
                {
                    continue;
                }

                foreach (string pair in address.Substring(colon + 1).Split(','))
                {
                    int eq = pair.IndexOf('=');
                    if (eq < 0)
                    {
                        continue;
                    }

                    string key = pair.Substring(0, eq);
                    if (key == "path" || key == "abstract")
                    {
                        endpoints.Add(new UnixSocketEndPoint(Unescape(pair.Substring(eq + 1)), key == "abstract"));
                    }
                }
            }

            return endpoints;
        }

        /// <summary>Undoes the address format's %XX escaping (of bytes of the UTF-8 value).</summary>
        internal static string Unescape(string value)
        {
            var bytes = new List<byte>(value.Length);
            int i = 0;
            while (i < value.Length)
            {
                if (value[i] == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
                {
                    bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                    i += 3;
                    continue;
                }

                int next = value.IndexOf('%', i + 1);
                int end = next < 0 ? value.Length : next;
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, end - i)));
                i = end;
            }

            return Encoding.UTF8.GetString(bytes.ToArray());
        }
    }
}
