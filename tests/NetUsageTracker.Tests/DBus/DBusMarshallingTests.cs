using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.DBus;
using Xunit;

namespace NetUsageTracker.Tests.DBus
{
    /// <summary>The D-Bus values NetworkManager answers with, read from bytes laid out as the specification says.</summary>
    public class DBusMarshallingTests
    {
        [Fact]
        public void ReadsAPropertiesDictionaryOfVariants()
        {
            // GetAll's a{sv}: Metered <u 3>, Ssid <ay "Pixel">, Devices <ao ["/d/1", "/d/2"]>, Vpn <b true>,
            // Speed <t 2^40>, StateReason <(uu) (100, 0)>.
            var w = new DBusWriter();
            DBusWriter.ArrayMark dict = w.BeginArray(8);
            Entry(w, "Metered", "u", () => w.WriteUInt32(3));
            Entry(w, "Ssid", "ay", () =>
            {
                DBusWriter.ArrayMark bytes = w.BeginArray(1);
                w.WriteBytes(new byte[] { (byte)'P', (byte)'i', (byte)'x', (byte)'e', (byte)'l' });
                w.EndArray(bytes);
            });
            Entry(w, "Devices", "ao", () =>
            {
                DBusWriter.ArrayMark paths = w.BeginArray(4);
                w.WriteString("/d/1");
                w.WriteString("/d/2");
                w.EndArray(paths);
            });
            Entry(w, "Vpn", "b", () => w.WriteUInt32(1));
            Entry(w, "Speed", "t", () =>
            {
                w.Align(8);
                w.WriteUInt32(0);
                w.WriteUInt32(256);
            });
            Entry(w, "StateReason", "(uu)", () =>
            {
                w.Align(8);
                w.WriteUInt32(100);
                w.WriteUInt32(0);
            });
            w.EndArray(dict);
            byte[] body = w.ToArray();

            var values = (Dictionary<string, object>)new DBusReader(body, 0, body.Length, false).ReadValue("a{sv}");

            Assert.Equal(3u, values["Metered"]);
            Assert.Equal("Pixel", System.Text.Encoding.ASCII.GetString((byte[])values["Ssid"]));
            Assert.Equal(new object[] { "/d/1", "/d/2" }, (object[])values["Devices"]);
            Assert.Equal(true, values["Vpn"]);
            Assert.Equal(1UL << 40, values["Speed"]);
            Assert.Equal(new object[] { 100u, 0u }, (object[])values["StateReason"]);
        }

        [Fact]
        public void ReadsBigEndianMessagesToo()
        {
            // A big-endian body of (u 0x01020304, s "ab", q 0x0506, x -2, d 1.5, ay [] then y 7).
            byte[] body =
            {
                1, 2, 3, 4,
                0, 0, 0, 2, (byte)'a', (byte)'b', 0, 0,
                5, 6, 0, 0,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
                0x3F, 0xF8, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 7,
            };

            object[] values = new DBusReader(body, 0, body.Length, true).ReadValues("usqxdayy");

            Assert.Equal(new object[] { 0x01020304u, "ab", (ushort)0x0506, -2L, 1.5, Array.Empty<byte>(), (byte)7 }, values);
        }

        [Fact]
        public void ADictionaryWithOtherKeysIsKeyedByObject()
        {
            var w = new DBusWriter();
            DBusWriter.ArrayMark dict = w.BeginArray(8);
            w.Align(8);
            w.WriteUInt32(7);
            w.WriteString("seven");
            w.EndArray(dict);
            byte[] body = w.ToArray();

            var values = (Dictionary<object, object>)new DBusReader(body, 0, body.Length, false).ReadValue("a{us}");

            Assert.Equal("seven", values[7u]);
        }

        [Theory]
        [InlineData("an array longer than the message", new byte[] { 200, 0, 0, 0, 1, 2 }, "ay")]
        [InlineData("a string without its NUL", new byte[] { 3, 0, 0, 0, 97, 98, 99 }, "s")]
        [InlineData("a variant of two types", new byte[] { 2, (byte)'y', (byte)'y', 0, 1, 2 }, "v")]
        [InlineData("an unknown type code", new byte[] { 0, 0, 0, 0 }, "z")]
        [InlineData("an unclosed struct", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }, "(u")]
        public void RefusesMalformedValues(string why, byte[] body, string signature)
        {
            Assert.Throws<DBusProtocolException>(() => new DBusReader(body, 0, body.Length, false).ReadValue(signature));
            Assert.NotEmpty(why);
        }

        [Fact]
        public void RefusesVariantsNestedBeyondTheLimit()
        {
            // 100 variants, each holding the next: the specification allows 64 levels in all.
            var bytes = new List<byte>();
            for (int i = 0; i < 100; i++)
            {
                bytes.AddRange(new byte[] { 1, (byte)'v', 0 });
            }

            bytes.AddRange(new byte[] { 1, (byte)'y', 0, 9 });
            byte[] body = bytes.ToArray();

            Assert.Throws<DBusProtocolException>(() => new DBusReader(body, 0, body.Length, false).ReadValue("v"));
        }

