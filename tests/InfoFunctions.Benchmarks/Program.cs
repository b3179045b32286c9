using InfoFunctions.Benchmarks;

return await IntakeBenchmark.RunAsync(args);
