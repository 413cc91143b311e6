using System;
using System.Management.Automation;
using NetUsageTracker.History;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// What every history cmdlet shares: -Path (else $env:NETUSAGETRACKER_DB, else the platform's data
    /// folder) and opening the database with failures as terminating errors that name the file and cause.
    /// </summary>
    public abstract class HistoryCmdlet : CancellableCmdlet
    {
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The history file this invocation uses.</summary>
        protected string ResolvePath() => ResolvePath(this, Path);

        /// <summary>Opens the history; with <paramref name="create"/> a missing file is created.</summary>
        protected HistoryDatabase OpenDatabase(bool create) => OpenDatabase(this, Path, create);

        /// <summary>Opens the history at <paramref name="file"/>, a path <see cref="ResolvePath()"/> gave.</summary>
        protected HistoryDatabase OpenDatabaseAt(string file, bool create) => OpenResolved(this, file, create);

        /// <summary>-Path relative to the current location, else $env:NETUSAGETRACKER_DB, else the default.</summary>
        internal static string ResolvePath(PSCmdlet cmdlet, string? path) =>
            path != null ? cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) : HistoryPaths.Resolve();

        internal static HistoryDatabase OpenDatabase(PSCmdlet cmdlet, string? path, bool create) => OpenResolved(cmdlet, ResolvePath(cmdlet, path), create);

        private static HistoryDatabase OpenResolved(PSCmdlet cmdlet, string file, bool create)
        {
            try
            {
                return HistoryDatabase.Open(file, create);
            }
            catch (HistoryStoreException e)
            {
                cmdlet.ThrowTerminatingError(ToErrorRecord(e));
                throw;
            }
            catch (PlatformNotSupportedException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, "HistoryNotSupported", ErrorCategory.NotImplemented, file));
                throw;
            }
        }

        /// <summary>Runs work against the open history; a failure on the way is terminating too.</summary>
        protected T Guard<T>(Func<T> work)
        {
            try
            {
                return work();
            }
            catch (HistoryStoreException e)
            {
                ThrowTerminatingError(ToErrorRecord(e));
                throw;
            }
        }

        internal static ErrorRecord ToErrorRecord(HistoryStoreException e)
        {
            (string id, ErrorCategory category) = e.Failure switch
            {
                HistoryFailure.NotFound => ("HistoryNotFound", ErrorCategory.ObjectNotFound),
                HistoryFailure.Corrupt => ("HistoryCorrupt", ErrorCategory.InvalidData),
                HistoryFailure.Locked => ("HistoryLocked", ErrorCategory.ResourceBusy),
                HistoryFailure.SchemaTooNew => ("HistorySchemaTooNew", ErrorCategory.InvalidOperation),
                HistoryFailure.DiskFull => ("HistoryDiskFull", ErrorCategory.ResourceUnavailable),
                _ => ("HistoryUnavailable", ErrorCategory.OpenError),
            };
            return new ErrorRecord(e, id, category, e.Path);
        }
    }
}
