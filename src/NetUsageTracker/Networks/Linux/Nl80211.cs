using System;

namespace NetUsageTracker.Networks.Linux
{
    /// <summary>
    /// The SSID of a wireless interface from nl80211 over generic netlink: the family's id is asked of the
    /// generic netlink controller once, then NL80211_CMD_GET_INTERFACE answers with NL80211_ATTR_SSID while
    /// a station is associated (what `iw dev` shows).
    /// </summary>
    internal static class Nl80211
    {
        public const ushort ControllerFamily = 0x10;
        public const byte ControllerGetFamily = 3;
        public const ushort ControllerFamilyId = 1;
        public const ushort ControllerFamilyName = 2;
        public const byte GetInterface = 5;
        public const ushort AttributeInterfaceIndex = 3;
        public const ushort AttributeSsid = 52;

        /// <summary>genlmsghdr: command, version, two reserved bytes.</summary>
        public const int GenericHeaderLength = 4;

        public static byte[] GetFamilyRequest(string name)
        {
            var message = NetlinkMessage.Begin(ControllerFamily, NetlinkMessage.FlagRequest);
            message.AddRange(new byte[] { ControllerGetFamily, 1, 0, 0 });
            NetlinkMessage.AddAttribute(message, ControllerFamilyName, NetlinkMessage.NulTerminated(name));
            return NetlinkMessage.Finish(message);
        }

        /// <summary>CTRL_ATTR_FAMILY_ID of the controller's answer; 0 when it has none.</summary>
        public static ushort FamilyIdIn(byte[] buffer, int start, int length)
        {
            ushort id = 0;
            NetlinkMessage.ForEachAttribute(buffer, start + NetlinkMessage.HeaderLength + GenericHeaderLength, start + length, (type, at, size) =>
            {
                if (type == ControllerFamilyId && size >= 2)
                {
                    id = BitConverter.ToUInt16(buffer, at);
                }
            });
            return id;
        }

        public static byte[] GetInterfaceRequest(ushort family, uint interfaceIndex)
        {
            var message = NetlinkMessage.Begin(family, NetlinkMessage.FlagRequest);
            message.AddRange(new byte[] { GetInterface, 0, 0, 0 });
            NetlinkMessage.AddAttribute(message, AttributeInterfaceIndex, BitConverter.GetBytes(interfaceIndex));
            return NetlinkMessage.Finish(message);
        }

        /// <summary>NL80211_ATTR_SSID of a NEW_INTERFACE answer; null when the interface is associated with none.</summary>
        public static byte[]? SsidIn(byte[] buffer, int start, int length)
        {
            byte[]? ssid = null;
            NetlinkMessage.ForEachAttribute(buffer, start + NetlinkMessage.HeaderLength + GenericHeaderLength, start + length, (type, at, size) =>
            {
                if (type == AttributeSsid && size > 0)
                {
                    ssid = new byte[size];
                    Buffer.BlockCopy(buffer, at, ssid, 0, size);
                }
            });
            return ssid;
        }
    }
}
