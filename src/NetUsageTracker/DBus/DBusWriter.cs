using System;
using System.IO;
using System.Text;

namespace NetUsageTracker.DBus
{
    /// <summary>
    /// Marshals D-Bus values in little-endian wire format. Alignment is relative to the start of the
    /// buffer, which is right for a body because the body itself starts on an 8-byte boundary.
    /// </summary>
    internal sealed class DBusWriter
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false, false);
        private readonly MemoryStream _buffer = new MemoryStream();

        public int Position => (int)_buffer.Position;

        public void Align(int alignment)
        {
            while (_buffer.Position % alignment != 0)
            {
                _buffer.WriteByte(0);
            }
        }

        public void WriteByte(byte value) => _buffer.WriteByte(value);

        public void WriteUInt32(uint value)
        {
            Align(4);
            _buffer.WriteByte((byte)value);
            _buffer.WriteByte((byte)(value >> 8));
            _buffer.WriteByte((byte)(value >> 16));
            _buffer.WriteByte((byte)(value >> 24));
        }

        public void WriteInt32(int value) => WriteUInt32(unchecked((uint)value));

        /// <summary>Writes a STRING or OBJECT_PATH: length, UTF-8 bytes, NUL.</summary>
        public void WriteString(string value)
        {
            byte[] bytes = Utf8.GetBytes(value);
            WriteUInt32((uint)bytes.Length);
            _buffer.Write(bytes, 0, bytes.Length);
            _buffer.WriteByte(0);
        }

        public void WriteSignature(string signature)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(signature);
            if (bytes.Length > 255)
            {
                throw new ArgumentException("A D-Bus signature is at most 255 bytes.", nameof(signature));
            }

            _buffer.WriteByte((byte)bytes.Length);
            _buffer.Write(bytes, 0, bytes.Length);
            _buffer.WriteByte(0);
        }

        /// <summary>Starts an array; pass the result to <see cref="EndArray"/> after writing the elements.</summary>
        public ArrayMark BeginArray(int elementAlignment)
        {
            WriteUInt32(0);
            int lengthAt = Position - 4;
            // The padding before the first element is not part of the array's length.
            Align(elementAlignment);
            return new ArrayMark(lengthAt, Position);
        }

        public void EndArray(ArrayMark mark)
        {
            long end = _buffer.Position;
            uint length = (uint)(end - mark.ElementsStart);
            _buffer.Position = mark.LengthAt;
            _buffer.WriteByte((byte)length);
            _buffer.WriteByte((byte)(length >> 8));
            _buffer.WriteByte((byte)(length >> 16));
            _buffer.WriteByte((byte)(length >> 24));
            _buffer.Position = end;
        }

        public void WriteBytes(byte[] bytes) => _buffer.Write(bytes, 0, bytes.Length);

        public byte[] ToArray() => _buffer.ToArray();

        internal readonly struct ArrayMark
        {
            public ArrayMark(int lengthAt, int elementsStart)
            {
                LengthAt = lengthAt;
                ElementsStart = elementsStart;
            }

            public int LengthAt { get; }

            public int ElementsStart { get; }
        }
    }
}
