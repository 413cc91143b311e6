# Drives the NetworkManager of python3-dbusmock's networkmanager template on a private bus (the test's
# stand-in for the system bus), through the mock's own methods. Prints JSON.
#   wifi ADDRESS INTERFACE SSID METERED   an active Wi-Fi connection on INTERFACE; prints the device's path and
#                                         the connection's UUID
#   metered ADDRESS DEVICE VALUE          sets the device's Metered (NMMetered), as NetworkManager would
import json, sys
import dbus

bus = dbus.bus.BusConnection(sys.argv[2])
nm = bus.get_object('org.freedesktop.NetworkManager', '/org/freedesktop/NetworkManager')
mock = dbus.Interface(nm, 'org.freedesktop.DBus.Mock')
DEVICE = 'org.freedesktop.NetworkManager.Device'

if sys.argv[1] == 'wifi':
    interface, ssid, metered = sys.argv[3], sys.argv[4], int(sys.argv[5])
    device = mock.AddWiFiDevice('wifi_' + interface, interface, 100)
    ap = mock.AddAccessPoint(device, 'ap_' + interface, ssid, '02:00:00:00:00:01', 2, 2437, 54000, 80, 0x100)
    connection = mock.AddWiFiConnection(device, 'conn_' + interface, ssid, 'wpa-psk')
    active = mock.AddActiveConnection([device], connection, ap, 'active_' + interface, 2)
    dbus.Interface(bus.get_object('org.freedesktop.NetworkManager', device), 'org.freedesktop.DBus.Mock').AddProperty(DEVICE, 'Metered', dbus.UInt32(metered))
    uuid = bus.get_object('org.freedesktop.NetworkManager', active).Get(
        'org.freedesktop.NetworkManager.Connection.Active', 'Uuid', dbus_interface='org.freedesktop.DBus.Properties')
    print(json.dumps({'Device': str(device), 'Uuid': str(uuid)}))
elif sys.argv[1] == 'metered':
    bus.get_object('org.freedesktop.NetworkManager', sys.argv[3]).Set(
        DEVICE, 'Metered', dbus.UInt32(int(sys.argv[4])), dbus_interface='org.freedesktop.DBus.Properties')
    print(json.dumps({'Device': sys.argv[3]}))
