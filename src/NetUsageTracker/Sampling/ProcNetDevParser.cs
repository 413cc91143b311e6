using System;

namespace NetUsageTracker.Sampling
{
    /// <summary>
    /// Parses the text of Linux's <c>/proc/net/dev</c> straight from bytes into a snapshot, without
    /// allocating unless an interface name changed since the last parse into the same snapshot.
    /// </summary>
    internal static class ProcNetDevParser
    {
        // Columns after "name:": 8 receive fields then 8 transmit fields.
        private const int RxBytes = 0, RxPackets = 1, RxErrors = 2, RxDrops = 3;
        private const int TxBytes = 8, TxPackets = 9, TxErrors = 10, TxDrops = 11;
        private const int FieldsNeeded = 12;

        /// <summary>Appends one entry per interface line to <paramref name="snapshot"/> (call BeginFill first).</summary>
        /// <param name="classify">The class of a name, asked only when a slot gets a new name (a slot whose name
        /// did not change keeps its class, so steady-state parsing asks nothing).</param>
        /// <returns>The number of interface lines parsed.</returns>
        public static int Parse(byte[] text, int length, CounterSnapshot snapshot, Func<string, InterfaceClass> classify)
        {
            int parsed = 0;
            int lineStart = 0;
            while (lineStart < length)
            {
                int lineEnd = Array.IndexOf(text, (byte)'\n', lineStart, length - lineStart);
                if (lineEnd < 0)
                {
                    lineEnd = length;
                }

                if (TryParseLine(text, lineStart, lineEnd, snapshot, classify))
                {
                    parsed++;
                }

                lineStart = lineEnd + 1;
            }

            return parsed;
        }

        private static bool TryParseLine(byte[] text, int start, int end, CounterSnapshot snapshot, Func<string, InterfaceClass> classify)
        {
            int colon = Array.IndexOf(text, (byte)':', start, end - start);
            if (colon < 0)
            {
                return false;
            }

            int nameStart = start;
            while (nameStart < colon && IsSpace(text[nameStart]))
            {
                nameStart++;
            }

            int nameEnd = colon;
            while (nameEnd > nameStart && IsSpace(text[nameEnd - 1]))
            {
                nameEnd--;
            }

            // The two header lines contain '|' before any ':'; a data line's name never does.
            if (nameEnd == nameStart || Array.IndexOf(text, (byte)'|', nameStart, nameEnd - nameStart) >= 0)
            {
                return false;
            }

            ref InterfaceCounters slot = ref snapshot.PeekNextSlot();
            int position = colon + 1;
            for (int field = 0; field < FieldsNeeded; field++)
            {
                if (!TryReadNumber(text, ref position, end, out ulong value))
                {
                    return false;
                }

                switch (field)
                {
                    case RxBytes: slot.BytesReceived = value; break;
                    case RxPackets: slot.PacketsReceived = value; break;
                    case RxErrors: slot.ReceiveErrors = value; break;
                    case RxDrops: slot.ReceiveDrops = value; break;
                    case TxBytes: slot.BytesSent = value; break;
                    case TxPackets: slot.PacketsSent = value; break;
                    case TxErrors: slot.SendErrors = value; break;
                    case TxDrops: slot.SendDrops = value; break;
                }
            }

            if (!NameEquals(slot.Name, text, nameStart, nameEnd))
            {
                slot.Name = Utf8(text, nameStart, nameEnd);
                slot.Class = classify(slot.Name);
            }

            snapshot.NextSlot();
            return true;
        }

        private static bool TryReadNumber(byte[] text, ref int position, int end, out ulong value)
        {
            while (position < end && IsSpace(text[position]))
            {
                position++;
            }

            value = 0;
            int digits = 0;
            while (position < end)
            {
                uint digit = (uint)(text[position] - '0');
                if (digit > 9)
                {
                    break;
                }

                // The kernel's counters are u64; saturate rather than wrap on anything larger.
                value = value > (ulong.MaxValue - digit) / 10 ? ulong.MaxValue : (value * 10) + digit;
                position++;
                digits++;
            }

            return digits > 0;
        }

        private static bool IsSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r';

        /// <summary>Whether the slot's name is the UTF-8 text at [start, end): byte by byte while it is ASCII (no
        /// allocation in steady state), decoded where a name holds other letters.</summary>
        private static bool NameEquals(string? name, byte[] text, int start, int end)
        {
            if (name is null)
            {
                return false;
            }

            for (int i = 0; i < end - start; i++)
            {
                byte b = text[start + i];
                if (b >= 0x80)
                {
                    return string.Equals(name, Utf8(text, start, end), StringComparison.Ordinal);
                }

                if (i >= name.Length || name[i] != (char)b)
                {
                    return false;
                }
            }

            return name.Length == end - start;
        }

        // The kernel keeps a name as the bytes it was given, UTF-8 in practice, as every other source reads it.
        private static string Utf8(byte[] text, int start, int end) => System.Text.Encoding.UTF8.GetString(text, start, end - start);
    }
}
