namespace InfoFunctions.Tests.Platform;

/// <summary>
/// What a call costs in memory: bytes it allocated on this thread (an upper bound of what it held at once, and
/// untouched by other tests running meanwhile) and the process's peak working set over its baseline, sampled
/// every millisecond while it runs.
/// </summary>
public static class MemoryProbe
{
    public sealed record Figures(long AllocatedBytes, long PeakWorkingSetDelta, long GcHeapDelta)
    {
        public static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";

        public override string ToString() => $"allocated on the calling thread {Mb(AllocatedBytes)}, " +
            $"peak working set +{Mb(PeakWorkingSetDelta)}, GC heap after the call +{Mb(GcHeapDelta)}";
    }

    public static (T Result, Figures Figures) Measure<T>(Func<T> call)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = Environment.WorkingSet;
        var heap = GC.GetTotalMemory(false);
        var peak = baseline;
        var done = false;
        var sampler = new Thread(() =>
        {
            while (!Volatile.Read(ref done))
            {
                var now = Environment.WorkingSet;
                if (now > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, now);
                Thread.Sleep(1);
            }
        })
        { IsBackground = true };
        sampler.Start();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = call();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var heapAfter = GC.GetTotalMemory(false);
        Volatile.Write(ref done, true);
        sampler.Join();
        return (result, new Figures(allocated, Math.Max(0, peak - baseline), heapAfter - heap));
    }
}
