using System;
using System.IO;
using System.Text;

namespace NetUsageTracker.Networks.Linux
{
    /// <summary>
    /// A /proc file read again and again through one open handle from offset 0, as the counter source reads
    /// /proc/net/dev: opening the file each time costs more than reading it. Null when the file is missing.
    /// </summary>
    internal sealed class ProcTextFile : IDisposable
    {
        private readonly string _path;
        private FileStream? _stream;
        private byte[] _buffer = new byte[4096];
        private bool _missing;

        public ProcTextFile(string path) => _path = path;

        public string? Read()
        {
            if (_missing)
            {
                return null;
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

                return Encoding.ASCII.GetString(_buffer, 0, length);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                _missing = true; // a kernel without the table (IPv6 disabled at boot)
                return null;
            }
        }

        public void Dispose() => _stream?.Dispose();
    }
}
