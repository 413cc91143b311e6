using System;
using System.Collections.Generic;
using System.Linq;

namespace NetUsageTracker
{
    /// <summary>The scheduled recording job: planned (Register-NetUsageTask -WhatIf) or installed.</summary>
    public sealed class NetUsageTask
    {
        /// <summary>Windows, Linux or macOS.</summary>
        public string Platform { get; set; } = "";

        /// <summary>TaskScheduler, SystemdTimer, Cron or Launchd.</summary>
        public string Mechanism { get; set; } = "";

        /// <summary>The task path, timer unit, crontab marker or launchd label.</summary>
        public string Name { get; set; } = "";

        /// <summary>How often the job runs (for cron, the nearest interval cron can keep evenly).</summary>
        public TimeSpan Interval { get; set; }

        /// <summary>The command exactly as the scheduler stores it.</summary>
        public string Command { get; set; } = "";

        /// <summary>The next run in local time, when the scheduler tells it; null when unknown.</summary>
        public DateTime? NextRunTime { get; set; }

        /// <summary>False for a plan that was only shown (-WhatIf) or declined.</summary>
        public bool Registered { get; set; }

        /// <summary>Why the interval differs from the one asked for, or null.</summary>
        public string? Note { get; set; }

        /// <summary>The exact files, task XML or crontab line that make up the job.</summary>
        public IList<NetUsageTaskArtefact> Artefacts { get; set; } = new List<NetUsageTaskArtefact>();

        public string[] ArtefactPaths => Artefacts.Select(a => a.Path).ToArray();

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

        /// <summary>TaskXml, SystemdService, SystemdTimer, CrontabLine or LaunchdPlist.</summary>
        public string Kind { get; }

        /// <summary>A file path, the Task Scheduler task path, or 'crontab of USER'.</summary>
        public string Path { get; }

        public string Content { get; }

        public override string ToString() => Path;
    }
}
