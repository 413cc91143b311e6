using System;
using System.Collections.Generic;
using System.Net.NetworkInformation;
using NetUsageTracker.Connection;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class ConnectionListingTests
    {
        /// <summary>
        /// .NET's Linux interface list reads the interfaces and then their addresses; an interface that goes
        /// away in between (a container stopping, a test's veth pair) makes it throw "An invalid IP address
        /// was specified": seen here about once in 300 calls while veth pairs came and went.
        /// </summary>
        [Fact]
        public void AnInterfaceListThatFailsWhileInterfacesComeAndGoIsAskedAgain()
        {
            int calls = 0;
            NetworkInterface[] List()
            {
                if (++calls == 1)
                {
                    throw new ArgumentException("An invalid IP address was specified.", "address");
                }

                return Array.Empty<NetworkInterface>();
            }

            List<NetConnectionInfo> all = ConnectionInfoProvider.GetAll(_ => InterfaceClass.Unknown, List);

            Assert.Empty(all);
            Assert.Equal(2, calls);
        }

        [Fact]
        public void AnInterfaceListThatKeepsFailingStillFails()
        {
            int calls = 0;
            Assert.Throws<ArgumentException>(() => ConnectionInfoProvider.GetAll(_ => InterfaceClass.Unknown, () =>
            {
                calls++;
                throw new ArgumentException("An invalid IP address was specified.", "address");
            }));
            Assert.Equal(3, calls);
        }
    }
}
