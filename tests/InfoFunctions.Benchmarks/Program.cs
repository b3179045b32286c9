namespace InfoFunctions.Benchmarks;

/// <summary>Runs one scenario named by the first argument: <c>dotnet run -c Release --project tests/InfoFunctions.Benchmarks -- bulletin</c>.</summary>
public static class Program
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bulletin"] = BulletinBenchmark.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Scenarios.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine("用法：InfoFunctions.Benchmarks <场景> [参数]；场景：" + string.Join("、", Scenarios.Keys));
            return 2;
        }
        return await run(args[1..]);
    }
}
