using System;
using System.IO;
using System.Net.NetworkInformation;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    public sealed class InterfaceClassifierTests : IDisposable
    {
        private readonly string _sys = Path.Combine(Path.GetTempPath(), "nut-sysfs-" + Guid.NewGuid().ToString("N"));

        public InterfaceClassifierTests()
        {
            // A sysfs fixture as Linux lays it out: a device link for hardware, flags for every interface.
            Interface("eth0", "0x1003", device: true);
            Interface("wlp2s0", "0x1003", device: true);
            Interface("lo", "0x9", device: false);
            Interface("ifb0", "0x82", device: false);
            Interface("veth1a2b", "0x1003", device: false);
            Interface("br0", "0x1003", device: false);
            Interface("eth0.100", "0x1003", device: false);
        }

        [Theory]
        [InlineData("eth0", InterfaceClass.Physical)]
        [InlineData("wlp2s0", InterfaceClass.Physical)]
        [InlineData("lo", InterfaceClass.Loopback)]
        [InlineData("ifb0", InterfaceClass.Virtual)]
        [InlineData("veth1a2b", InterfaceClass.Virtual)]
        [InlineData("br0", InterfaceClass.Virtual)]
        [InlineData("eth0.100", InterfaceClass.Virtual)] // a VLAN repeats its parent's bytes
        [InlineData("docker0", InterfaceClass.Virtual)] // not in sysfs: the name family decides
        [InlineData("enp0s3", InterfaceClass.Unknown)]
        public void SysfsDecidesAndTheNameFamilyFillsIn(string name, InterfaceClass expected)
        {
            Assert.Equal(expected, InterfaceClassifier.FromSysfs(_sys, name));
        }

        [Theory]
        [InlineData("lo0", InterfaceClass.Loopback)]
        [InlineData("utun3", InterfaceClass.Virtual)]
        [InlineData("awdl0", InterfaceClass.Virtual)]
        [InlineData("llw0", InterfaceClass.Virtual)]
        [InlineData("bridge0", InterfaceClass.Virtual)]
        [InlineData("ap1", InterfaceClass.Virtual)]
        [InlineData("vEthernet (WSL)", InterfaceClass.Virtual)]
        [InlineData("tun0", InterfaceClass.Virtual)]
        [InlineData("wg0", InterfaceClass.Virtual)]
        [InlineData("en0", InterfaceClass.Unknown)]
        [InlineData("apple0", InterfaceClass.Unknown)]
        [InlineData("tunnelbroker", InterfaceClass.Unknown)]
        [InlineData("Ethernet", InterfaceClass.Unknown)]
        public void NameFamilies(string name, InterfaceClass expected)
        {
            Assert.Equal(expected, InterfaceClassifier.FromName(name));
        }

        [Theory]
        [InlineData("en0", NetworkInterfaceType.Wireless80211, "", InterfaceClass.Physical)]
        [InlineData("utun0", NetworkInterfaceType.Unknown, "", InterfaceClass.Virtual)]
        [InlineData("lo0", NetworkInterfaceType.Loopback, "", InterfaceClass.Loopback)]
        [InlineData("Ethernet", NetworkInterfaceType.Ethernet, "Intel(R) Ethernet Connection I219-V", InterfaceClass.Physical)]
        [InlineData("Ethernet 2", NetworkInterfaceType.Ethernet, "Hyper-V Virtual Ethernet Adapter", InterfaceClass.Virtual)]
        [InlineData("Local Area Connection* 1", NetworkInterfaceType.Wireless80211, "Microsoft Wi-Fi Direct Virtual Adapter", InterfaceClass.Virtual)]
        [InlineData("OpenVPN", NetworkInterfaceType.Ethernet, "TAP-Windows Adapter V9", InterfaceClass.Virtual)]
        [InlineData("Teredo", NetworkInterfaceType.Tunnel, "Teredo Tunneling Pseudo-Interface", InterfaceClass.Virtual)]
        public void NetworkInformationRows(string name, NetworkInterfaceType type, string description, InterfaceClass expected)
        {
            Assert.Equal(expected, InterfaceClassifier.FromNetworkInformation(name, type, description));
        }

        [LinuxFact]
        public void LoopbackOfThisMachineIsLoopback()
        {
            Assert.Equal(InterfaceClass.Loopback, InterfaceClassifier.Linux("lo"));
        }

        [LinuxFact]
        public void TheCacheOfNamesStaysBoundedWhileNamesComeAndGo()
        {
            // A container host names a new veth for every container: a resident recorder sees them all.
            for (int i = 0; i < InterfaceClassifier.LinuxCacheLimit * 2; i++)
            {
                Assert.Equal(InterfaceClass.Virtual, InterfaceClassifier.Linux("veth" + i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)));
            }

            Assert.InRange(InterfaceClassifier.LinuxCacheCount, 1, InterfaceClassifier.LinuxCacheLimit);
            Assert.Equal(InterfaceClass.Loopback, InterfaceClassifier.Linux("lo"));
            Assert.Equal(InterfaceClass.Loopback, InterfaceClassifier.Linux("lo"));
        }

        public void Dispose() => Directory.Delete(_sys, recursive: true);

        private void Interface(string name, string flags, bool device)
        {
            string folder = Path.Combine(_sys, name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "flags"), flags + "\n");
            if (device)
            {
                Directory.CreateDirectory(Path.Combine(folder, "device"));
            }
        }
    }
}
