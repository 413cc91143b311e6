using System;
using System.IO;
using NetUsageTracker.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.Scheduling
{
    public class ModuleSearchPathTests
    {
        [Fact]
        public void AUnixJobSearchesTheUserFolderUnderItsHomeThenTheSharedOneThenPsHome()
        {
            Assert.Equal(
                new[] { "/home/ada/.local/share/powershell/Modules", "/usr/local/share/powershell/Modules", "/opt/microsoft/powershell/7/Modules" },
                ModuleSearchPath.Unix("/home/ada", null, "/opt/microsoft/powershell/7", null));
        }

        [Fact]
        public void AUnixJobFollowsTheXdgDataHomeAndThePsModulePathOfItsOwnEnvironment()
        {
            Assert.Equal(
                new[] { "/data/powershell/Modules", "/usr/local/share/powershell/Modules", "/p/Modules", "/extra/a", "/extra/b" },
                ModuleSearchPath.Unix("/home/ada", "/data", "/p", "/extra/a::/extra/b"));
        }

        [Theory]
        [InlineData(false, @"C:\Users\ada\Documents\PowerShell\Modules", @"C:\Program Files\PowerShell\Modules", @"C:\Program Files\PowerShell\7\Modules")]
        [InlineData(true, @"C:\Users\ada\Documents\WindowsPowerShell\Modules", @"C:\Program Files\WindowsPowerShell\Modules", @"C:\Program Files\PowerShell\7\Modules")]
        public void AWindowsTaskSearchesDocumentsProgramFilesPsHomeThenTheRegistryValue(bool windowsPowerShell, string user, string machine, string psHome)
        {
            Assert.Equal(
                new[] { user, machine, psHome, @"C:\Program Files\WindowsPowerShell\Modules", @"C:\Windows\system32\WindowsPowerShell\v1.0\Modules" },
                ModuleSearchPath.Windows(windowsPowerShell, @"C:\Users\ada\Documents", @"C:\Program Files", @"C:\Program Files\PowerShell\7",
                    @"C:\Program Files\WindowsPowerShell\Modules;C:\Windows\system32\WindowsPowerShell\v1.0\Modules"));
        }

        [Theory]
        [InlineData("/home/ada/.local/share/powershell/Modules/NetUsageTracker/0.1.0", false, "/home/ada/.local/share/powershell/Modules")]
        [InlineData("/home/ada/.local/share/powershell/Modules/NetUsageTracker/0.1.0/", false, "/home/ada/.local/share/powershell/Modules")]
        [InlineData("/usr/local/share/powershell/Modules/NetUsageTracker", false, "/usr/local/share/powershell/Modules/")]
        [InlineData("/home/ada/src/out/NetUsageTracker/0.1.0", false, null)]
        [InlineData("/home/ada/.local/share/powershell/Modules/Other/0.1.0", false, null)]
        [InlineData("/home/ada/.local/share/powershell/Modules/netusagetracker/0.1.0", false, null)]
        [InlineData(@"C:\Users\Ada\Documents\PowerShell\Modules\NetUsageTracker\0.1.0", true, @"C:\Users\ada\Documents\PowerShell\Modules")]
        [InlineData(@"C:\Users\ada\Downloads\NetUsageTracker\0.1.0", true, null)]
        public void AModuleIsInTheFolderThatHoldsItsNameFolder(string moduleBase, bool ignoreCase, string? expected)
        {
            string[] folders = { "/home/ada/.local/share/powershell/Modules", "/usr/local/share/powershell/Modules/", @"C:\Users\ada\Documents\PowerShell\Modules" };
            Assert.Equal(expected, ModuleSearchPath.Holding(folders, moduleBase, ignoreCase));
        }

        [Fact]
        public void FindManifestTakesTheFirstFolderThatHoldsTheModuleAndThereTheHighestVersion()
        {
            string root = Path.Combine(Path.GetTempPath(), "nut-modules-" + Guid.NewGuid().ToString("N"));
            try
            {
                string empty = Path.Combine(root, "empty");
                string user = Path.Combine(root, "user");
                string shared = Path.Combine(root, "shared");
                Directory.CreateDirectory(empty);
                foreach (string version in new[] { "0.9.0", "0.10.0", "0.2.0" })
                {
                    Write(Path.Combine(user, "NetUsageTracker", version, "NetUsageTracker.psd1"));
                }

                Directory.CreateDirectory(Path.Combine(user, "NetUsageTracker", "1.0.0")); // a version folder without a manifest
                Write(Path.Combine(shared, "NetUsageTracker", "NetUsageTracker.psd1"));

                Assert.Equal(Path.Combine(user, "NetUsageTracker", "0.10.0", "NetUsageTracker.psd1"), ModuleSearchPath.FindManifest(new[] { empty, user, shared }));
                Assert.Equal(Path.Combine(shared, "NetUsageTracker", "NetUsageTracker.psd1"), ModuleSearchPath.FindManifest(new[] { "", shared, user }));
                Assert.Null(ModuleSearchPath.FindManifest(new[] { empty, Path.Combine(root, "missing") }));
            }
            finally
            {
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }
            }
        }

        private static void Write(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "@{}");
        }
    }
}
