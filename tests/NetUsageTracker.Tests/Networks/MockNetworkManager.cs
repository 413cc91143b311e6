using System;
using System.Diagnostics;
using System.Threading;
using NetUsageTracker.DBus;

namespace NetUsageTracker.Tests.Networks
{
    /// <summary>
    /// A NetworkManager of python3-dbusmock's networkmanager template on a private bus of the test, which
    /// stands for the system bus (the source under test is given its address as DBUS_SYSTEM_BUS_ADDRESS).
    /// The test builds devices and connections through the mock's own methods.
    /// </summary>
    public sealed class MockNetworkManager : IDisposable
    {
        public const string DeviceInterface = "org.freedesktop.NetworkManager.Device";
        private const string Service = "org.freedesktop.NetworkManager";
        private const string ManagerPath = "/org/freedesktop/NetworkManager";
        private const string MockInterface = "org.freedesktop.DBus.Mock";

        private readonly DBusConnection _control;
        private Process? _mock;

        public MockNetworkManager()
        {
            Bus = new PrivateBus(dir => $"unix:path={dir}/system_bus_socket");
            try
            {
                var start = new ProcessStartInfo("/usr/bin/python3", "-m dbusmock --system -t networkmanager") { UseShellExecute = false, RedirectStandardOutput = true };
                start.Environment["DBUS_SYSTEM_BUS_ADDRESS"] = Bus.Address;
                _mock = Process.Start(start)!;
                _control = DBusConnection.Open(DBusAddress.Parse(Bus.Address), TimeSpan.FromSeconds(10));
                var deadline = Stopwatch.StartNew();
                while (!_control.NameHasOwner(Service))
                {
                    if (deadline.Elapsed > TimeSpan.FromSeconds(20) || _mock.HasExited)
                    {
                        throw new InvalidOperationException("The mock NetworkManager did not take its bus name.");
                    }

                    Thread.Sleep(50);
                    _control.StartDeadline(TimeSpan.FromSeconds(10));
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public PrivateBus Bus { get; }

        /// <summary>What the source reads the environment through: only the system bus's address is set.</summary>
        public string? Variables(string name) => name == "DBUS_SYSTEM_BUS_ADDRESS" ? Bus.Address : null;

        /// <summary>A Wi-Fi device on <paramref name="interfaceName"/>, associated with <paramref name="ssid"/> through an
        /// active connection; returns the device's and the active connection's object paths.</summary>
        public (string Device, string Active) AddActiveWifi(string name, string interfaceName, string ssid, uint metered)
        {
            string device = CallForPath("AddWiFiDevice", "ssi", w => { w.WriteString(name); w.WriteString(interfaceName); w.WriteInt32(100); });
            string accessPoint = CallForPath("AddAccessPoint", "ssssuuuyu", w =>
            {
                w.WriteString(device);
                w.WriteString(name + "ap");
                w.WriteString(ssid);
                w.WriteString("02:00:00:00:00:01");
                w.WriteUInt32(2);
                w.WriteUInt32(2437);
                w.WriteUInt32(54000);
                w.WriteByte(80);
                w.WriteUInt32(0x100);
            });
            string connection = CallForPath("AddWiFiConnection", "ssss", w => { w.WriteString(device); w.WriteString(name + "conn"); w.WriteString(ssid); w.WriteString("wpa-psk"); });
            string active = CallForPath("AddActiveConnection", "assssu", w =>
            {
                DBusWriter.ArrayMark devices = w.BeginArray(4);
                w.WriteString(device);
                w.EndArray(devices);
                w.WriteString(connection);
                w.WriteString(accessPoint);
                w.WriteString(name + "active");
                w.WriteUInt32(2);
            });
            Call(device, MockInterface, "AddProperty", "ssv", w => { w.WriteString(DeviceInterface); w.WriteString("Metered"); WriteUInt32Variant(w, metered); });
            return (device, active);
        }

        /// <summary>Sets a device's Metered as NetworkManager would, with a PropertiesChanged signal.</summary>
        public void SetMetered(string device, uint metered) =>
            Call(device, "org.freedesktop.DBus.Properties", "Set", "ssv", w => { w.WriteString(DeviceInterface); w.WriteString("Metered"); WriteUInt32Variant(w, metered); });

        public object Property(string path, string interfaceName, string property)
        {
            _control.StartDeadline(TimeSpan.FromSeconds(10));
            return _control.GetProperty(Service, path, interfaceName, property);
        }

        /// <summary>Ends the mock, as NetworkManager stopping would (its name loses its owner).</summary>
        public void Stop()
        {
            if (_mock != null && !_mock.HasExited)
            {
                _mock.Kill();
                _mock.WaitForExit();
            }
        }

        public void Dispose()
        {
            Stop();
            _mock?.Dispose();
            _control?.Dispose();
            Bus.Dispose();
        }

        private static void WriteUInt32Variant(DBusWriter writer, uint value)
        {
            writer.WriteSignature("u");
            writer.WriteUInt32(value);
        }

        private string CallForPath(string method, string signature, Action<DBusWriter> write) =>
            Call(ManagerPath, MockInterface, method, signature, write).Body().ReadString();

        private DBusMessage Call(string path, string interfaceName, string method, string signature, Action<DBusWriter> write)
        {
            var writer = new DBusWriter();
            write(writer);
            _control.StartDeadline(TimeSpan.FromSeconds(10));
            return _control.Call(Service, path, interfaceName, method, signature, writer.ToArray());
        }
    }
}
