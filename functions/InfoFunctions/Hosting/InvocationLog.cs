namespace InfoFunctions.Hosting;

/// <summary>
/// Every log line written while a function runs carries its invocation id and function name (a log scope),
/// under the real host (<see cref="InvocationScopeMiddleware"/>) and LocalHost alike, so Application Insights
/// and the console can tie the lines of one invocation together.
/// </summary>
public static class InvocationLog
{
    public const string InvocationIdKey = "InvocationId";
    public const string FunctionNameKey = "FunctionName";

    /// <summary>The category the host writes an invocation's own lines under: <c>Function.&lt;name&gt;</c>.</summary>
    public static string Category(string functionName) => $"Function.{functionName}";

    public static IDisposable? Begin(ILogger log, string functionName, string invocationId) =>
        log.BeginScope(new Dictionary<string, object>
        {
            [InvocationIdKey] = invocationId,
            [FunctionNameKey] = functionName,
        });
}
