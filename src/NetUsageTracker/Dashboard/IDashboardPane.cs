using NetUsageTracker.Dashboard.Rendering;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Dashboard
{
    /// <summary>
    /// A pane of the live view that its key shows in place of the interface table (the apps pane is to be
    /// one): it reads what it shows after each sample, names its key on the key line, and paints the lower
    /// part of the screen while it is shown. The session offers it the keys the view itself leaves free.
    /// </summary>
    public interface IDashboardPane
    {
        /// <summary>The key that shows and hides it (a lower-case letter the view does not use).</summary>
        char Key { get; }

        /// <summary>Its word on the key line ("apps").</summary>
        string KeyLabel { get; }

        /// <summary>Shown now, in place of the interface table.</summary>
        bool Visible { get; set; }

        /// <summary>How many rows it would fill under its heading.</summary>
        int Rows { get; }

        /// <summary>After each sample, on the view's thread: reads what it shows (the processes, say).</summary>
        void Sample(CounterSnapshot snapshot, DashboardModel model);

        /// <summary>Paints its heading at <paramref name="top"/> and at most <paramref name="rows"/> rows under it.</summary>
        void Paint(ScreenBuffer screen, int top, int rows, DashboardModel model, DashboardStatus status);
    }
}
