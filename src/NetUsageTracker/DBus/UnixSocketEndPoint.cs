using System;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetUsageTracker.DBus
{
    /// <summary>
    /// A Unix domain socket address (sockaddr_un). netstandard2.0 has no UnixDomainSocketEndPoint, but
    /// a Socket accepts any EndPoint that serializes to the platform's socket address.
    /// </summary>
    internal sealed class UnixSocketEndPoint : EndPoint
    {
        /// <summary>sun_path is 108 bytes on Linux (104 on macOS and the BSDs).</summary>
        private const int MaxPathBytes = 104;

        private readonly byte[] _path;
        private readonly string _display;

        /// <param name="path">A file system path, or an abstract name (Linux) without its leading NUL.</param>
        public UnixSocketEndPoint(string path, bool isAbstract)
        {
            byte[] name = Encoding.UTF8.GetBytes(path);
            // A path is NUL-terminated; an abstract name starts with NUL and its length is exact.
            _path = new byte[name.Length + 1];
            Buffer.BlockCopy(name, 0, _path, isAbstract ? 1 : 0, name.Length);
            if (_path.Length > MaxPathBytes)
            {
                throw new ArgumentException($"The socket path '{path}' is longer than {MaxPathBytes - 1} bytes.", nameof(path));
            }

            _display = isAbstract ? "@" + path : path;
        }

        public override AddressFamily AddressFamily => AddressFamily.Unix;

        public override SocketAddress Serialize()
        {
            // The first two bytes hold the family, laid out by SocketAddress for the running platform.
            var address = new SocketAddress(AddressFamily.Unix, 2 + _path.Length);
            for (int i = 0; i < _path.Length; i++)
            {
                address[2 + i] = _path[i];
            }

            return address;
        }

        public override EndPoint Create(SocketAddress socketAddress) => this;

        public override string ToString() => _display;
    }
}
