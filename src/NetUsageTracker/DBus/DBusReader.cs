using System;
using System.Collections.Generic;
using System.Text;

namespace NetUsageTracker.DBus
{
    /// <summary>Reads D-Bus wire values in either byte order; alignment is relative to the buffer start.</summary>
    internal sealed class DBusReader
    {
        /// <summary>The specification allows 32 nested arrays and 32 nested structs; refuse deeper values.</summary>
        private const int MaxDepth = 64;

        private static readonly Encoding Utf8 = new UTF8Encoding(false, true);
        private readonly byte[] _data;
        private readonly int _end;
        private readonly bool _bigEndian;
        private int _position;

        public DBusReader(byte[] data, int start, int end, bool bigEndian)
        {
            _data = data;
            _position = start;
            _end = end;
            _bigEndian = bigEndian;
        }

        public int Position => _position;

        public void Align(int alignment)
        {
            int aligned = (_position + alignment - 1) / alignment * alignment;
            Need(aligned - _position);
            _position = aligned;
        }

        public byte ReadByte()
        {
            Need(1);
            return _data[_position++];
        }

        public uint ReadUInt32()
        {
            Align(4);
            Need(4);
            uint value = _bigEndian
                ? (uint)(_data[_position] << 24 | _data[_position + 1] << 16 | _data[_position + 2] << 8 | _data[_position + 3])
                : (uint)(_data[_position] | _data[_position + 1] << 8 | _data[_position + 2] << 16 | _data[_position + 3] << 24);
            _position += 4;
            return value;
        }

        public int ReadInt32() => unchecked((int)ReadUInt32());

        public ushort ReadUInt16()
        {
            Align(2);
            Need(2);
            ushort value = _bigEndian
                ? (ushort)(_data[_position] << 8 | _data[_position + 1])
                : (ushort)(_data[_position] | _data[_position + 1] << 8);
            _position += 2;
            return value;
        }

        public ulong ReadUInt64()
        {
            Align(8);
            Need(8);
            ulong value = 0;
            for (int i = 0; i < 8; i++)
            {
                int shift = _bigEndian ? (7 - i) * 8 : i * 8;
                value |= (ulong)_data[_position + i] << shift;
            }

            _position += 8;
            return value;
        }

        public string ReadString()
        {
            int length = checked((int)ReadUInt32());
            Need(length + 1);
            string value = Utf8.GetString(_data, _position, length);
            _position += length + 1;
            return value;
        }

        public string ReadSignature()
        {
            int length = ReadByte();
            Need(length + 1);
            string value = Encoding.ASCII.GetString(_data, _position, length);
            _position += length + 1;
            return value;
        }

        public List<string> ReadStringArray()
        {
            int length = checked((int)ReadUInt32());
            Align(4);
            int end = _position + length;
            var items = new List<string>();
            while (_position < end)
            {
                items.Add(ReadString());
            }

            return items;
        }

        /// <summary>Reads a variant holding a basic type (all that header fields hold).</summary>
        public object ReadBasicVariant()
        {
            string signature = ReadSignature();
            switch (signature)
            {
                case "s":
                case "o":
                    return ReadString();
                case "g":
                    return ReadSignature();
                case "u":
                    return ReadUInt32();
                case "i":
                    return ReadInt32();
                case "y":
                    return ReadByte();
                default:
                    throw new DBusProtocolException($"Unexpected variant type '{signature}' in a message header.");
            }
        }

        /// <summary>
        /// Reads one value of any complete type: basic types as their .NET counterparts (b as bool, s and o
        /// as string), ay as byte[], a dictionary as Dictionary&lt;string, object&gt; when its keys are
        /// strings (else Dictionary&lt;object, object&gt;), other arrays and structs as object[], and a
        /// variant as the value it holds.
        /// </summary>
        public object ReadValue(string signature)
        {
            int at = 0;
            object value = ReadValue(signature, ref at, 0);
            if (at != signature.Length)
            {
                throw new DBusProtocolException($"The signature '{signature}' holds more than one complete type.");
            }

            return value;
        }

        /// <summary>Reads every value of a body whose signature is <paramref name="signature"/>.</summary>
        public object[] ReadValues(string signature)
        {
            var values = new List<object>();
            int at = 0;
            while (at < signature.Length)
            {
                values.Add(ReadValue(signature, ref at, 0));
            }

            return values.ToArray();
        }

