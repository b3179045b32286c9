using System.Collections.Concurrent;
using System.Net;
using Azure.Identity;
using InfoFunctions.Hosting;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace InfoFunctions.Tests.Host;

/// <summary>Worker telemetry: Information logs kept for App Insights, identity sign-in, the invocation scope.</summary>
[Collection("app")]
public sealed class TelemetryTests(AppFixture fx)
{
    [Fact]
    public void App_insights_keeps_information_logs_and_signs_in_with_the_apps_identity()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Telemetry.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000",
            [Telemetry.AuthenticationSetting] = "ClientId=11111111-1111-1111-1111-111111111111;Authorization=AAD",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddInfoFunctionsTelemetry(config);
        using var sp = services.BuildServiceProvider();
        var rules = sp.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;
        Assert.DoesNotContain(rules, r => r.ProviderName?.Contains("ApplicationInsights") == true
            && r.LogLevel == LogLevel.Warning);

        Assert.IsType<ManagedIdentityCredential>(Telemetry.ManagedIdentity("ClientId=abc;Authorization=AAD"));
        Assert.IsType<ManagedIdentityCredential>(Telemetry.ManagedIdentity("Authorization=AAD"));
        Assert.Null(Telemetry.ManagedIdentity(null));
        Assert.Null(Telemetry.ManagedIdentity("ClientId=abc"));
    }

    [Fact]
    public async Task A_functions_log_lines_carry_its_invocation_id_and_name_under_LocalHost()
    {
        var captured = new CapturingLoggerProvider();
        // The app runs quiet (warnings and up); this provider asks for the Information lines under test.
        await using var app = await fx.StartAppAsync(configureServices: s => s.AddSingleton<ILoggerProvider>(captured)
            .Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(
                typeof(CapturingLoggerProvider).FullName, null, LogLevel.Information, null))));
        var response = await app.CreateClient().GetAsync("api/test/throws");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var correlationId = (await response.JsonAsync()).GetProperty("correlationId").GetString();

        var lines = captured.Lines.Where(l => l.Category == InvocationLog.Category("TestThrows")).ToList();
        Assert.Contains(lines, l => l.Message.StartsWith("Executing", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Message.Contains("(Failed", StringComparison.Ordinal));
        Assert.All(lines, l =>
        {
            Assert.Equal(correlationId, l.Scope[InvocationLog.InvocationIdKey]);
            Assert.Equal("TestThrows", l.Scope[InvocationLog.FunctionNameKey]);
        });
    }

    private sealed record Line(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);

    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
        public ConcurrentQueue<Line> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>();
                owner._scopes.ForEachScope((s, into) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object>> pairs)
                        foreach (var (k, v) in pairs) into[k] = v;
                }, scope);
                owner.Lines.Enqueue(new Line(category, formatter(state, exception), scope));
            }
        }
    }
}
