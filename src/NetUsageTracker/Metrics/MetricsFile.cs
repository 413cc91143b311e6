using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace NetUsageTracker.Metrics
{
    /// <summary>Why a metrics file could not be written.</summary>
    public enum MetricsFailure
    {
        /// <summary>The folder the file goes in does not exist.</summary>
        FolderNotFound,

        /// <summary>The path names a folder, not a file.</summary>
        PathIsFolder,

        /// <summary>A file is there that this module did not write; it is left alone.</summary>
        NotMetricsFile,

        /// <summary>The folder or the file may not be written (or read) by this user.</summary>
        AccessDenied,

        /// <summary>Any other failure of the file system (a full disk, a read-only mount).</summary>
        WriteFailed,
    }

    public sealed class MetricsFileException : IOException
    {
        public MetricsFileException(MetricsFailure failure, string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
            Path = path;
        }

        public MetricsFailure Failure { get; }

        /// <summary>The file or folder the failure is about.</summary>
        public string Path { get; }
    }

    /// <summary>
    /// Writes a metrics file the way a textfile collector must be fed: the whole text into a temporary file
    /// in the same folder, then a rename over the target, so a scrape reads the old file or the new one and
    /// never half of either. The temporary name ends in .tmp, which the collectors (they read *.prom) skip.
    /// Not flushed to the disk: the rename alone makes the switch atomic for every reader, and syncing
    /// would cost milliseconds per recording to survive only a power cut, after which the next recording
    /// writes the file again.
    /// </summary>
    public static partial class MetricsFile
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        // Windows cannot rename over a file while a reader has it open without delete sharing (a collector's
        // scrape holds it for a millisecond or so); the rename is tried again for up to a second.
        private const int Attempts = 50;
        private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);

        /// <summary>
        /// Checks what can be checked without writing: the path is not a folder, its folder exists, and a file
        /// already there is one this module wrote (or empty), unless <paramref name="force"/>.
        /// </summary>
        public static void CheckTarget(string path, bool force)
        {
            if (Directory.Exists(path))
            {
                throw new MetricsFileException(MetricsFailure.PathIsFolder, path,
                    $"The metrics path '{path}' is a folder; name a file in it, such as '{System.IO.Path.Combine(path, "netusagetracker.prom")}'.");
            }

            string folder = FolderOf(path);
            if (!Directory.Exists(folder))
            {
                throw new MetricsFileException(MetricsFailure.FolderNotFound, folder,
                    $"The folder of the metrics file '{path}' does not exist: create '{folder}' (the textfile collector's folder), or name a file in a folder that exists.");
            }

            if (!force && File.Exists(path) && !IsMetricsFile(path))
            {
                // Not ours: a history database or a report named by mistake must not be lost.
                throw new MetricsFileException(MetricsFailure.NotMetricsFile, path,
                    $"'{path}' exists and is not a metrics file NetUsageTracker wrote; it is left as it is. Name another file, or add -Force to replace it.");
            }
        }

        /// <summary>What to tell about a file name the textfile collectors skip (they read *.prom only); null when they read it.</summary>
        public static string? UnscrapedWarning(string path) => path.EndsWith(".prom", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The textfile collectors of node_exporter and windows_exporter read only files whose names end in .prom; '{System.IO.Path.GetFileName(path)}' will not be scraped.";

        /// <summary>
        /// <see cref="CheckTarget"/>, and that this user may make a file in the folder: a temporary file is
        /// created there and removed again, as every later write does.
        /// </summary>
        public static void CheckWritable(string path)
        {
            CheckTarget(path, force: false);
            string folder = FolderOf(path);
            string temporary = TemporaryName(folder, path);
            try
            {
                using (new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
                {
                }
            }
            catch (UnauthorizedAccessException e)
            {
                throw new MetricsFileException(MetricsFailure.AccessDenied, folder,
                    $"The metrics file '{path}' cannot be written: permission denied in '{folder}'. Choose a folder this user may write in, or give this user the right to.", e);
            }
            catch (IOException e)
            {
                throw new MetricsFileException(MetricsFailure.WriteFailed, path, $"The metrics file '{path}' could not be written: {e.Message}", e);
            }
            finally
            {
                TryDelete(temporary);
            }
        }

        /// <summary>Replaces the file at <paramref name="path"/> with <paramref name="text"/> (UTF-8, no BOM) at once.</summary>
        public static void Write(string path, string text, bool force)
        {
            string folder = FolderOf(path);
            string temporary = TemporaryName(folder, path);
            try
            {
                CheckTarget(path, force);
                byte[] bytes = Utf8NoBom.GetBytes(text);
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096))
                {
                    stream.Write(bytes, 0, bytes.Length);
                }

                Replace(temporary, path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                TryDelete(temporary);
                throw e switch
                {
                    MetricsFileException known => known,
                    UnauthorizedAccessException _ => new MetricsFileException(MetricsFailure.AccessDenied, folder,
                        $"The metrics file '{path}' cannot be written: permission denied in '{folder}'. Choose a folder this user may write in, or give this user the right to.", e),
                    DirectoryNotFoundException _ => new MetricsFileException(MetricsFailure.FolderNotFound, folder,
                        $"The folder of the metrics file '{path}' does not exist (any more): create '{folder}'.", e),
                    _ => new MetricsFileException(MetricsFailure.WriteFailed, path, $"The metrics file '{path}' could not be written: {e.Message}", e),
                };
            }
        }

        private static void Replace(string temporary, string path)
        {
            bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    if (windows)
                    {
                        RenameOverOnWindows(temporary, path);
                    }
                    else if (File.Exists(path))
                    {
                        // rename(2) on Unix (File.Move of netstandard2.0 cannot replace).
                        File.Replace(temporary, path, null, ignoreMetadataErrors: true);
                    }
                    else
                    {
                        File.Move(temporary, path);
                    }

                    return;
                }
                catch (Exception e) when ((e is IOException || (windows && e is UnauthorizedAccessException)) && attempt < Attempts && File.Exists(temporary))
                {
                    // A reader holding the file (Windows), or another writer that made or removed it meanwhile.
                    Thread.Sleep(RetryDelay);
                }
            }
        }

        /// <summary>Whether the file is empty or begins with <see cref="ExpositionText.Header"/>.</summary>
        private static bool IsMetricsFile(string path)
        {
            byte[] expected = Utf8NoBom.GetBytes(ExpositionText.Header);
            var start = new byte[expected.Length];
            int read = 0;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                int n;
                while (read < start.Length && (n = stream.Read(start, read, start.Length - read)) > 0)
                {
                    read += n;
                }
            }
            catch (UnauthorizedAccessException e)
            {
                throw new MetricsFileException(MetricsFailure.AccessDenied, path,
                    $"'{path}' cannot be read, so whether it is a metrics file NetUsageTracker wrote cannot be told; it is left as it is.", e);
            }

            if (read == 0)
            {
                return true;
            }

            for (int i = 0; i < expected.Length; i++)
            {
                if (i >= read || start[i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static string TemporaryName(string folder, string path) =>
            System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");

        private static string FolderOf(string path)
        {
            string? folder = System.IO.Path.GetDirectoryName(path);
            return string.IsNullOrEmpty(folder) ? Directory.GetCurrentDirectory() : folder!;
        }

        private static void TryDelete(string file)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Nothing was written there, or it cannot be removed either; the collectors skip *.tmp.
            }
        }
    }
}
