using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Tests.Infrastructure;

/// <summary>
/// The app's queue client with sends to chosen queues failing, as if the process died between a commit and its
/// queue send (the listeners read through their own client and are not affected).
/// </summary>
public sealed class BreakableQueues : HttpPipelinePolicy
{
    private volatile string[] _broken = [];

    public void Break(params string[] queues) => _broken = queues;
    public void Heal() => _broken = [];

    public void Register(IServiceCollection services, string connectionString) =>
        services.AddSingleton(_ =>
        {
            var o = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            o.AddPolicy(this, HttpPipelinePosition.PerCall);
            return new QueueServiceClient(connectionString, o);
        });

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Post) return;
        var path = message.Request.Uri.Path;
        if (_broken.Any(q => path.EndsWith($"/{q}/messages", StringComparison.Ordinal)))
            throw new RequestFailedException(503, "队列暂不可用（测试模拟）。");
    }
}
