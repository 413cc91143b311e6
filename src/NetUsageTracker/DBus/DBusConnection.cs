using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace NetUsageTracker.DBus
{
    /// <summary>
    /// A minimal D-Bus client: connects over a Unix socket, authenticates with EXTERNAL (the kernel
    /// vouches for our uid), says Hello and makes blocking method calls, all within a deadline. A
    /// short-lived user (one notification) lets the deadline of <see cref="Open"/> cover everything; a
    /// long-lived one (a NetworkManager watcher) starts a new deadline per burst of calls with
    /// <see cref="StartDeadline"/>, and collects the signals its match rules asked for through
    /// <see cref="SignalReceived"/> and <see cref="ReceivePending"/>. Not thread-safe: callers serialise.
    /// </summary>
    internal sealed class DBusConnection : IDisposable
    {
        private const string BusName = "org.freedesktop.DBus";
        private const string BusPath = "/org/freedesktop/DBus";
        private const string PropertiesInterface = "org.freedesktop.DBus.Properties";

        private readonly Socket _socket;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _timeout;
        private TimeSpan _deadline;
        private uint _serial;

        private DBusConnection(Socket socket, TimeSpan timeout)
        {
            _socket = socket;
            _timeout = timeout;
            _deadline = timeout;
        }

        /// <summary>Called with every signal that arrives, while waiting for a reply or in <see cref="ReceivePending"/>.</summary>
        public Action<DBusMessage>? SignalReceived { get; set; }

        /// <summary>Connects to the first endpoint that answers; throws SocketException when none does.</summary>
        public static DBusConnection Open(IReadOnlyList<UnixSocketEndPoint> endpoints, TimeSpan timeout)
        {
            SocketException? last = null;
            foreach (UnixSocketEndPoint endpoint in endpoints)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    socket.Connect(endpoint);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                    continue;
                }

                var connection = new DBusConnection(socket, timeout);
                try
                {
                    connection.Authenticate();
                    connection.Call(BusName, BusPath, BusName, "Hello", "", Array.Empty<byte>());
                    return connection;
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }

            throw last ?? new SocketException((int)SocketError.AddressNotAvailable);
        }

        /// <summary>Calls a method and returns its reply; an error reply throws <see cref="DBusErrorException"/>.</summary>
        public DBusMessage Call(string destination, string path, string interfaceName, string member, string signature, byte[] body)
        {
            uint serial = ++_serial;
            Send(DBusMessage.MethodCall(serial, destination, path, interfaceName, member, signature, body));
            while (true)
            {
                DBusMessage message = Receive();
                // Signals (NameAcquired after Hello, those of match rules) and other traffic may come first.
                if ((message.Type != DBusMessageType.MethodReturn && message.Type != DBusMessageType.Error) || message.ReplySerial != serial)
                {
                    Dispatch(message);
                    continue;
                }

                if (message.Type == DBusMessageType.Error)
                {
                    string text = message.Signature.StartsWith("s", StringComparison.Ordinal) ? message.Body().ReadString() : "";
                    throw new DBusErrorException(message.ErrorName, text);
                }

                return message;
            }
        }

        /// <summary>The value of one property (org.freedesktop.DBus.Properties.Get), unwrapped from its variant.</summary>
        public object GetProperty(string destination, string path, string interfaceName, string property)
        {
            var args = new DBusWriter();
            args.WriteString(interfaceName);
            args.WriteString(property);
            DBusMessage reply = Call(destination, path, PropertiesInterface, "Get", "ss", args.ToArray());
            return ExpectBody(reply, "v").ReadValue("v");
        }

        /// <summary>Every property of one interface of an object (org.freedesktop.DBus.Properties.GetAll).</summary>
        public Dictionary<string, object> GetAllProperties(string destination, string path, string interfaceName)
        {
            var args = new DBusWriter();
            args.WriteString(interfaceName);
            DBusMessage reply = Call(destination, path, PropertiesInterface, "GetAll", "s", args.ToArray());
            return (Dictionary<string, object>)ExpectBody(reply, "a{sv}").ReadValue("a{sv}");
        }

        /// <summary>Asks the bus to route the signals matching <paramref name="rule"/> to this connection.</summary>
        public void AddMatch(string rule)
        {
            var args = new DBusWriter();
            args.WriteString(rule);
            Call(BusName, BusPath, BusName, "AddMatch", "s", args.ToArray());
        }

        /// <summary>Whether <paramref name="name"/> has an owner on the bus now.</summary>
        public bool NameHasOwner(string name)
        {
            var args = new DBusWriter();
            args.WriteString(name);
            return (bool)ExpectBody(Call(BusName, BusPath, BusName, "NameHasOwner", "s", args.ToArray()), "b").ReadValue("b");
        }

        /// <summary>Gives the calls that follow <paramref name="timeout"/> from now, together.</summary>
        public void StartDeadline(TimeSpan timeout)
        {
            _timeout = timeout;
            _deadline = _clock.Elapsed + timeout;
        }

        /// <summary>
        /// Reads the messages that have already arrived, without waiting for more, and hands their signals
        /// to <see cref="SignalReceived"/>; returns how many there were. One poll of the socket when none
        /// has: cheap enough to call before every use.
        /// </summary>
        public int ReceivePending(TimeSpan timeout)
        {
            int count = 0;
            while (true)
            {
                if (_socket.Available > 0)
                {
                    // A message that has begun to arrive is read whole, within the timeout.
                    StartDeadline(timeout);
                    Dispatch(Receive());
                    count++;
                }
                else if (!_socket.Poll(0, SelectMode.SelectRead))
                {
                    return count;
                }
                else if (_socket.Available == 0)
                {
                    // Readable with nothing to read: the bus closed the connection.
                    throw new DBusProtocolException("The bus closed the connection.");
                }
            }
        }

        public void Dispose() => _socket.Dispose();

        private static DBusReader ExpectBody(DBusMessage reply, string signature)
        {
            if (reply.Signature != signature)
            {
                throw new DBusProtocolException($"Expected a reply of type '{signature}', got '{reply.Signature}'.");
            }

            return reply.Body();
        }

        private void Dispatch(DBusMessage message)
        {
            if (message.Type == DBusMessageType.Signal)
            {
                SignalReceived?.Invoke(message);
            }
        }

        private void Authenticate()
        {
            // A NUL byte first (credentials passing), then SASL EXTERNAL with an empty identity: the
            // server takes the uid from the socket's peer credentials, so no libc call is needed.
            Send(Encoding.ASCII.GetBytes("\0AUTH EXTERNAL\r\n"));
            string reply = ReadLine();
            if (reply == "DATA")
            {
                Send(Encoding.ASCII.GetBytes("DATA\r\n"));
                reply = ReadLine();
            }

            if (!reply.StartsWith("OK ", StringComparison.Ordinal))
            {
                throw new DBusProtocolException($"The bus refused authentication ({reply}).");
            }

            Send(Encoding.ASCII.GetBytes("BEGIN\r\n"));
        }

        private string ReadLine()
        {
            var line = new StringBuilder();
            var one = new byte[1];
            while (true)
            {
                ReceiveExactly(one, 0, 1);
                if (one[0] == '\n' && line.Length > 0 && line[line.Length - 1] == '\r')
                {
                    return line.ToString(0, line.Length - 1);
                }

                if (line.Length > 512)
                {
                    throw new DBusProtocolException("The bus sent an overlong authentication line.");
                }

                line.Append((char)one[0]);
            }
        }

        private void Send(byte[] data)
        {
            SetTimeouts();
            int sent = 0;
            while (sent < data.Length)
            {
                sent += _socket.Send(data, sent, data.Length - sent, SocketFlags.None);
            }
        }

        private DBusMessage Receive()
        {
            var fixedHeader = new byte[DBusMessage.FixedHeaderLength];
            ReceiveExactly(fixedHeader, 0, fixedHeader.Length);
            var data = new byte[DBusMessage.TotalLength(fixedHeader)];
            Buffer.BlockCopy(fixedHeader, 0, data, 0, fixedHeader.Length);
            ReceiveExactly(data, fixedHeader.Length, data.Length - fixedHeader.Length);
            return DBusMessage.Parse(data);
        }

        private void ReceiveExactly(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                SetTimeouts();
                int n = _socket.Receive(buffer, offset, count, SocketFlags.None);
                if (n == 0)
                {
                    throw new DBusProtocolException("The bus closed the connection.");
                }

                offset += n;
                count -= n;
            }
        }

        /// <summary>Every blocking socket call gets what is left of the one deadline.</summary>
        private void SetTimeouts()
        {
            TimeSpan left = _deadline - _clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"The D-Bus call did not finish within {_timeout.TotalSeconds:0.#} s.");
            }

            int ms = (int)Math.Max(1, Math.Ceiling(left.TotalMilliseconds));
            _socket.ReceiveTimeout = ms;
            _socket.SendTimeout = ms;
        }
    }
}
