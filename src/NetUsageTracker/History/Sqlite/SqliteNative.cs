using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.History.Sqlite
{
    /// <summary>
    /// The SQLite C API the history uses, called straight into the e_sqlite3 library that ships in the
    /// module (<see cref="SqliteNativeLoader"/> loads it by full path). Every call is cdecl, as SQLite is
    /// built; strings cross as NUL-terminated UTF-8.
    /// </summary>
    internal static unsafe class SqliteNative
    {
        public const string Library = "e_sqlite3";

        public const int Ok = 0;
        public const int Row = 100;
        public const int Done = 101;

        public const int OpenReadOnly = 0x00000001;
        public const int OpenReadWrite = 0x00000002;
        public const int OpenUri = 0x00000040;
        public const int OpenCreate = 0x00000004;
        public const int OpenNoMutex = 0x00008000;
        public const int OpenExtendedResultCodes = 0x02000000;

        public const int TypeNull = 5;

        /// <summary>SQLITE_TRANSIENT: SQLite copies a bound value before the call returns.</summary>
        public static readonly IntPtr Transient = new IntPtr(-1);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_open_v2(byte* filename, out IntPtr db, int flags, IntPtr vfs);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_close_v2(IntPtr db);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_busy_timeout(IntPtr db, int milliseconds);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_exec(IntPtr db, byte* sql, IntPtr callback, IntPtr argument, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void sqlite3_free(IntPtr memory);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_prepare_v2(IntPtr db, byte* sql, int bytes, out IntPtr statement, IntPtr tail);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_step(IntPtr statement);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_reset(IntPtr statement);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_finalize(IntPtr statement);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_bind_parameter_index(IntPtr statement, byte* name);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_bind_int64(IntPtr statement, int index, long value);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_bind_double(IntPtr statement, int index, double value);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_bind_text(IntPtr statement, int index, byte* value, int bytes, IntPtr destructor);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_bind_null(IntPtr statement, int index);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_column_type(IntPtr statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern long sqlite3_column_int64(IntPtr statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern double sqlite3_column_double(IntPtr statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern byte* sqlite3_column_text(IntPtr statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_column_bytes(IntPtr statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_extended_errcode(IntPtr db);

        /// <summary>The operating system's error number of the last failed I/O (errno, GetLastError).</summary>
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_system_errno(IntPtr db);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern byte* sqlite3_errmsg(IntPtr db);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern byte* sqlite3_errstr(int code);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_get_autocommit(IntPtr db);
    }
}
