using System;
using System.Text;

namespace NetUsageTracker.History.Sqlite
{
    /// <summary>One open SQLite database file: statements, scripts and transactions on it. Not thread-safe
    /// (opened without SQLite's mutex); the history opens one per cmdlet call.</summary>
    public sealed unsafe class SqliteDatabase : IDisposable
    {
        private IntPtr _handle;

        private SqliteDatabase(IntPtr handle)
        {
            _handle = handle;
        }

        internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(SqliteDatabase));

        /// <summary>Opens <paramref name="path"/> read-write (and creates it with <paramref name="create"/>).</summary>
        public static SqliteDatabase Open(string path, bool create, TimeSpan busyTimeout) =>
            Open(path, SqliteNative.OpenReadWrite | (create ? SqliteNative.OpenCreate : 0), busyTimeout);

        /// <summary>Opens <paramref name="path"/> only to read it. <paramref name="immutable"/>: the file cannot
        /// change while it is open (nobody can write it), so SQLite takes no locks and creates no -shm or -wal file
        /// beside it, which a read-only file or folder would otherwise be left with, or refuse.</summary>
        public static SqliteDatabase OpenReadOnly(string path, bool immutable, TimeSpan busyTimeout) =>
            Open(FileUri(path) + (immutable ? "?immutable=1" : "?mode=ro"), SqliteNative.OpenReadOnly | SqliteNative.OpenUri, busyTimeout);

        /// <summary>A file: URI for <paramref name="path"/> (an absolute path), with the characters a URI reserves escaped.</summary>
        internal static string FileUri(string path)
        {
            var uri = new StringBuilder("file:");
            string slashed = System.IO.Path.DirectorySeparatorChar == '\\' ? path.Replace('\\', '/') : path;
            if (slashed.Length > 1 && slashed[1] == ':')
            {
                uri.Append('/'); // file:///C:/...
            }

            foreach (char c in slashed)
            {
                switch (c)
                {
                    case '%': uri.Append("%25"); break;
                    case '?': uri.Append("%3f"); break;
                    case '#': uri.Append("%23"); break;
                    default: uri.Append(c); break;
                }
            }

            return uri.ToString();
        }

        private static SqliteDatabase Open(string path, int access, TimeSpan busyTimeout)
        {
            SqliteNativeLoader.EnsureLoaded();
            int flags = access | SqliteNative.OpenNoMutex | SqliteNative.OpenExtendedResultCodes;
            IntPtr handle;
            int result;
            fixed (byte* name = Utf8(path))
            {
                result = SqliteNative.sqlite3_open_v2(name, out handle, flags, IntPtr.Zero);
            }

            var database = new SqliteDatabase(handle);
            if (result != SqliteNative.Ok)
            {
                // open_v2 hands back a handle even when it fails; its message says why.
                SqliteError error = handle == IntPtr.Zero ? new SqliteError(result, ErrorString(result)) : database.Error(result);
                database.Dispose();
                throw error;
            }

            SqliteNative.sqlite3_busy_timeout(handle, (int)Math.Min(int.MaxValue, busyTimeout.TotalMilliseconds));
            return database;
        }

        /// <summary>Runs one or more statements that return nothing (a schema, a pragma).</summary>
        public void Execute(string sql) => Check(Run(sql));

        private int Run(string sql)
        {
            IntPtr message;
            int result;
            fixed (byte* text = Utf8(sql))
            {
                result = SqliteNative.sqlite3_exec(Handle, text, IntPtr.Zero, IntPtr.Zero, out message);
            }

            if (message != IntPtr.Zero)
            {
                SqliteNative.sqlite3_free(message);
            }

            return result;
        }

        /// <summary>Prepares one statement; dispose it when done.</summary>
        public SqliteStatement Prepare(string sql)
        {
            byte[] text = Utf8(sql);
            IntPtr statement;
            int result;
            fixed (byte* bytes = text)
            {
                result = SqliteNative.sqlite3_prepare_v2(Handle, bytes, text.Length, out statement, IntPtr.Zero);
            }

            Check(result);
            return new SqliteStatement(this, statement);
        }

        /// <summary>The first column of the first row of <paramref name="sql"/> as an integer.</summary>
        public long ScalarInt64(string sql)
        {
            using SqliteStatement statement = Prepare(sql);
            return statement.Step() ? statement.GetInt64(0) : 0;
        }

        /// <summary>Runs <paramref name="work"/> in a write transaction taken at once (BEGIN IMMEDIATE), committed
        /// when it returns, rolled back when it throws.</summary>
        public T InTransaction<T>(Func<T> work)
        {
            Execute("BEGIN IMMEDIATE;");
            try
            {
                T result = work();
                Execute("COMMIT;");
                return result;
            }
            catch
            {
                // A failed COMMIT or statement may already have ended the transaction; a rollback that fails
                // must not hide the failure that caused it.
                if (SqliteNative.sqlite3_get_autocommit(Handle) == 0)
                {
                    Run("ROLLBACK;");
                }

                throw;
            }
        }

        public void Dispose()
        {
            if (_handle != IntPtr.Zero)
            {
                SqliteNative.sqlite3_close_v2(_handle);
                _handle = IntPtr.Zero;
            }
        }

        internal void Check(int result)
        {
            if (result != SqliteNative.Ok && result != SqliteNative.Row && result != SqliteNative.Done)
            {
                throw Error(result);
            }
        }

        internal SqliteError Error(int result)
        {
            int code = SqliteNative.sqlite3_extended_errcode(_handle);
            return new SqliteError(code != 0 ? code : result, FromUtf8(SqliteNative.sqlite3_errmsg(_handle), -1) ?? ErrorString(result),
                SqliteNative.sqlite3_system_errno(_handle));
        }

        internal static byte[] Utf8(string text)
        {
            var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
            Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
            return bytes;
        }

        /// <summary>A UTF-8 string from SQLite: <paramref name="length"/> bytes, or up to the NUL when -1.</summary>
        internal static string? FromUtf8(byte* text, int length)
        {
            if (text == null)
            {
                return null;
            }

            if (length < 0)
            {
                length = 0;
                while (text[length] != 0)
                {
                    length++;
                }
            }

            return Encoding.UTF8.GetString(text, length);
        }

        private static string ErrorString(int code) => FromUtf8(SqliteNative.sqlite3_errstr(code), -1) ?? $"SQLite error {code}";
    }
}
