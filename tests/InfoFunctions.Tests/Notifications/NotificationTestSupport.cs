using System.Collections.Concurrent;
using InfoFunctions.Notifications;
using Microsoft.Extensions.Options;

namespace InfoFunctions.Tests.Notifications;

/// <summary>A clock that stands still unless moved, so waits computed from it are exact.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Records every retry wait instead of sleeping.</summary>
public sealed class RecordingPause() : RetryPause(TimeProvider.System)
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        Waits.Enqueue(delay);
        return Task.CompletedTask;
    }
}

/// <summary>A directory for unit tests only; integration tests use the app's real one.</summary>
public sealed class TestDirectory(params (string Id, string Name, string Email, string Unit, string[] Roles)[] people)
    : IRecipientDirectory
{
    public Task<Recipient?> FindPersonAsync(string personId, CancellationToken ct = default) =>
        Task.FromResult(
            people.Where(p => p.Id == personId).Select(p => new Recipient(p.Id, p.Name, p.Email)).FirstOrDefault()
        );

    public Task<IReadOnlyList<Recipient>> FindByRoleAsync(
        string role,
        string? unitId,
        CancellationToken ct = default
    ) =>
        Task.FromResult<IReadOnlyList<Recipient>>(
            people
                .Where(p => p.Roles.Contains(role) && (unitId is null || p.Unit == unitId))
                .Select(p => new Recipient(p.Id, p.Name, p.Email))
                .ToList()
        );
}

public static class NotificationTestData
{
    public static IOptions<NotificationOptions> Options(Action<NotificationOptions>? change = null)
    {
        var o = new NotificationOptions
        {
            FromEmail = "xinxi@example.org",
            FromName = "人大信息工作平台",
            PortalUrl = "https://xinxi.example.org",
        };
        change?.Invoke(o);
        return Microsoft.Extensions.Options.Options.Create(o);
    }

    /// <summary>Realistic data for every template, as the features will send it.</summary>
    public static object For(string template) =>
        template switch
        {
            Templates.Receipt => new
            {
                title = "埇桥区人大常委会开展农村人居环境整治专题调研",
                trackingNumber = "XX-2025-0137",
                unitName = "埇桥区人大常委会",
                submittedAt = "2025年3月12日 09:41",
            },
            Templates.IntakeChecksFailed => new
            {
                title = "关于加强基层人大代表履职的几点思考",
                trackingNumber = "XX-2025-0138",
                fixes = new[]
                {
                    "标题超过 30 字，请精简",
                    "正文缺少报送单位和联系人",
                    "附件应为 .docx 格式，请勿使用扫描件",
                },
            },
            Templates.ReturnedForRevision => new
            {
                title = "市人大常委会督办民生实事项目",
                trackingNumber = "XX-2025-0139",
                editorName = "王编辑",
                comments = "1. 第二段数据请注明来源；\n2. 结尾补充下一步工作打算。",
                dueDate = "2025年3月20日",
            },
            Templates.ForwardedAfterSignOff => new
            {
                title = "灵璧县人大常委会创新代表联络站建设",
                trackingNumber = "XX-2025-0140",
                signerName = "李主任",
                signedAt = "2025年3月15日",
                forwardedTo = "省人大常委会办公厅",
            },
            Templates.Adopted => new
            {
                title = "泗县人大常委会推进“一府一委两院”工作评议",
                trackingNumber = "XX-2025-0141",
                carrier = "《代表之声》",
                issue = "2025年第3期",
                points = "20",
                reward = "200.00",
            },
            Templates.TopicAssigned => new
            {
                topic = "基层人大代表联络站运行情况",
                deadline = "2025年4月30日",
                assignedBy = "市人大常委会研究室",
                requirements = "围绕联络站建设、代表进站履职、群众意见办理三个方面，字数 1500 字以内。",
            },
            Templates.TopicReminder => new
            {
                topic = "基层人大代表联络站运行情况",
                deadline = "2025年4月30日",
                daysLeft = 3,
            },
            Templates.TopicOverdue => new
            {
                topic = "基层人大代表联络站运行情况",
                deadline = "2025年4月30日",
                daysOverdue = 5,
            },
            Templates.HalfYearStatement => new
            {
                period = "2025年上半年",
                periodRange = "2025年1月1日至6月30日",
                objectionDeadline = "2025年7月15日",
                lines = new[]
                {
                    new
                    {
                        title = "埇桥区人大常委会开展专题调研",
                        carrier = "省人大外网",
                        issue = "",
                        points = "5",
                        reward = "50.00",
                    },
                    new
                    {
                        title = "泗县人大常委会推进工作评议",
                        carrier = "《代表之声》",
                        issue = "2025年第3期",
                        points = "20",
                        reward = "200.00",
                    },
                },
                // As the settlement writes them: points and 元 already formatted (Platform/Amounts).
                totalPoints = "25",
                totalReward = "250.00",
            },
            Templates.YearEndAssessment => new
            {
                year = 2025,
                quota = 12,
                submitted = 15,
                adopted = 6,
                completed = true,
            },
            Templates.DispatchReportReady => new
            {
                period = "2025年3—4月",
                submitted = 126,
                adopted = 41,
                adoptionRate = "32.5%",
                reportUrl = "https://xinxi.example.org/dispatch/2025-02",
                topUnits = new[]
                {
                    new
                    {
                        rank = 1,
                        unitName = "埇桥区人大常委会",
                        submitted = 21,
                        adopted = 9,
                    },
                    new
                    {
                        rank = 2,
                        unitName = "市中级人民法院",
                        submitted = 14,
                        adopted = 6,
                    },
                },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(template), template, null),
        };

    public static NotificationMessage Message(string template, NotificationTo to, string? key = null) =>
        NotificationMessage.Create(key ?? $"{template}:{Guid.NewGuid():N}", template, to, For(template));
}
