using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using NetUsageTracker.Scheduling;

namespace NetUsageTracker.Commands
{
    /// <summary>What the three *-NetUsageTask cmdlets share: the installed jobs and their errors.</summary>
    internal static class NetUsageTaskSupport
    {
        /// <summary>
        /// Installed jobs of every scheduler of this platform, each checked (<see cref="JobHealth"/>); a
        /// scheduler that fails to answer is an error, not a stop.
        /// </summary>
        public static List<(IRecordingScheduler Scheduler, NetUsageTask Task)> FindInstalled(Cmdlet cmdlet, IEnumerable<IRecordingScheduler> schedulers)
        {
            var installed = new List<(IRecordingScheduler, NetUsageTask)>();
            foreach (IRecordingScheduler scheduler in schedulers)
            {
                try
                {
                    NetUsageTask? task = scheduler.Find();
                    if (task != null)
                    {
                        JobHealth.Check(task, scheduler);
                        installed.Add((scheduler, task));
                    }
                }
                catch (Exception e) when (IsSchedulerFailure(e))
                {
                    cmdlet.WriteError(Failure(e, scheduler.Mechanism));
                }
            }

            return installed;
        }

        /// <summary>Failures of the system's scheduler or of its files, as opposed to bugs.</summary>
        public static bool IsSchedulerFailure(Exception e) =>
            e is SchedulerException || e is IOException || e is UnauthorizedAccessException || e is System.Xml.XmlException;

        public static ErrorRecord Failure(Exception e, object target)
        {
            (string id, ErrorCategory category) = e switch
            {
                UnauthorizedAccessException _ => ("TaskFileAccessDenied", ErrorCategory.PermissionDenied),
                IOException _ => ("TaskFileFailed", ErrorCategory.WriteError),
                System.Xml.XmlException _ => ("TaskDefinitionInvalid", ErrorCategory.InvalidData),
                _ => ("SchedulerCommandFailed", ErrorCategory.InvalidOperation),
            };
            return new ErrorRecord(e, id, category, target);
        }

        /// <summary>The artefacts in full, for -WhatIf and -Confirm messages.</summary>
        public static string DescribeArtefacts(NetUsageTask task)
        {
            var text = new System.Text.StringBuilder();
            foreach (NetUsageTaskArtefact artefact in task.Artefacts)
            {
                text.Append("\n--- ").Append(artefact.Kind).Append(": ").Append(artefact.Path).Append(" ---\n")
                    .Append(artefact.Content.TrimEnd('\n', '\r')).Append('\n');
            }

            return text.ToString();
        }
    }
}
