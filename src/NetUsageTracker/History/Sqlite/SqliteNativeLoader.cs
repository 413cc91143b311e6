using System;
using System.ComponentModel;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NetUsageTracker.History.Sqlite
{
    /// <summary>
    /// Loads the e_sqlite3 native library that ships in the module (runtimes/&lt;rid&gt;/native/) for
    /// <see cref="SqliteNative"/>. PowerShell loads a module's assemblies without reading its
    /// deps.json, so the runtime's own probing never looks in runtimes/; the library is loaded here by
    /// full path: on .NET (PowerShell 7) through a DllImport resolver for this assembly alone (so another
    /// module's SQLite, of whatever version, is never in the way), on .NET Framework (Windows
    /// PowerShell 5.1) by LoadLibrary, after which the DllImport finds the loaded library by name.
    /// </summary>
    public static class SqliteNativeLoader
    {
        private static readonly object Gate = new object();
        private static string? _loadedPath;
        private static IntPtr _handle;

        /// <summary>The runtime identifiers whose library ships in the module.</summary>
        public static readonly string[] ShippedRuntimes =
        {
            "win-x64", "win-x86", "win-arm64", "linux-x64", "linux-arm64", "linux-musl-x64", "osx-x64", "osx-arm64",
        };

        /// <summary>The library loaded, once <see cref="EnsureLoaded"/> has run.</summary>
        public static string? LoadedPath => _loadedPath;

        /// <summary>The file name of the native library on a runtime identifier.</summary>
        public static string FileName(string rid) =>
            rid.StartsWith("win", StringComparison.Ordinal) ? "e_sqlite3.dll"
            : rid.StartsWith("osx", StringComparison.Ordinal) ? "libe_sqlite3.dylib"
            : "libe_sqlite3.so";

        /// <summary>This process's runtime identifier, among the shipped ones (musl detected by its loader).</summary>
        public static string CurrentRuntime()
        {
            string arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.X86 => "x86",
                Architecture.Arm64 => "arm64",
                var other => other.ToString().ToLowerInvariant(),
            };

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return "win-" + arch;
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return "osx-" + arch;
            }

            // musl's dynamic loader, named for the architecture as musl names it (one stat, no folder listing).
            string muslArch = arch switch { "x64" => "x86_64", "arm64" => "aarch64", "x86" => "i386", _ => arch };
            bool musl = File.Exists($"/lib/ld-musl-{muslArch}.so.1");
            return (musl ? "linux-musl-" : "linux-") + arch;
        }

        /// <summary>Loads the library; idempotent and thread-safe.</summary>
        public static void EnsureLoaded()
        {
            lock (Gate)
            {
                if (_loadedPath != null)
                {
                    return;
                }

                string folder = Path.GetDirectoryName(typeof(SqliteNativeLoader).Assembly.Location) ?? "";
                string rid = CurrentRuntime();
                string path = Path.Combine(folder, "runtimes", rid, "native", FileName(rid));
                if (!File.Exists(path))
                {
                    throw new PlatformNotSupportedException(
                        $"The SQLite library for {rid} is not in the module ({path}); the history needs one of: {string.Join(", ", ShippedRuntimes)}.");
                }

                Type? nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: false);
                if (nativeLibrary != null)
                {
                    UseResolver(nativeLibrary, path);
                }
                else
                {
                    _handle = LoadLibraryW(path);
                    if (_handle == IntPtr.Zero)
                    {
                        throw new Win32Exception(Marshal.GetLastWin32Error(), $"Could not load the SQLite library {path}.");
                    }
                }

                _loadedPath = path;
            }
        }

        private static void UseResolver(Type nativeLibrary, string path)
        {
            MethodInfo load = nativeLibrary.GetMethod("Load", new[] { typeof(string) })!;
            _handle = (IntPtr)load.Invoke(null, new object[] { path })!;

            Type resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver", throwOnError: true)!;
            MethodInfo resolve = typeof(SqliteNativeLoader).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static)!;
            Delegate resolver = Delegate.CreateDelegate(resolverType, resolve);
            MethodInfo setResolver = nativeLibrary.GetMethod("SetDllImportResolver")!;
            setResolver.Invoke(null, new object[] { typeof(SqliteNativeLoader).Assembly, resolver });
        }

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
            libraryName == Sqlite.SqliteNative.Library ? _handle : IntPtr.Zero;

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryW(string fileName);
    }
}
