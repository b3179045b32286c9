using InfoFunctions.Benchmarks;

// `-- review [seconds] [rate]` runs the review intake latency scenario; anything else the intake benchmark.
return args.Length > 0 && args[0] == "review"
    ? await ReviewBenchmark.RunAsync(args[1..])
    : await IntakeBenchmark.RunAsync(args);
