using System;
using System.Collections.Generic;
using System.Text;

namespace NetUsageTracker.DBus
{
    /// <summary>Reads D-Bus wire values in either byte order; alignment is relative to the buffer start.</summary>
    internal sealed class DBusReader
    {
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

        private void Need(int count)
        {
            if (count < 0 || _position + count > _end)
            {
                throw new DBusProtocolException("A D-Bus message ended early.");
            }
        }
    }
}
