using InfoFunctions.Benchmarks;

// Scenarios by first argument: "intake [seconds]", "review [seconds] [rate]", "backlog [reports]",
// "bulletin [reports] [units] [runs]", "rewards [lines] [rounds]"; nothing (or a number) runs intake.
return args.FirstOrDefault()?.ToLowerInvariant() switch
{
    "review" => await ReviewBenchmark.RunAsync(args[1..]),
    "backlog" => await ReviewBacklogBenchmark.RunAsync(args[1..]),
    "bulletin" => await BulletinBenchmark.RunAsync(args[1..]),
    "rewards" => await RewardsBenchmark.RunAsync(args[1..]),
    "intake" => await IntakeBenchmark.RunAsync(args[1..]),
    _ => await IntakeBenchmark.RunAsync(args),
};
