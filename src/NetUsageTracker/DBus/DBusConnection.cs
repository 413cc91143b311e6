using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace NetUsageTracker.DBus
{
    /// <summary>
    /// A minimal D-Bus client: connects over a Unix socket, authenticates with EXTERNAL (the kernel
    /// vouches for our uid), says Hello and makes blocking method calls, all within a deadline.
    /// Enough for one notification; a long-lived or general-purpose client this is not.
    /// </summary>
    internal sealed class DBusConnection : IDisposable
    {
        private readonly Socket _socket;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly TimeSpan _timeout;
        private uint _serial;

        private DBusConnection(Socket socket, TimeSpan timeout)
        {
            _socket = socket;
            _timeout = timeout;
        }

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
                    connection.Call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello", "", Array.Empty<byte>());
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
                // Signals (NameAcquired after Hello) and other traffic may come first.
                if ((message.Type != DBusMessageType.MethodReturn && message.Type != DBusMessageType.Error) || message.ReplySerial != serial)
                {
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

        public void Dispose() => _socket.Dispose();

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
            TimeSpan left = _timeout - _clock.Elapsed;
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
