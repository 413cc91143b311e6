using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace NetUsageTracker.Networks
{
    /// <summary>
    /// Network ids derived from what identifies a network where the system keeps none: the gateway's
    /// link-layer address, the Wi-Fi SSID, or the interface's name. Each is a GUID string (as
    /// NetworkManager's and Windows' own ids are), the HMAC-SHA256 of the kind and value under a key of
    /// this machine, so the same network always gets the same id here, and a NetworkId that leaves the
    /// machine (a report, a metrics label) does not give away the router's MAC address: a plain hash of
    /// 48 bits, most of them a known vendor prefix, is undone in seconds.
    /// </summary>
    public static class NetworkIds
    {
        private static readonly Lazy<byte[]> Key = new Lazy<byte[]>(() => MachineKey(File.Exists, File.ReadAllText));

        public static string FromGateway(byte[] linkLayerAddress) => Derive(Key.Value, "gateway", linkLayerAddress);

        public static string FromSsid(byte[] ssid) => Derive(Key.Value, "ssid", ssid);

        public static string FromInterface(string interfaceName) => Derive(Key.Value, "interface", Encoding.UTF8.GetBytes(interfaceName));

        /// <summary>The first 16 bytes of HMAC-SHA256(key, kind NUL value), marked as an RFC 9562 version 8 (custom) UUID.</summary>
        internal static string Derive(byte[] key, string kind, byte[] value)
        {
            byte[] message = new byte[kind.Length + 1 + value.Length];
            Encoding.ASCII.GetBytes(kind, 0, kind.Length, message, 0);
            Buffer.BlockCopy(value, 0, message, kind.Length + 1, value.Length);
            byte[] hash;
            using (var hmac = new HMACSHA256(key))
            {
                hash = hmac.ComputeHash(message);
            }

            hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            var text = new StringBuilder(36);
            for (int i = 0; i < 16; i++)
            {
                if (i == 4 || i == 6 || i == 8 || i == 10)
                {
                    text.Append('-');
                }

                text.Append(hash[i].ToString("x2"));
            }

            return text.ToString();
        }

        /// <summary>
        /// systemd's machine id (/etc/machine-id, or D-Bus's copy), which is stable across reboots and meant
        /// to stay on the machine; a fixed key where there is none (macOS, a container without one): the
        /// ids are then as stable, only not secret.
        /// </summary>
        internal static byte[] MachineKey(Func<string, bool> exists, Func<string, string> read)
        {
            foreach (string path in new[] { "/etc/machine-id", "/var/lib/dbus/machine-id" })
            {
                try
                {
                    if (exists(path))
                    {
                        string id = read(path).Trim();
                        if (id.Length > 0)
                        {
                            return Encoding.ASCII.GetBytes("NetUsageTracker network id " + id);
                        }
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // Unreadable: try the next, then the fixed key.
                }
            }

            return Encoding.ASCII.GetBytes("NetUsageTracker network id");
        }
    }
}
