using System;
using System.Collections.Generic;
using System.Linq;

namespace NetUsageTracker
{
    /// <summary>
    /// The recording job: a scheduled one that records one snapshot per run, or a resident recorder that
    /// the system keeps running; planned (Register-NetUsageTask -WhatIf) or installed.
    /// </summary>
    public sealed class NetUsageTask
    {
        /// <summary>Windows, Linux or macOS.</summary>
        public string Platform { get; set; } = "";

        /// <summary>TaskScheduler, SystemdTimer, SystemdService, Cron or Launchd.</summary>
        public string Mechanism { get; set; } = "";

        /// <summary>The task path, timer or service unit, crontab marker or launchd label.</summary>
        public string Name { get; set; } = "";

        /// <summary>True for a resident recorder (Register-NetUsageTask -Resident), false for a scheduled job.</summary>
        public bool Resident { get; set; }

        /// <summary>How often the job records (for a scheduled cron job, the nearest interval cron can keep evenly).</summary>
        public TimeSpan Interval { get; set; }

        /// <summary>The command exactly as the scheduler stores it.</summary>
        public string Command { get; set; } = "";

        /// <summary>The next run in local time, when the scheduler tells it; null when unknown.</summary>
        public DateTime? NextRunTime { get; set; }

        /// <summary>False for a plan that was only shown (-WhatIf) or declined.</summary>
        public bool Registered { get; set; }

        /// <summary>Why the interval differs from the one asked for, or null.</summary>
        public string? Note { get; set; }

        /// <summary>What the job imports: NetUsageTracker (by name) or the full path of a manifest; empty when unknown.</summary>
        public string Module { get; set; } = "";

        /// <summary>ByName (the job runs whichever version its PowerShell finds, so updates reach it) or ByPath.</summary>
        public string ModuleImport { get; set; } = "";

        /// <summary>False when the job's PowerShell or module can no longer be found; <see cref="Reason"/> says which.</summary>
        public bool Healthy { get; set; } = true;

        /// <summary>Why the job is not healthy, or null.</summary>
        public string? Reason { get; set; }

        /// <summary>Whether the resident recorder runs now; null for a scheduled job, a plan, or where the system does not say.</summary>
        public bool? Running { get; set; }

        /// <summary>The resident recorder's process id, where the system tells it.</summary>
        public int? ProcessId { get; set; }

        /// <summary>The exact files, task XML or crontab line that make up the job.</summary>
        public IList<NetUsageTaskArtefact> Artefacts { get; set; } = new List<NetUsageTaskArtefact>();

        public string[] ArtefactPaths => Artefacts.Select(a => a.Path).ToArray();

        /// <summary>The job's command as read back; null when it is not one Register-NetUsageTask writes.</summary>
        internal Scheduling.RecorderCommand? Recorder { get; set; }

        public override string ToString() => $"{Mechanism} {Name} every {Interval}";
    }

    /// <summary>One piece of a scheduled job: where it lives and its exact text.</summary>
    public sealed class NetUsageTaskArtefact
    {
        public NetUsageTaskArtefact(string kind, string path, string content)
        {
            Kind = kind;
            Path = path;
            Content = content;
        }

        /// <summary>TaskXml, SystemdService, SystemdTimer, CrontabLine (one per line) or LaunchdPlist.</summary>
        public string Kind { get; }

        /// <summary>A file path, the Task Scheduler task path, or 'crontab of USER'.</summary>
        public string Path { get; }

        public string Content { get; }

        public override string ToString() => Path;
    }
}
