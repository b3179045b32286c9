using InfoFunctions.Benchmarks;

// Scenarios by first argument: "bulletin [reports] [units] [runs]", "intake [seconds]";
// anything else (or nothing) runs the intake benchmark with the arguments as given.
return args.FirstOrDefault()?.ToLowerInvariant() switch
{
    "bulletin" => await BulletinBenchmark.RunAsync(args[1..]),
    "intake" => await IntakeBenchmark.RunAsync(args[1..]),
    _ => await IntakeBenchmark.RunAsync(args),
};
