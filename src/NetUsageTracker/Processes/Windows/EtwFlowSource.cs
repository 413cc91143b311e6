using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace NetUsageTracker.Processes.Windows
{
    /// <summary>
    /// Windows, elevated: a real-time ETW session on Microsoft-Windows-Kernel-Network, which reports every
    /// TCP and UDP send and receive with its process. A thread of the source runs ProcessTrace and folds
    /// the events into <see cref="KernelNetworkFlows"/>; the session is stopped on Dispose. Starting a
    /// session needs an administrator (or the Performance Log Users group): <see cref="TryStart"/> returns
    /// null otherwise, and the IP Helper source is used instead.
    /// </summary>
    public sealed unsafe class EtwFlowSource : IFlowSource
    {
        private static readonly Guid KernelNetwork = new Guid("7dd42a49-5329-4832-8dfd-43d979153a88");
        private const ulong KeywordIPv4 = 0x10;
        private const ulong KeywordIPv6 = 0x20;

        private readonly KernelNetworkFlows _flows = new KernelNetworkFlows();
        private readonly WindowsProcessInfo _identities = new WindowsProcessInfo();
        private readonly string _sessionName;
        private readonly EtwNative.EventRecordCallback _callback;
        private ulong _session;
        private ulong _trace = EtwNative.InvalidTrace;
        private Thread? _thread;

        private EtwFlowSource(string sessionName)
        {
            _sessionName = sessionName;
            _callback = OnEvent; // kept in a field: ETW calls it for the session's life
        }

        public string Name => "ETW Microsoft-Windows-Kernel-Network";

        public FlowProtocols Coverage => FlowProtocols.Tcp | FlowProtocols.Udp;

        public bool SeesAllUsers => true;

        public bool CountsLinkHeaders => false;

        public string? Limitation => null;

        /// <summary>The source with its session running, or null where a session cannot start (not elevated, not Windows).</summary>
        public static EtwFlowSource? TryStart()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return null;
            }

            var source = new EtwFlowSource($"NetUsageTracker-{System.Diagnostics.Process.GetCurrentProcess().Id}");
            try
            {
                if (source.Start())
                {
                    return source;
                }
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
            }

            source.Dispose();
            return null;
        }

        private bool Start()
        {
            uint status = Control(0, EtwNative.StartTraceW);
            if (status == EtwNative.ErrorAlreadyExists)
            {
                // A session of an earlier process of ours that did not stop (killed): take its place.
                Control(EtwNative.ControlStop, null);
                status = Control(0, EtwNative.StartTraceW);
            }

            if (status != 0)
            {
                return false; // ERROR_ACCESS_DENIED when not elevated
            }

            Guid provider = KernelNetwork;
            if (EtwNative.EnableTraceEx2(_session, ref provider, 1, 5, KeywordIPv4 | KeywordIPv6, 0, 0, IntPtr.Zero) != 0)
            {
                return false;
            }

            byte[] logfile = EtwNative.RealTimeLogFile(_sessionName, Marshal.GetFunctionPointerForDelegate(_callback), out IntPtr name);
            try
            {
                fixed (byte* l = logfile)
                {
                    _trace = EtwNative.OpenTraceW((IntPtr)l);
                }
            }
            finally
            {
                Marshal.FreeHGlobal(name);
            }

            if (_trace == EtwNative.InvalidTrace)
            {
                return false;
            }

            _thread = new Thread(() =>
            {
                ulong[] handles = { _trace };
                EtwNative.ProcessTrace(handles, 1, IntPtr.Zero, IntPtr.Zero);
            })
            { IsBackground = true, Name = "NetUsageTracker ETW" };
            _thread.Start();
            return true;
        }

        private delegate uint Starter(out ulong session, string name, IntPtr properties);

        /// <summary>Starts the session (with <paramref name="start"/>) or sends it a control code, on fresh properties.</summary>
        private uint Control(uint code, Starter? start)
        {
            byte[] properties = EtwNative.SessionProperties(_sessionName);
            fixed (byte* p = properties)
            {
                return start != null ? start(out _session, _sessionName, (IntPtr)p) : EtwNative.ControlTraceW(_session, _sessionName, (IntPtr)p, code);
            }
        }

        private void OnEvent(IntPtr record)
        {
            byte* r = (byte*)record;
            ushort id = *(ushort*)(r + EtwNative.RecordEventId);
            int length = *(ushort*)(r + EtwNative.RecordUserDataLength);
            byte* data = *(byte**)(r + EtwNative.RecordUserData);
            if (data != null && KernelNetworkEvent.TryDecode(id, data, length, out KernelNetworkEvent e))
            {
                _flows.Add(e);
            }
        }

        public void Read(FlowTable table) => _flows.Fill(table);

        public ProcessIdentity? Describe(int processId) => _identities.Describe(processId);

        public string UserName(long userId) => userId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public void Forget(int processId) => _identities.Forget(processId);

        public void Dispose()
        {
            if (_session != 0)
            {
                Control(EtwNative.ControlStop, null);
                _session = 0;
            }

            if (_trace != EtwNative.InvalidTrace)
            {
                EtwNative.CloseTrace(_trace);
                _trace = EtwNative.InvalidTrace;
            }

            _thread?.Join(TimeSpan.FromSeconds(5));
        }
    }
}
