using BenchmarkDotNet.Running;

namespace Reqivo.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher, so `--filter` and `--job` work as documented by it.</summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
