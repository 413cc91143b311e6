using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetUsageTracker.Alerts;
using NetUsageTracker.DBus;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class FreedesktopNotifierTests
    {
        /// <summary>Reads Notify's arguments back from the marshalled body, checking every one.</summary>
        private static (string Summary, string Body) ReadNotify(byte[] body)
        {
            var reader = new DBusReader(body, 0, body.Length, false);
            Assert.Equal("NetUsageTracker", reader.ReadString());
            Assert.Equal(0u, reader.ReadUInt32());
            Assert.Equal("network-transmit-receive", reader.ReadString());
            string summary = reader.ReadString();
            string text = reader.ReadString();
            Assert.Empty(reader.ReadStringArray());
            Assert.Equal(0u, reader.ReadUInt32());
            reader.Align(8);
            Assert.Equal(-1, reader.ReadInt32());
            Assert.Equal(body.Length, reader.Position);
            return (summary, text);
        }

        [Theory]
        [MemberData(nameof(AdversarialText.Data), MemberType = typeof(AdversarialText))]
        public void NotifyCarriesTheTextAsStringArguments(string text)
        {
            (string summary, string body) = ReadNotify(FreedesktopNotifier.BuildNotifyBody("T " + text, text, bodyMarkup: false));

            Assert.Equal("T " + text, summary);
            Assert.Equal(text, body);
        }

        [Theory]
        [MemberData(nameof(AdversarialText.Data), MemberType = typeof(AdversarialText))]
        public void WithBodyMarkupOnlyTheBodyIsEscaped(string text)
        {
            (string summary, string body) = ReadNotify(FreedesktopNotifier.BuildNotifyBody(text, text, bodyMarkup: true));

            Assert.Equal(text, summary);
            Assert.Equal(FreedesktopNotifier.EscapeMarkup(text), body);
            Assert.Equal(text, body.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&"));
            Assert.DoesNotContain("<", body);
        }

        [Fact]
        public void EscapesTheCharactersMarkupGivesMeaningTo()
        {
            Assert.Equal("a &amp;amp; &lt;b&gt; \"q\" 'a' \u2018x\u2019", FreedesktopNotifier.EscapeMarkup("a &amp; <b> \"q\" 'a' \u2018x\u2019"));
        }

        [Fact]
        public void AMethodCallParsesBackWithItsHeaderFields()
        {
            byte[] body = FreedesktopNotifier.BuildNotifyBody("t", "m", false);
            byte[] call = DBusMessage.MethodCall(7, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications", "Notify", FreedesktopNotifier.NotifySignature, body);

            Assert.Equal(call.Length, DBusMessage.TotalLength(call.Take(DBusMessage.FixedHeaderLength).ToArray()));
            DBusMessage message = DBusMessage.Parse(call);
            Assert.Equal(DBusMessageType.MethodCall, message.Type);
            Assert.Equal("Notify", message.Member);
            Assert.Equal("susssasa{sv}i", message.Signature);
            Assert.Equal(0, (call.Length - body.Length) % 8);
            Assert.Equal(body, call.Skip(call.Length - body.Length).ToArray());
        }

        [Theory]
        [InlineData("unix:path=/run/user/1000/bus", "/run/user/1000/bus")]
        [InlineData("unix:abstract=/tmp/dbus-AbC,guid=0123", "@/tmp/dbus-AbC")]
        [InlineData("tcp:host=localhost,port=1;unix:path=/tmp/a%20b%2cc", "/tmp/a b,c")]
        [InlineData("unix:guid=1,path=/x;unix:path=/y", "/x|/y")]
        [InlineData("tcp:host=localhost,port=1", "")]
        public void ReadsUnixAddressesFromTheAddressList(string address, string expected)
        {
            Assert.Equal(expected, string.Join("|", DBusAddress.Parse(address)));
        }

        [Fact]
        public void WithoutASessionBusTheReasonSaysSo()
        {
            var notifier = new FreedesktopNotifier(_ => null);

            NotificationException e = Assert.Throws<NotificationException>(() => notifier.Show("t", "m", TimeSpan.FromSeconds(2)));

            Assert.True(e.ServiceUnavailable);
            Assert.Contains("DBUS_SESSION_BUS_ADDRESS is not set", e.Message);
        }

        [LinuxFact]
        public void WithoutEitherVariableTheUsersBusIsFoundInItsRuntimeFolder()
        {
            // A cron job or a system service run as the user: no DBUS_SESSION_BUS_ADDRESS, no XDG_RUNTIME_DIR,
            // but the user's bus listens at /run/user/<uid>/bus while the user is logged in.
            string folder = Path.Combine(Path.GetTempPath(), "nut-run-user-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                Assert.Empty(DBusAddress.SessionBus(_ => null, folder, out string why));
                Assert.Contains("DBUS_SESSION_BUS_ADDRESS is not set", why);

                File.WriteAllText(Path.Combine(folder, "bus"), "");
                Assert.Equal(Path.Combine(folder, "bus"), string.Join("|", DBusAddress.SessionBus(_ => null, folder, out why)));
                Assert.Equal("", why);
                Assert.Equal("/run/user/" + NetUsageTracker.Processes.Linux.LinuxNative.geteuid(), DBusAddress.UserRuntimeDirectory());
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void ABusAddressThatLeadsNowhereIsUnavailable()
        {
            var notifier = new FreedesktopNotifier(Variables("unix:path=/nonexistent/nut-test/bus"));

            NotificationException e = Assert.Throws<NotificationException>(() => notifier.Show("t", "m", TimeSpan.FromSeconds(2)));

            Assert.True(e.ServiceUnavailable);
            Assert.Contains("/nonexistent/nut-test/bus cannot be reached", e.Message);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void TalksToARealBusOverPathAndAbstractSockets(bool isAbstract)
        {
            using var bus = new PrivateBus(dir => isAbstract ? $"unix:abstract={dir}/abstract" : $"unix:path={dir}/socket");
            Assert.StartsWith(isAbstract ? "unix:abstract=" : "unix:path=", bus.Address);

            using DBusConnection connection = DBusConnection.Open(DBusAddress.Parse(bus.Address), TimeSpan.FromSeconds(5));
            var args = new DBusWriter();
            args.WriteString("org.freedesktop.DBus");
            DBusMessage reply = connection.Call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetNameOwner", "s", args.ToArray());

            Assert.Equal(DBusMessageType.MethodReturn, reply.Type);
            Assert.Equal("org.freedesktop.DBus", reply.Body().ReadString());
        }

        [Fact]
        public void ABusWithoutANotificationServerIsUnavailable()
        {
            using var bus = new PrivateBus(dir => $"unix:path={dir}/socket");
            var notifier = new FreedesktopNotifier(Variables(bus.Address));

            NotificationException e = Assert.Throws<NotificationException>(() => notifier.Show("t", "m", TimeSpan.FromSeconds(5)));

            Assert.True(e.ServiceUnavailable);
            Assert.Contains("no notification server is running", e.Message);
        }

        private static Func<string, string?> Variables(string address) =>
            name => name == "DBUS_SESSION_BUS_ADDRESS" ? address : null;
    }
}