        [Fact]
        public void ASignalParsesWithItsPathInterfaceAndSender()
        {
            // A PropertiesChanged signal as dbus-daemon forwards it, built field by field.
            var body = new DBusWriter();
            body.WriteString("org.freedesktop.NetworkManager.Device");
            body.EndArray(body.BeginArray(8));
            body.EndArray(body.BeginArray(4));
            byte[] bodyBytes = body.ToArray();
            var h = new DBusWriter();
            h.WriteByte((byte)'l');
            h.WriteByte(4);
            h.WriteByte(0);
            h.WriteByte(1);
            h.WriteUInt32((uint)bodyBytes.Length);
            h.WriteUInt32(9);
            DBusWriter.ArrayMark fields = h.BeginArray(8);
            Field(h, 1, "o", "/org/freedesktop/NetworkManager/Devices/3");
            Field(h, 2, "s", "org.freedesktop.DBus.Properties");
            Field(h, 3, "s", "PropertiesChanged");
            Field(h, 7, "s", ":1.42");
            h.Align(8);
            h.WriteByte(8);
            h.WriteSignature("g");
            h.WriteSignature("sa{sv}as");
            h.EndArray(fields);
            h.Align(8);
            h.WriteBytes(bodyBytes);
            byte[] message = h.ToArray();

            DBusMessage signal = DBusMessage.Parse(message);

            Assert.Equal(message.Length, DBusMessage.TotalLength(message.Take(DBusMessage.FixedHeaderLength).ToArray()));
            Assert.Equal(DBusMessageType.Signal, signal.Type);
            Assert.Equal("/org/freedesktop/NetworkManager/Devices/3", signal.Path);
            Assert.Equal("org.freedesktop.DBus.Properties", signal.Interface);
            Assert.Equal("PropertiesChanged", signal.Member);
            Assert.Equal(":1.42", signal.Sender);
            object[] args = signal.Body().ReadValues(signal.Signature);
            Assert.Equal("org.freedesktop.NetworkManager.Device", args[0]);
            Assert.Empty((Dictionary<string, object>)args[1]);
            Assert.Empty((object[])args[2]);
        }

        [Theory]
        [InlineData(null, "/var/run/dbus/system_bus_socket")]
        [InlineData("", "/var/run/dbus/system_bus_socket")]
        [InlineData("unix:path=/tmp/nut/system", "/tmp/nut/system")]
        public void TheSystemBusIsTheVariableElseTheWellKnownSocket(string? variable, string expected)
        {
            Assert.Equal(expected, string.Join("|", DBusAddress.SystemBus(name => name == "DBUS_SYSTEM_BUS_ADDRESS" ? variable : null)));
        }

        [LinuxFact]
        public void ARealBusAnswersPropertiesAndForwardsMatchedSignals()
        {
            using var bus = new PrivateBus(dir => $"unix:path={dir}/socket");
            using DBusConnection watcher = DBusConnection.Open(DBusAddress.Parse(bus.Address), TimeSpan.FromSeconds(5));
            var signals = new List<DBusMessage>();
            watcher.SignalReceived = signals.Add;

            // dbus-daemon's own properties: Features and Interfaces, both arrays of strings.
            Dictionary<string, object> properties = watcher.GetAllProperties("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus");
            Assert.IsType<object[]>(properties["Interfaces"]);
            Assert.Equal(properties["Features"], watcher.GetProperty("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Features"));
            Assert.Equal(0, watcher.ReceivePending(TimeSpan.FromSeconds(1)));
            watcher.AddMatch("type='signal',interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='org.nut.Test'");
            Assert.False(watcher.NameHasOwner("org.nut.Test"));

            using DBusConnection other = DBusConnection.Open(DBusAddress.Parse(bus.Address), TimeSpan.FromSeconds(5));
            var name = new DBusWriter();
            name.WriteString("org.nut.Test");
            name.WriteUInt32(0);
            other.Call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "RequestName", "su", name.ToArray());

            watcher.StartDeadline(TimeSpan.FromSeconds(5));
            Assert.True(watcher.NameHasOwner("org.nut.Test"));
            watcher.ReceivePending(TimeSpan.FromSeconds(1));
            DBusMessage changed = Assert.Single(signals, s => s.Member == "NameOwnerChanged");
            Assert.Equal("org.nut.Test", changed.Body().ReadString());
        }

        private static void Entry(DBusWriter w, string key, string signature, Action value)
        {
            w.Align(8);
            w.WriteString(key);
            w.WriteSignature(signature);
            value();
        }

        private static void Field(DBusWriter w, byte code, string type, string value)
        {
            w.Align(8);
            w.WriteByte(code);
            w.WriteSignature(type);
            w.WriteString(value);
        }
    }
}
