using System;
using System.Diagnostics;
using System.IO;

namespace NetUsageTracker.Tests
{
    /// <summary>
    /// A real dbus-daemon of the test's own, with a minimal session configuration: no service
    /// activation, so nothing on the machine answers but what the test starts. Killed on Dispose.
    /// </summary>
    public sealed class PrivateBus : IDisposable
    {
        private const string Config = @"<!DOCTYPE busconfig PUBLIC ""-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"" ""http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd"">
<busconfig>
  <type>session</type>
  <!-- Required by the daemon; replaced by the address given on the command line. -->
  <listen>unix:tmpdir=/tmp</listen>
  <policy context=""default"">
    <allow send_destination=""*"" eavesdrop=""true""/>
    <allow eavesdrop=""true""/>
    <allow own=""*""/>
  </policy>
</busconfig>";

        private readonly string _directory;
        private readonly int _pid;
        private bool _disposed;

        /// <param name="listen">A listen address, e.g. unix:path=... or unix:abstract=...</param>
        public PrivateBus(Func<string, string> listen)
        {
            _directory = Path.Combine(Path.GetTempPath(), "nut-bus-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(_directory);
            string config = Path.Combine(_directory, "bus.conf");
            File.WriteAllText(config, Config);
            var startInfo = new ProcessStartInfo("dbus-daemon",
                $"--config-file={config} --address={listen(_directory)} --fork --print-address=1 --print-pid=1")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };

            using Process daemon = Process.Start(startInfo)!;
            Address = daemon.StandardOutput.ReadLine() ?? throw new InvalidOperationException("dbus-daemon printed no address.");
            _pid = int.Parse(daemon.StandardOutput.ReadLine() ?? throw new InvalidOperationException("dbus-daemon printed no pid."));
            daemon.WaitForExit();
        }

        public string Address { get; }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                using Process daemon = Process.GetProcessById(_pid);
                daemon.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }

            Directory.Delete(_directory, true);
        }
    }
}
