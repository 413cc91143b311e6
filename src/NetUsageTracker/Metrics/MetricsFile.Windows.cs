using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Metrics
{
    /// <summary>
    /// Windows: a rename over the target with MoveFileEx, as File.Move(overwrite) does on .NET Core. ReplaceFile
    /// (File.Replace) merges the old file's attributes in through a backup file of its own, which it leaves behind
    /// when a reader holds the target; a rename leaves nothing.
    /// </summary>
    public static partial class MetricsFile
    {
        private const uint MoveFileReplaceExisting = 0x1;
        private const int ErrorAccessDenied = 5;

        private static void RenameOverOnWindows(string temporary, string path)
        {
            if (!MoveFileExW(temporary, path, MoveFileReplaceExisting))
            {
                int error = Marshal.GetLastWin32Error();
                string message = new Win32Exception(error).Message;
                // A reader without delete sharing makes the rename fail with access denied as well as a real
                // permission does; the caller tries again, and reports it as access denied if it stays.
                throw error == ErrorAccessDenied ? new UnauthorizedAccessException(message) : (Exception)new IOException(message, error);
            }
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool MoveFileExW(string existingFileName, string newFileName, uint flags);
    }
}
