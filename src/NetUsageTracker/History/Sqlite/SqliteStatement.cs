using System;

namespace NetUsageTracker.History.Sqlite
{
    /// <summary>A prepared statement: bind parameters by name, step through rows, read columns, reset to
    /// run it again with new values.</summary>
    public sealed unsafe class SqliteStatement : IDisposable
    {
        private readonly SqliteDatabase _database;
        private IntPtr _handle;
        private bool _stepped;

        internal SqliteStatement(SqliteDatabase database, IntPtr handle)
        {
            _database = database;
            _handle = handle;
        }

        private IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(SqliteStatement));

        /// <summary>Binds <paramref name="value"/> (null, a string, an integer type or a double) to <paramref name="name"/>.</summary>
        public SqliteStatement Bind(string name, object? value)
        {
            ResetIfStepped();
            int index = Index(name);
            int result = value switch
            {
                null => SqliteNative.sqlite3_bind_null(Handle, index),
                string text => BindText(index, text),
                double real => SqliteNative.sqlite3_bind_double(Handle, index, real),
                ulong big => SqliteNative.sqlite3_bind_int64(Handle, index, unchecked((long)big)),
                IConvertible number => SqliteNative.sqlite3_bind_int64(Handle, index, number.ToInt64(System.Globalization.CultureInfo.InvariantCulture)),
                _ => throw new ArgumentException($"SQLite cannot store a {value.GetType().Name}.", nameof(value)),
            };
            _database.Check(result);
            return this;
        }

        /// <summary>Runs the statement to its next row: true with a row to read, false when it is done.</summary>
        public bool Step()
        {
            _stepped = true;
            int result = SqliteNative.sqlite3_step(Handle);
            if (result == SqliteNative.Row)
            {
                return true;
            }

            if (result == SqliteNative.Done)
            {
                return false;
            }

            // The step's error is the database's; reset hands back the same code and readies the statement.
            SqliteError error = _database.Error(result);
            SqliteNative.sqlite3_reset(_handle);
            _stepped = false;
            throw error;
        }

        /// <summary>Runs a statement that returns no rows.</summary>
        public void Execute()
        {
            ResetIfStepped();
            while (Step())
            {
            }
        }

        public bool IsNull(int column) => SqliteNative.sqlite3_column_type(Handle, column) == SqliteNative.TypeNull;

        public long GetInt64(int column) => SqliteNative.sqlite3_column_int64(Handle, column);

        public int GetInt32(int column) => (int)SqliteNative.sqlite3_column_int64(Handle, column);

        public double GetDouble(int column) => SqliteNative.sqlite3_column_double(Handle, column);

        public string GetString(int column)
        {
            byte* text = SqliteNative.sqlite3_column_text(Handle, column);
            return SqliteDatabase.FromUtf8(text, SqliteNative.sqlite3_column_bytes(Handle, column)) ?? "";
        }

        public void Dispose()
        {
            if (_handle != IntPtr.Zero)
            {
                SqliteNative.sqlite3_finalize(_handle);
                _handle = IntPtr.Zero;
            }
        }

        private void ResetIfStepped()
        {
            if (_stepped)
            {
                SqliteNative.sqlite3_reset(Handle);
                _stepped = false;
            }
        }

        private int Index(string name)
        {
            int index;
            fixed (byte* text = SqliteDatabase.Utf8(name))
            {
                index = SqliteNative.sqlite3_bind_parameter_index(Handle, text);
            }

            return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
        }

        private int BindText(int index, string text)
        {
            byte[] bytes = SqliteDatabase.Utf8(text);
            fixed (byte* value = bytes)
            {
                return SqliteNative.sqlite3_bind_text(Handle, index, value, bytes.Length - 1, SqliteNative.Transient);
            }
        }
    }
}
