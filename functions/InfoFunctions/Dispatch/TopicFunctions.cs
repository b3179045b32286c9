namespace InfoFunctions.Dispatch;

/// <summary>约稿: editors commission topics; addressees answer and link their reports; a timer reminds.</summary>
public sealed class TopicFunctions(TopicService topics, TopicReminders reminders, ILogger<TopicFunctions> log)
{
    private const string Route = "api/dispatch/topics";

    [Function("CreateTopic"), Allow(Role.Editor)]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Created(await Api.ReadJsonAsync<TopicInput>(req)
            .ThenAsync(input => topics.CreateAsync(input, req.Principal(), ct)), v => $"/{Route}/{v.Topic.Id}");

    [Function("ListTopics"), Allow(Role.Anyone)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Ok(await topics.ListAsync(req.Principal(), req.Query["from"], req.Query["to"], ct));

    [Function("GetTopic"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{topicId}")] HttpRequest req,
        string topicId, CancellationToken ct) =>
        Api.Ok(await topics.GetAsync(topicId, req.Principal(), ct));

    [Function("RespondToTopic"), Allow(Role.Anyone)]
    public async Task<IActionResult> Respond(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{topicId}/response")] HttpRequest req,
        string topicId, CancellationToken ct) =>
        Api.Ok(await Api.ReadJsonAsync<TopicResponseInput>(req)
            .ThenAsync(input => topics.RespondAsync(topicId, req.Principal(), input, ct)));

    [Function("LinkTopicReport"), Allow(Role.Anyone)]
    public async Task<IActionResult> Link(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{topicId}/links")] HttpRequest req,
        string topicId, CancellationToken ct) =>
        Api.Ok(await Api.ReadJsonAsync<TopicLinkInput>(req)
            .ThenAsync(input => topics.LinkAsync(topicId, req.Principal(), input, ct)));

    [Function("DispatchTopicReminders")]
    public async Task Remind([TimerTrigger("%Dispatch__TopicReminderSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        var (sent, overdue) = await reminders.RunAsync(ct);
        log.LogInformation("约稿提醒 {Reminders} 条，逾期通知 {Overdue} 条", sent, overdue);
    }
}
