using System;
using System.IO;
using NetUsageTracker.History;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>
    /// One resident recorder per history: a lock file beside the database (<c>usage.db.recorder</c>),
    /// held exclusively while the recorder runs and removed when it ends. The system releases the lock
    /// when the process dies however it dies, so a recorder killed outright never blocks the next one.
    /// </summary>
    public sealed class RecorderLock : IDisposable
    {
        private readonly FileStream _file;

        private RecorderLock(FileStream file)
        {
            _file = file;
        }

        /// <summary>The lock file of the history at <paramref name="databasePath"/>.</summary>
        public static string PathFor(string databasePath) => databasePath + ".recorder";

        /// <summary>Takes the lock, or throws a <see cref="HistoryStoreException"/> (Locked) when another recorder holds it.</summary>
        public static RecorderLock Take(string databasePath)
        {
            string path = PathFor(databasePath);
            // The history's folder may not exist yet: the first recording creates it, after the lock.
            HistoryDatabase.EnsureFolder(databasePath);

            try
            {
                return new RecorderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
            }
            catch (IOException e) when (!(e is DirectoryNotFoundException || e is PathTooLongException))
            {
                throw new HistoryStoreException(HistoryFailure.Locked, databasePath,
                    $"Another resident recorder already records into '{databasePath}' (it holds '{path}'). One is enough: stop that one first, or record once without -Every.", e);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException)
            {
                throw new HistoryStoreException(HistoryFailure.Unavailable, databasePath,
                    $"The recorder's lock file '{path}' cannot be created ({e.Message}).", e);
            }
        }

        public void Dispose() => _file.Dispose();
    }
}
