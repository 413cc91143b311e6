using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsCommon.Get, "NetUsage")]
    [OutputType(typeof(NetUsage))]
    public sealed class GetNetUsageCommand : InterfaceCommandBase
    {
        [Parameter]
        [ValidatePositive]
        public double SampleInterval { get; set; }

        [Parameter]
        public SwitchParameter Total { get; set; }

        protected override void EndProcessing()
        {
            Sampler sampler = ModuleState.GetSampler();
            WriteVerbose($"Counters from {sampler.Source.Name}.");
            CounterSnapshot first = sampler.TakeSnapshot();
            CounterSnapshot last = first;
            bool rates = MyInvocation.BoundParameters.ContainsKey(nameof(SampleInterval));
            if (rates)
            {
                WriteVerbose($"Sampling for {SampleInterval} s to measure rates.");
                WaitUntil(Stopwatch.StartNew(), TimeSpan.FromSeconds(SampleInterval));

                last = sampler.TakeSnapshot();
            }

            InterfaceSelector selector = CreateSelector(last);
            ReportMissing(selector, last.InterfaceNames());

            List<NetUsage> results = Build(first, last, rates, selector);
            if (Total)
            {
                if (results.Count > 0)
                {
                    WriteObject(Sum(results));
                }
            }
            else
            {
                WriteObject(results, enumerateCollection: true);
            }
        }

        private List<NetUsage> Build(CounterSnapshot first, CounterSnapshot last, bool rates, InterfaceSelector selector)
        {
            var results = new List<NetUsage>();
            NetworkSnapshot networks = NetworkReading.Read(this);
            DateTime timestamp = last.UtcTime.ToLocalTime();
            string computer = Environment.MachineName;
            double seconds = CounterSnapshot.SecondsBetween(first, last);
            for (int i = 0; i < last.Count; i++)
            {
                InterfaceCounters now = last[i];
                if (!selector.Includes(now.Name))
                {
                    continue;
                }

                var usage = new NetUsage
                {
                    Timestamp = timestamp,
                    ComputerName = computer,
                    InterfaceName = now.Name,
                    InterfaceClass = now.Class,
                    Description = now.Description ?? "",
                    BytesReceived = now.BytesReceived,
                    BytesSent = now.BytesSent,
                    PacketsReceived = now.PacketsReceived,
                    PacketsSent = now.PacketsSent,
                    ReceiveErrors = now.ReceiveErrors,
                    SendErrors = now.SendErrors,
                    ReceiveDrops = now.ReceiveDrops,
                    SendDrops = now.SendDrops,
                };
                usage.SetNetwork(networks.For(now.Name));

                if (rates && first.TryGet(now.Name, out InterfaceCounters before))
                {
                    usage.SampleSeconds = seconds;
                    usage.ReceivedBytesPerSecond = CounterDelta.Rate(Delta(now.Name, "received", before.BytesReceived, now.BytesReceived, last.Width), seconds);
                    usage.SentBytesPerSecond = CounterDelta.Rate(Delta(now.Name, "sent", before.BytesSent, now.BytesSent, last.Width), seconds);
                }
                else if (rates)
                {
                    WriteVerbose($"Interface '{now.Name}' appeared during the sample; its rates are unknown.");
                }

                results.Add(usage);
            }

            return results;
        }

        private ulong Delta(string name, string direction, ulong before, ulong now, CounterWidth width)
        {
            ulong delta = CounterDelta.Compute(before, now, width, out CounterChange change);
            if (change != CounterChange.Normal)
            {
                WriteVerbose($"The {direction} byte counter of '{name}' went from {before} to {now} ({change}); the rate counts {delta} bytes.");
            }

            return delta;
        }

        private static NetUsage Sum(List<NetUsage> items)
        {
            bool allRates = items.All(i => i.ReceivedBytesPerSecond.HasValue);
            return new NetUsage
            {
                Timestamp = items[0].Timestamp,
                ComputerName = items[0].ComputerName,
                // "Total", so the row cannot pass for an interface's (even the sum of one); the interfaces it sums
                // are in the description.
                InterfaceName = "Total",
                Description = "Total of " + string.Join(", ", items.Select(i => i.InterfaceName)),
                InterfaceClass = items.All(i => i.InterfaceClass == items[0].InterfaceClass) ? items[0].InterfaceClass : InterfaceClass.Unknown,
                NetworkName = string.Join(",", items.Select(i => i.NetworkName).Distinct()),
                NetworkId = string.Join(",", items.Select(i => i.NetworkId).Distinct()),
                Metered = items.All(i => i.Metered == items[0].Metered) ? items[0].Metered : null,
                BytesReceived = Add(items, i => i.BytesReceived),
                BytesSent = Add(items, i => i.BytesSent),
                PacketsReceived = Add(items, i => i.PacketsReceived),
                PacketsSent = Add(items, i => i.PacketsSent),
                ReceiveErrors = Add(items, i => i.ReceiveErrors),
                SendErrors = Add(items, i => i.SendErrors),
                ReceiveDrops = Add(items, i => i.ReceiveDrops),
                SendDrops = Add(items, i => i.SendDrops),
                SampleSeconds = items[0].SampleSeconds,
                ReceivedBytesPerSecond = allRates ? items.Sum(i => i.ReceivedBytesPerSecond) : null,
                SentBytesPerSecond = allRates ? items.Sum(i => i.SentBytesPerSecond) : null,
            };
        }

        private static ulong Add(List<NetUsage> items, Func<NetUsage, ulong> field)
        {
            ulong sum = 0;
            foreach (NetUsage item in items)
            {
                sum += field(item);
            }

            return sum;
        }
    }
}
