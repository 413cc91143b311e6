using System;
using System.Runtime.InteropServices;
using System.Text;

namespace NetUsageTracker.Processes.Windows
{
    /// <summary>
    /// advapi32's ETW controller and consumer calls (evntrace.h, evntcons.h) and the 64-bit layouts they
    /// take: EVENT_TRACE_PROPERTIES (120 bytes, the session name after it), EVENT_TRACE_LOGFILEW (448
    /// bytes) and EVENT_RECORD, whose fields the callback reads at fixed offsets.
    /// </summary>
    internal static class EtwNative
    {
        public const uint ErrorAlreadyExists = 183;
        public const uint ControlStop = 1;
        public const ulong InvalidTrace = ulong.MaxValue;

        public const int PropertiesSize = 120;
        public const int LogFileSize = 448;

        /// <summary>EVENT_RECORD: EventHeader.EventDescriptor.Id, UserDataLength, UserData.</summary>
        public const int RecordEventId = 40;
        public const int RecordUserDataLength = 86;
        public const int RecordUserData = 96;

        [UnmanagedFunctionPointer(CallingConvention.StdCall)]
        public delegate void EventRecordCallback(IntPtr eventRecord);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        public static extern uint StartTraceW(out ulong session, string name, IntPtr properties);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        public static extern uint ControlTraceW(ulong session, string? name, IntPtr properties, uint control);

        [DllImport("advapi32.dll", ExactSpelling = true)]
        public static extern uint EnableTraceEx2(ulong session, ref Guid provider, uint control, byte level, ulong matchAny, ulong matchAll, uint timeout, IntPtr parameters);

        [DllImport("advapi32.dll", ExactSpelling = true)]
        public static extern ulong OpenTraceW(IntPtr logfile);

        [DllImport("advapi32.dll", ExactSpelling = true)]
        public static extern uint ProcessTrace(ulong[] handles, uint count, IntPtr start, IntPtr end);

        [DllImport("advapi32.dll", ExactSpelling = true)]
        public static extern uint CloseTrace(ulong trace);

        /// <summary>
        /// EVENT_TRACE_PROPERTIES for a real-time session, the name's room after it: Wnode.BufferSize (0),
        /// Wnode.ClientContext 1 = QPC clock (40), Wnode.Flags WNODE_FLAG_TRACED_GUID (44), LogFileMode
        /// EVENT_TRACE_REAL_TIME_MODE (64), LoggerNameOffset (116).
        /// </summary>
        public static byte[] SessionProperties(string name)
        {
            var block = new byte[PropertiesSize + (name.Length + 1) * 2];
            Put(block, 0, (uint)block.Length);
            Put(block, 40, 1u);
            Put(block, 44, 0x00020000u);
            Put(block, 64, 0x00000100u);
            Put(block, 116, (uint)PropertiesSize);
            return block;
        }

        /// <summary>
        /// EVENT_TRACE_LOGFILEW for a real-time consumer: LoggerName (8), ProcessTraceMode
        /// PROCESS_TRACE_MODE_REAL_TIME | PROCESS_TRACE_MODE_EVENT_RECORD (28), EventRecordCallback (424).
        /// The name is copied to unmanaged memory that the caller frees after OpenTraceW.
        /// </summary>
        public static byte[] RealTimeLogFile(string sessionName, IntPtr callback, out IntPtr name)
        {
            var block = new byte[LogFileSize];
            name = Marshal.StringToHGlobalUni(sessionName);
            Put(block, 8, (ulong)name.ToInt64());
            Put(block, 28, 0x00000100u | 0x10000000u);
            Put(block, 424, (ulong)callback.ToInt64());
            return block;
        }

        private static void Put(byte[] block, int at, uint value) => BitConverter.GetBytes(value).CopyTo(block, at);

        private static void Put(byte[] block, int at, ulong value) => BitConverter.GetBytes(value).CopyTo(block, at);
    }
}
