using InfoFunctions.Benchmarks;

// The first word picks the scenario: `-- rewards [lines] [rounds]`, `-- intake [seconds]`
// (intake is also the default, so `-- <seconds>` keeps working).
return args switch
{
    ["rewards", .. var rest] => await RewardsBenchmark.RunAsync(rest),
    ["intake", .. var rest] => await IntakeBenchmark.RunAsync(rest),
    _ => await IntakeBenchmark.RunAsync(args),
};
