using System;

namespace NetUsageTracker.DBus
{
    internal enum DBusMessageType : byte
    {
        MethodCall = 1,
        MethodReturn = 2,
        Error = 3,
        Signal = 4,
    }

    /// <summary>One D-Bus message: builds method calls and parses what the bus sends back.</summary>
    internal sealed class DBusMessage
    {
        /// <summary>The fixed part of a header: endianness, type, flags, version, body length, serial, field array length.</summary>
        public const int FixedHeaderLength = 16;

        /// <summary>Refuse larger messages: nothing this client asks for comes near it.</summary>
        public const int MaxMessageLength = 1 << 20;

        private const byte FieldPath = 1;
        private const byte FieldInterface = 2;
        private const byte FieldMember = 3;
        private const byte FieldErrorName = 4;
        private const byte FieldReplySerial = 5;
        private const byte FieldDestination = 6;
        private const byte FieldSender = 7;
        private const byte FieldSignature = 8;

        private readonly byte[] _data;
        private readonly int _bodyStart;

        private DBusMessage(byte[] data, int bodyStart, DBusMessageType type, bool bigEndian)
        {
            _data = data;
            _bodyStart = bodyStart;
            Type = type;
            BigEndian = bigEndian;
        }

        public DBusMessageType Type { get; }

        public bool BigEndian { get; }

        public uint ReplySerial { get; private set; }

        public string ErrorName { get; private set; } = "";

        public string Signature { get; private set; } = "";

        public string Member { get; private set; } = "";

        public string Path { get; private set; } = "";

        public string Interface { get; private set; } = "";

        public string Sender { get; private set; } = "";

        /// <summary>Serializes a method call; <paramref name="body"/> is marshalled to match <paramref name="signature"/>.</summary>
        public static byte[] MethodCall(uint serial, string destination, string path, string interfaceName, string member, string signature, byte[] body)
        {
            var header = new DBusWriter();
            header.WriteByte((byte)'l');
            header.WriteByte((byte)DBusMessageType.MethodCall);
            header.WriteByte(0);
            header.WriteByte(1);
            header.WriteUInt32((uint)body.Length);
            header.WriteUInt32(serial);
            DBusWriter.ArrayMark fields = header.BeginArray(8);
            WriteField(header, FieldPath, "o", path);
            WriteField(header, FieldInterface, "s", interfaceName);
            WriteField(header, FieldMember, "s", member);
            WriteField(header, FieldDestination, "s", destination);
            if (signature.Length > 0)
            {
                header.Align(8);
                header.WriteByte(FieldSignature);
                header.WriteSignature("g");
                header.WriteSignature(signature);
            }

            header.EndArray(fields);
            header.Align(8);
            header.WriteBytes(body);
            return header.ToArray();
        }

        /// <summary>The length of the whole message whose first 16 bytes are <paramref name="fixedHeader"/>.</summary>
        public static int TotalLength(byte[] fixedHeader)
        {
            bool bigEndian = ByteOrder(fixedHeader[0]);
            var reader = new DBusReader(fixedHeader, 4, FixedHeaderLength, bigEndian);
            long bodyLength = reader.ReadUInt32();
            reader.ReadUInt32();
            long fieldsLength = reader.ReadUInt32();
            long headerLength = (FixedHeaderLength + fieldsLength + 7) / 8 * 8;
            long total = headerLength + bodyLength;
            if (total > MaxMessageLength)
            {
                throw new DBusProtocolException($"A D-Bus message of {total} bytes is larger than this client accepts.");
            }

            return (int)total;
        }

        public static DBusMessage Parse(byte[] data)
        {
            bool bigEndian = ByteOrder(data[0]);
            var type = (DBusMessageType)data[1];
            var reader = new DBusReader(data, 12, data.Length, bigEndian);
            int fieldsLength = checked((int)reader.ReadUInt32());
            int fieldsEnd = FixedHeaderLength + fieldsLength;
            string errorName = "", signature = "", member = "", path = "", interfaceName = "", sender = "";
            uint replySerial = 0;
            while (reader.Position < fieldsEnd)
            {
                reader.Align(8);
                byte code = reader.ReadByte();
                object value = reader.ReadBasicVariant();
                switch (code)
                {
                    case FieldErrorName:
                        errorName = (string)value;
                        break;
                    case FieldReplySerial:
                        replySerial = (uint)value;
                        break;
                    case FieldSignature:
                        signature = (string)value;
                        break;
                    case FieldMember:
                        member = (string)value;
                        break;
                    case FieldPath:
                        path = (string)value;
                        break;
                    case FieldInterface:
                        interfaceName = (string)value;
                        break;
                    case FieldSender:
                        sender = (string)value;
                        break;
                }
            }

            int bodyStart = (fieldsEnd + 7) / 8 * 8;
            return new DBusMessage(data, bodyStart, type, bigEndian)
            {
                ErrorName = errorName,
                ReplySerial = replySerial,
                Signature = signature,
                Member = member,
                Path = path,
                Interface = interfaceName,
                Sender = sender,
            };
        }

        public DBusReader Body() => new DBusReader(_data, _bodyStart, _data.Length, BigEndian);

        private static bool ByteOrder(byte marker) => marker switch
        {
            (byte)'l' => false,
            (byte)'B' => true,
            _ => throw new DBusProtocolException($"Unknown D-Bus byte order marker 0x{marker:x2}."),
        };

        private static void WriteField(DBusWriter writer, byte code, string type, string value)
        {
            writer.Align(8);
            writer.WriteByte(code);
            writer.WriteSignature(type);
            writer.WriteString(value);
        }
    }
}
