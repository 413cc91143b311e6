using System;
using System.IO;
using System.Text;

namespace NetUsageTracker.Networks.Linux
{
    /// <summary>
    /// A /proc file read again and again through one open handle from offset 0, as the counter source reads
    /// /proc/net/dev: opening the file each time costs more than reading it. It says whether the text changed
    /// since the last read, so that a caller parses it only then (a route table is the same from one
    /// recording to the next almost always, and parsing it costs more than reading it).
    /// </summary>
    internal sealed class ProcTextFile : IDisposable
    {
        private readonly string _path;
        private FileStream? _stream;
        private byte[] _buffer = new byte[4096];
        private byte[] _last = new byte[4096];
        private int _lastLength = -1;
        private bool _missing;

        public ProcTextFile(string path) => _path = path;

        /// <summary>The text of the last read; null when the file is missing.</summary>
        public string? Text { get; private set; }

        /// <summary>Reads the file anew; true when its text differs from the last read's (or this is the first).</summary>
        public bool Refresh()
        {
            if (_missing)
            {
                return false;
            }

            try
            {
                // bufferSize 1: every Read goes to the kernel, which makes the text anew.
                _stream ??= new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
                _stream.Seek(0, SeekOrigin.Begin);
                int length = 0;
                int read;
                while ((read = _stream.Read(_buffer, length, _buffer.Length - length)) > 0)
                {
                    length += read;
                    if (length == _buffer.Length)
                    {
                        Array.Resize(ref _buffer, _buffer.Length * 2);
                    }
                }

                if (length == _lastLength && SameBytes(_buffer, _last, length))
                {
                    return false;
                }

                // The buffers change places: the one just read is the one the next read is compared with.
                (_buffer, _last) = (_last, _buffer);
                _lastLength = length;
                Text = Encoding.ASCII.GetString(_last, 0, length);
                return true;
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                _missing = true; // a kernel without the table (IPv6 disabled at boot)
                Text = null;
                return true;
            }
        }

        public void Dispose() => _stream?.Dispose();

        private static bool SameBytes(byte[] a, byte[] b, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