        private object ReadValue(string signature, ref int at, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new DBusProtocolException("A D-Bus value is nested too deeply.");
            }

            if (at >= signature.Length)
            {
                throw new DBusProtocolException($"The signature '{signature}' ends inside a type.");
            }

            char code = signature[at++];
            switch (code)
            {
                case 'y':
                    return ReadByte();
                case 'b':
                    return ReadUInt32() != 0;
                case 'n':
                    return unchecked((short)ReadUInt16());
                case 'q':
                    return ReadUInt16();
                case 'i':
                    return ReadInt32();
                case 'u':
                case 'h':
                    return ReadUInt32();
                case 'x':
                    return unchecked((long)ReadUInt64());
                case 't':
                    return ReadUInt64();
                case 'd':
                    return BitConverter.Int64BitsToDouble(unchecked((long)ReadUInt64()));
                case 's':
                case 'o':
                    return ReadString();
                case 'g':
                    return ReadSignature();
                case 'v':
                    string inner = ReadSignature();
                    int innerAt = 0;
                    object held = ReadValue(inner, ref innerAt, depth + 1);
                    if (innerAt != inner.Length)
                    {
                        throw new DBusProtocolException($"The variant signature '{inner}' holds more than one complete type.");
                    }

                    return held;
                case 'a':
                    return ReadArray(signature, ref at, depth + 1);
                case '(':
                    Align(8);
                    var fields = new List<object>();
                    while (at < signature.Length && signature[at] != ')')
                    {
                        fields.Add(ReadValue(signature, ref at, depth + 1));
                    }

                    if (at >= signature.Length)
                    {
                        throw new DBusProtocolException($"The signature '{signature}' has an unclosed struct.");
                    }

                    at++;
                    return fields.ToArray();
                default:
                    throw new DBusProtocolException($"Unknown type code '{code}' in the signature '{signature}'.");
            }
        }

        private object ReadArray(string signature, ref int at, int depth)
        {
            int length = checked((int)ReadUInt32());
            if (at >= signature.Length)
            {
                throw new DBusProtocolException($"The signature '{signature}' has an array without an element type.");
            }

            Align(AlignmentOf(signature[at]));
            Need(length);
            int end = _position + length;
            int elementAt = at;
            if (signature[at] == 'y')
            {
                at++;
                var bytes = new byte[length];
                Buffer.BlockCopy(_data, _position, bytes, 0, length);
                _position = end;
                return bytes;
            }

            if (signature[at] == '{')
            {
                bool stringKeys = at + 1 < signature.Length && (signature[at + 1] == 's' || signature[at + 1] == 'o' || signature[at + 1] == 'g');
                var byString = new Dictionary<string, object>(StringComparer.Ordinal);
                var byObject = new Dictionary<object, object>();
                while (_position < end)
                {
                    Align(8);
                    elementAt = at + 1;
                    object key = ReadValue(signature, ref elementAt, depth);
                    object value = ReadValue(signature, ref elementAt, depth);
                    if (stringKeys)
                    {
                        byString[(string)key] = value;
                    }
                    else
                    {
                        byObject[key] = value;
                    }
                }

                at = SkipType(signature, at);
                return stringKeys ? byString : (object)byObject;
            }

            var items = new List<object>();
            while (_position < end)
            {
                elementAt = at;
                items.Add(ReadValue(signature, ref elementAt, depth));
            }

            at = SkipType(signature, at);
            return items.ToArray();
        }

        /// <summary>Where the complete type that starts at <paramref name="at"/> ends.</summary>
        private static int SkipType(string signature, int at)
        {
            int open = 0;
            do
            {
                if (at >= signature.Length)
                {
                    throw new DBusProtocolException($"The signature '{signature}' ends inside a type.");
                }

                char c = signature[at++];
                if (c == '(' || c == '{')
                {
                    open++;
                }
                else if (c == ')' || c == '}')
                {
                    open--;
                }
            }
            while (open > 0 || signature[at - 1] == 'a');

            return at;
        }

        private static int AlignmentOf(char code) => code switch
        {
            'n' or 'q' => 2,
            'b' or 'i' or 'u' or 'h' or 's' or 'o' or 'a' => 4,
            'x' or 't' or 'd' or '(' or '{' => 8,
            _ => 1,
        };

        private void Need(int count)
        {
            if (count < 0 || _position + count > _end)
            {
                throw new DBusProtocolException("A D-Bus message ended early.");
            }
        }
    }
}
