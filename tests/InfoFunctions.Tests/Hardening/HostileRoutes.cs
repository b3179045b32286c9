using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Dispatch;
using InfoFunctions.Identity;
using InfoFunctions.Mailbox;
using InfoFunctions.Notifications;
using InfoFunctions.Operations;
using InfoFunctions.Platform;
using InfoFunctions.Review;
using InfoFunctions.Rewards;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Notifications;
using InfoFunctions.Tests.Review;
using InfoFunctions.Tests.Submissions;

namespace InfoFunctions.Tests.Hardening;

/// <summary>
/// The table: for every HTTP function of the catalogue, a request it would take (a route with a body gets one
/// whose fields name every field its request type has). A function missing here fails the suite: add its row,
/// with a body and query that show every field and parameter it reads.
/// </summary>
public static class HostileRoutes
{
    public static IReadOnlyList<RouteCase> For(HostileSeed s, EventSignatureTests.TestSigner signer)
    {
        var report = s.ReportId;
        var year = DateTimeOffset.UtcNow.Year.ToString(CultureInfo.InvariantCulture);
        var half = $"{year}H1";
        var period = $"{year}-P1";
        var key = new Dictionary<string, string> { ["x-functions-key"] = TestApp.FunctionKey };
        var ifMatch = new Dictionary<string, string> { ["If-Match"] = s.ReportETag };
        JsonNode J(object o) => JsonSerializer.SerializeToNode(o, Json.Options)!;
        RouteCase Get(string fn, string path, Caller who, params (string, string)[] query) =>
            new(fn, "GET", path, who) { Query = query.ToDictionary(q => q.Item1, q => q.Item2) };
        RouteCase Send<T>(string fn, string method, string path, Caller who, object body) =>
            new(fn, method, path, who) { Json = J(body), BodyType = typeof(T) };
        RouteCase Bare(string fn, string method, string path, Caller who) => new(fn, method, path, who);
        RouteCase Act(string action, Caller who, object body) =>
            Send<ActionRequest>("ReviewAction", "POST", $"api/reports/{report}/review/{action}", who, body)
                with
            { Variant = action, Headers = ifMatch };

        var adoption = new
        {
            carrierId = "ah-web",
            adoptedOn = "2026-03-02",
            issue = "第 3 期",
            page = "第 2 版",
            url = "https://www.ahrd.gov.cn/info/1",
            evidence = "https://www.ahrd.gov.cn/info/1",
            endorsementLevel = "市级",
            endorsedBy = "市人大常委会主任",
            endorsementText = "此信息很好，请推广。",
        };
        var amount = new { points = 10m, yuan = 50m };
        var standard = new
        {
            effectiveFrom = $"{year}-01-01",
            carriers = new Dictionary<string, object> { ["ah-web"] = amount },
            endorsementBonuses = new Dictionary<string, object> { ["省级"] = amount },
            penalties = new Dictionary<string, object> { ["missedTopic"] = amount },
            multiCarrier = "highestOnly",
            gradeRewards = new Dictionary<string, object> { ["优质"] = amount },
            note = "试行",
        };
        var authors = new[] { new { personId = HostileSeed.OfficerId, name = "杨帆", share = 1m, isDeputy = false } };

        return
        [
            // Health and the console: nothing to spoil but the path.
            Get("Health", "api/health", Caller.Nobody),
            Get("Ready", "api/health/ready", Caller.Nobody),
            Get("ConsolePage", "", Caller.Nobody),
            Get("ConsoleAsset", "assets/app.js", Caller.Nobody),
            Get("Me", "api/me", Caller.Officer),

            // Identity.
            Send<IssueTokenRequest>("IssueToken", "POST", "api/tokens", Caller.Admin,
                new { personId = HostileSeed.OfficerId, label = "笔记本", expiresInDays = 90 }),
            Get("ListTokens", "api/tokens", Caller.Admin),
            Bare("RevokeToken", "DELETE", "api/tokens/tok-0000", Caller.Admin),

            // Directory.
            Get("ListUnits", "api/units", Caller.Officer, ("includeInactive", "true")),
            Get("GetUnit", "api/units/yq", Caller.Officer),
            Get("ListUnitMembers", "api/units/yq/members", Caller.Officer),
            Send<UnitInput>("CreateUnit", "POST", "api/units", Caller.Admin,
                new { id = "hx-town", name = "灰溪镇人大", level = "乡镇", parentId = "yq", active = true }),
            Send<UnitInput>("UpdateUnit", "PUT", "api/units/yq", Caller.Admin,
                new { name = "埇桥区人大常委会", level = "县区", active = true })
                with { Headers = new Dictionary<string, string> { ["If-Match"] = "W/\"stale\"" } },
            Bare("DeactivateUnit", "POST", "api/units/no-such-unit/deactivate", Caller.Admin),
            Get("ListPeople", "api/people", Caller.Admin, ("unitId", "yq"), ("includeInactive", "true")),
            Get("GetPerson", "api/people/" + HostileSeed.OfficerId, Caller.Officer),
            Send<PersonInput>("CreatePerson", "POST", "api/people", Caller.Admin, new
            {
                id = "hostile-person", name = "新人", email = "new.person@example.org", phone = "0557-1234567",
                unitId = "yq", roles = new[] { "信息员" }, employment = "兼职", isDeputy = false, annualQuota = 6,
                active = true,
            }),
            Send<PersonInput>("UpdatePerson", "PUT", "api/people/" + HostileSeed.OfficerId, Caller.Admin, new
            {
                name = "杨帆", email = "yang.fan@example.org", phone = "0557-1234567", unitId = "yq",
                roles = new[] { "信息员" }, employment = "专职", isDeputy = false, annualQuota = 20, active = true,
            }) with { Headers = new Dictionary<string, string> { ["If-Match"] = "W/\"stale\"" } },
            Bare("DeactivatePerson", "POST", "api/people/no-such-person/deactivate", Caller.Admin),
            Get("ListCarriers", "api/carriers", Caller.Officer, ("includeInactive", "true")),
            Get("GetCarrier", "api/carriers/ah-web", Caller.Officer),
            Send<CarrierInput>("CreateCarrier", "POST", "api/carriers", Caller.Admin,
                new { id = "hostile-web", name = "新载体", level = "市级", kind = "网站", active = true }),
            Send<CarrierInput>("UpdateCarrier", "PUT", "api/carriers/ah-web", Caller.Admin,
                new { name = "省人大外网", level = "省级", kind = "网站", active = true })
                with { Headers = new Dictionary<string, string> { ["If-Match"] = "W/\"stale\"" } },
            Bare("DeactivateCarrier", "POST", "api/carriers/no-such-carrier/deactivate", Caller.Admin),
            new("ImportUnits", "POST", "api/directory/import/units", Caller.Admin)
            {
                Csv = (["编码", "名称", "级别", "上级编码"], ["hx-town", "灰溪镇人大", "乡镇", "yq"]),
                BodyLimit = 5 * 1024 * 1024,
                Extra = [BrokenBom("api/directory/import/units"),
                    Xlsx("api/directory/import/units", ["编码", "名称", "级别"],
                        ["bad-unit", "坏_x0000_单_x0007_位_x001B_", "县区"]),
                    Xlsx("api/directory/import/units", ["编码", "名称", "级别"], ["bad-unit", new string('长', 101), "县区"])],
            },
            new("ImportPeople", "POST", "api/directory/import/people", Caller.Admin)
            {
                Csv = (["姓名", "邮箱", "电话", "单位编码", "角色", "专兼职", "人大代表", "年度任务"],
                    ["新人", "new.person@example.org", "0557-1234567", "yq", "信息员", "兼职", "否", "6"]),
                BodyLimit = 5 * 1024 * 1024,
                Extra = [BrokenBom("api/directory/import/people"),
                    Xlsx("api/directory/import/people", ["姓名", "邮箱", "单位编码"], ["孔_x001B_德志", "k@example.org", "yq"])],
            },
            Bare("LoadDemoDirectory", "POST", "api/directory/demo", Caller.Admin),

            // Reports: intake, reading, large files.
            Send<SubmitReportRequest>("SubmitReport", "POST", "api/reports", Caller.Officer, new
            {
                title = "埇桥区人大开展视察", body = "正文第一段。\n正文第二段。", category = "dailyNews", unitId = "yq",
                authors, topicId = s.TopicId, channel = "api",
            }),
            new("SubmitReport", "POST", "api/reports", Caller.Officer)
            {
                Variant = "multipart",
                Form = new Dictionary<string, string>
                {
                    ["title"] = "埇桥区人大开展视察", ["body"] = "正文。", ["category"] = "dailyNews", ["unitId"] = "yq",
                },
                BodyLimit = 30 * 1024 * 1024 + SubmissionService.FieldLimit, OversizeField = "body",
            },
            Get("ListReports", "api/reports", Caller.Editor, ("unitId", "yq"), ("status", "awaitingEdit"),
                ("category", "dailyNews"), ("from", $"{year}-01-01"), ("to", $"{year}-12-31"), ("q", "视察"),
                ("pageSize", "20"), ("carrierId", "ah-web")),
            Get("GetReport", $"api/reports/{report}", Caller.Officer),
            Send<UploadRequest>("RequestReportUpload", "POST", $"api/reports/{report}/uploads", Caller.Officer,
                new { fileName = "现场照片.jpg", size = 1024 }),
            Bare("ConfirmReportUpload", "POST", $"api/reports/{report}/uploads/0123456789abcdef/confirm",
                Caller.Officer),
            Get("GetAttachmentLink", $"api/reports/{report}/attachments/照片.jpg/link", Caller.Officer),

            // Review.
            Act("saveEdit", Caller.Editor, new { title = "改后的标题", body = "改后的正文。", comment = "精简" }),
            Act("return", Caller.Editor, new { comment = "请补充数据来源。" }),
            Act("forward", Caller.Signer,
                new { carriers = new[] { new { carrierId = "ah-web", date = $"{year}-03-01" } } }),
            Act("adopt", Caller.Editor, new { adoption }),
            Act("notAdopted", Caller.Editor, new { carrierId = "ah-web", comment = "载体未采用" }),
            Act("correctAdoption", Caller.Editor, new { carrierId = "ah-web", adoption, comment = "期号有误" }),
            Get("ReportHistory", $"api/reports/{report}/history", Caller.Officer),
            Get("ReportVersions", $"api/reports/{report}/versions", Caller.Officer),
            Get("ReportVersion", $"api/reports/{report}/versions/1", Caller.Officer),
            Get("ReportDiff", $"api/reports/{report}/diff", Caller.Officer, ("from", "1"), ("to", "1")),
            Get("ReportCarriers", $"api/reports/{report}/carriers", Caller.Officer),
            Get("ReviewWorkQueue", "api/review/queue", Caller.Editor, ("as", "editor")),
            Send<DraftChecksRequest>("CheckDraft", "POST", "api/review/checks", Caller.Officer,
                new { title = "标题", body = "正文。", authors = new[] { "杨帆" }, images = 1 }),
            Get("ListAdoptions", "api/review/adoptions", Caller.Leader, ("from", $"{year}-01-01"),
                ("to", $"{year}-12-31")),
            new("UploadAdoptionEvidence", "POST", $"api/reports/{report}/evidence/网页截图.jpg", Caller.Editor)
            {
                Raw = ("image/jpeg", IntakeTestSupport.Jpeg), BodyLimit = 20 * 1024 * 1024,
            },
            Get("GetAdoptionEvidenceLink", $"api/reports/{report}/evidence/网页截图.jpg/link", Caller.Officer),
            Get("ListPoisonMessages", "api/admin/poison", Caller.Admin),
            Bare("RequeuePoisonMessages", "POST", "api/admin/poison/review-intake/requeue", Caller.Admin)
                with { Query = new Dictionary<string, string> { ["messageId"] = "no-such-message" } },

            // Mailbox.
            new("InboundMail", "POST", "api/inbound/mail", Caller.Nobody)
            {
                Headers = key,
                Form = new Dictionary<string, string>
                {
                    ["from"] = "杨帆 <yang.fan@example.org>", ["to"] = "info@example.org", ["subject"] = "信息报送",
                    ["text"] = "正文。",
                    ["envelope"] = "{\"to\":[\"info@example.org\"],\"from\":\"yang.fan@example.org\"}",
                    ["charsets"] = "{\"subject\":\"UTF-8\",\"text\":\"UTF-8\"}",
                },
                BodyLimit = 40L * 1024 * 1024, OversizeField = "email",
                KeepsText = "mail is taken as its sender wrote it: text is cleaned, never refused",
                Extra = MailPosts(key),
            },
            Get("ListQuarantinedMail", "api/mailbox/quarantine", Caller.Editor),
            Get("ListMail", "api/mailbox/mail", Caller.Editor, ("outcome", "quarantined"), ("from", $"{year}-01-01"),
                ("to", $"{year}-12-31"), ("pageSize", "20")),
            Send<AcceptQuarantinedRequest>("AcceptQuarantinedMail", "POST",
                "api/mailbox/quarantine/m-none/accept", Caller.Editor, new { personId = HostileSeed.OfficerId }),
            Send<RejectQuarantinedRequest>("RejectQuarantinedMail", "POST",
                "api/mailbox/quarantine/m-none/reject", Caller.Editor, new { reason = "与报送无关" }),

            // Notifications.
            Get("GetNotificationPreferences", "api/notifications/preferences", Caller.Officer),
            Send<UpdatePreferencesRequest>("PutNotificationPreferences", "PUT", "api/notifications/preferences",
                Caller.Officer, new { optedOut = new[] { "topic-reminder" } }),
            Get("ListOutbox", "api/notifications/outbox", Caller.Admin, ("take", "10")),
            Get("GetOutboxMessage", "api/notifications/outbox/no-such-mail", Caller.Admin, ("format", "json")),
            Get("GetNotificationLog", "api/notifications/log", Caller.Admin, ("email", "yang.fan@example.org"),
                ("personId", HostileSeed.OfficerId), ("take", "10")),
            Get("ListFailingAddresses", "api/notifications/failing-addresses", Caller.Admin),
            new("SendGridEvents", "POST", "api/notifications/events", Caller.Nobody)
            {
                Headers = key,
                Json = J(new[]
                {
                    new Dictionary<string, object>
                    {
                        ["email"] = "nobody@example.org", ["event"] = "delivered",
                        ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["sg_event_id"] = "hostile-event-1",
                        ["sg_message_id"] = "hostile-message-1", ["response"] = "250 OK",
                    },
                }),
                BodyLimit = NotificationFunctions.MaxEventBytes,
                Sign = (request, body) =>
                {
                    var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    request.Headers.TryAddWithoutValidation(SendGridSignature.TimestampHeader, ts);
                    request.Headers.TryAddWithoutValidation(SendGridSignature.SignatureHeader, signer.Sign(ts, body));
                },
                Extra = EventPosts(key, signer),
            },

            // Dispatch.
            Send<TopicInput>("CreateTopic", "POST", "api/dispatch/topics", Caller.Editor, new
            {
                title = "代表建议办理", brief = "请报送办理情况。\n字数 800 以内。", category = "typicalExperience",
                carrierId = "ah-web", deadline = $"{year}-12-30", unitIds = new[] { "yq" },
                personIds = new[] { HostileSeed.OfficerId }, penalizeMiss = true,
            }),
            Get("ListTopics", "api/dispatch/topics", Caller.Officer, ("from", $"{year}-01-01"),
                ("to", $"{year}-12-31")),
            Get("GetTopic", $"api/dispatch/topics/{s.TopicId}", Caller.Officer),
            Send<TopicResponseInput>("RespondToTopic", "POST", $"api/dispatch/topics/{s.TopicId}/response",
                Caller.Officer, new { accept = false, reason = "本期无相关工作。" }),
            Send<TopicLinkInput>("LinkTopicReport", "POST", $"api/dispatch/topics/{s.TopicId}/links", Caller.Officer,
                new { reportId = "yq~none" }),
            Send<TargetsInput>("SetTargets", "PUT", $"api/dispatch/targets/{period}", Caller.Editor, new
            {
                targets = new[] { new { unitId = "yq", submissions = 5, adoptions = 1 } }, meeting = "第一次调度会",
            }),
            Get("GetTargets", $"api/dispatch/targets/{period}", Caller.Officer),
            Get("ListBulletins", "api/dispatch/bulletins", Caller.Leader),
            Get("GetBulletin", $"api/dispatch/bulletins/{period}", Caller.Leader),
            Get("DownloadBulletin", $"api/dispatch/bulletins/{period}/docx", Caller.Leader),
            Bare("GenerateBulletin", "POST", $"api/dispatch/bulletins/{period}/generate", Caller.Editor),
            Send<SpecialIssueInput>("CreateSpecialIssue", "POST", "api/dispatch/special-issues", Caller.Editor,
                new { year = int.Parse(year), issueNumber = 1, date = $"{year}-03-01", reportIds = new[] { report } }),
            Get("DownloadSpecialIssue", $"api/dispatch/special-issues/{year}-1/docx", Caller.Leader),
            Send<RotationInput>("CreateRotation", "POST", "api/dispatch/rotations", Caller.Admin, new
            {
                personId = ReviewTestSupport.HeJiarui, from = $"{year}-09-01", to = $"{year}-09-20", note = "轮岗",
            }),
            Get("ListRotations", "api/dispatch/rotations", Caller.Leader, ("year", year)),
            Bare("DeleteRotation", "DELETE", "api/dispatch/rotations/no-such-window", Caller.Admin),
            Get("GetRotationOutput", $"api/dispatch/rotations/{s.RotationId}/output", Caller.Leader),

            // Rewards.
            Get("ListRewardStandards", "api/rewards/standards", Caller.Officer),
            Send<StandardInput>("CreateRewardStandard", "POST", "api/rewards/standards", Caller.Admin, standard),
            Bare("LoadDemoRewardStandard", "POST", "api/rewards/standards/demo", Caller.Admin),
            Send<StandardInput>("PreviewRewardStandard", "POST", "api/rewards/standards/preview", Caller.Admin,
                standard),
            Get("GetRewardLedger", "api/rewards/ledger", Caller.Officer, ("period", half),
                ("personId", HostileSeed.OfficerId)),
            Get("GetRewardLedger", "api/rewards/ledger", Caller.Leader, ("period", half), ("partyKind", "unit"),
                ("kind", "adoption"), ("carrierId", "ah-web"), ("reportId", report), ("q", "视察"), ("pageSize", "20"))
                with { Variant = "whole period" },
            Bare("RunSettlement", "POST", "api/rewards/settlements/2099H2/run", Caller.Admin)
                with { Query = new Dictionary<string, string> { ["confirmEmpty"] = "true" } },
            Send<ReopenInput>("ReopenSettlement", "POST", "api/rewards/settlements/2099H2/reopen", Caller.Admin,
                new { reason = "补录漏报的采用" }),
            Bare("MarkSettlementPaid", "POST", "api/rewards/settlements/2099H2/paid", Caller.Admin),
            Get("ListSettlements", "api/rewards/settlements", Caller.Leader),
            Get("GetSettlement", $"api/rewards/settlements/{half}", Caller.Leader),
            Get("GetStatement", $"api/rewards/settlements/{half}/statements/person/{HostileSeed.OfficerId}",
                Caller.Officer),
            Get("GetPayoutSheet", $"api/rewards/settlements/{half}/payout/xlsx", Caller.Leader),
            Get("GetContest", $"api/rewards/contests/{year}", Caller.Officer),
            Send<NominationInput>("NominateForContest", "POST", $"api/rewards/contests/{year}/nominations",
                Caller.Editor, new { reportId = report, note = "典型经验" }),
            Send<ScoreInput>("ScoreContestNominee", "POST", $"api/rewards/contests/{year}/nominations/{report}/scores",
                Caller.Editor, new { score = 90, comment = "内容扎实" }),
            Send<FinalizeInput>("FinalizeContest", "POST", $"api/rewards/contests/{year}/finalize", Caller.Admin,
                new { excellent = 90m, good = 80m, fair = 70m }),
            Bare("RunAssessment", "POST", "api/rewards/assessments/2099/run", Caller.Admin),
            Send<RotationQuotaInput>("SetRotationQuota", "POST", $"api/rewards/assessments/{year}/rotations",
                Caller.Admin, new { personId = ReviewTestSupport.HeJiarui, quota = 4, note = "轮岗任务" }),
            Get("GetAssessment", $"api/rewards/assessments/{year}", Caller.Leader),
            Get("GetOwnAssessment", $"api/rewards/assessments/{year}/me", Caller.Officer),

            // Operations.
            Get("ListBackups", "api/admin/backups", Caller.Admin),
            Bare("RunBackup", "POST", "api/admin/backups", Caller.Admin),
            Send<RestoreRequest>("RestoreBackup", "POST", "api/admin/backups/2001-01-01/restore", Caller.Admin,
                new { tables = new[] { "units:units-copy" }, blobs = false, overwrite = false }),
        ];
    }

    /// <summary>
    /// A workbook whose row breaks the text rule: Excel writes a control character typed into a cell as
    /// <c>_xHHHH_</c>.
    /// </summary>
    private static Hostile Xlsx(string path, string[] header, string[] row) =>
        new("xlsx-cell", $"{row[1][..Math.Min(8, row[1].Length)]}…", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new ByteArrayContent(DirectoryFeature.XlsxBuilder.Build([header, row])),
            };
            request.Content.Headers.ContentType = new(InfoFunctions.DirectoryFeature.Import.SheetFile.XlsxType);
            return request;
        })
        { Status = 400 };

    /// <summary>A CSV that starts with a UTF-8 BOM and goes on in bytes that are not UTF-8.</summary>
    private static Hostile BrokenBom(string path) =>
        new("csv-encoding", "BOM then invalid bytes", () =>
        {
            byte[] bytes = [0xEF, 0xBB, 0xBF, .. "编码,名称\r\n"u8.ToArray(), 0xFF, 0xFE, 0xC3, 0x28,
                .. "\r\n"u8.ToArray()];
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new("text/csv");
            return request;
        })
        { Status = 400 };

    /// <summary>Mail posts whose structure is wrong: SendGrid never sends them, an attacker might.</summary>
    private static IReadOnlyList<Hostile> MailPosts(IReadOnlyDictionary<string, string> key)
    {
        Hostile Post(string what, IReadOnlyDictionary<string, string> fields) => new("mail-structure", what, () =>
        {
            var boundary = "hostile-mail-boundary";
            var sb = new StringBuilder();
            foreach (var (name, value) in fields)
                sb.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
            sb.Append($"--{boundary}--\r\n");
            var request = new HttpRequestMessage(HttpMethod.Post, "api/inbound/mail")
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(sb.ToString())),
            };
            request.Content.Headers.ContentType =
                new("multipart/form-data") { Parameters = { new("boundary", boundary) } };
            foreach (var (k, v) in key) request.Headers.TryAddWithoutValidation(k, v);
            return request;
        })
        { Status = 400 };
        Dictionary<string, string> Mail(string field, string value) => new()
        {
            ["from"] = "yang.fan@example.org",
            ["to"] = "info@example.org",
            ["subject"] = "信息报送",
            ["text"] = "正文。",
            [field] = value,
        };
        return
        [
            Post("envelope {\"to\":[1]}", Mail("envelope", "{\"to\":[1]}")),
            Post("envelope {\"from\":{}}", Mail("envelope", "{\"to\":[\"info@example.org\"],\"from\":{}}")),
            Post("envelope not JSON", Mail("envelope", "{\"to\":")),
            Post("envelope an array", Mail("envelope", "[\"info@example.org\"]")),
            Post("charsets {\"text\":1}", Mail("charsets", "{\"text\":1}")),
            Post("charsets {\"subject\":[\"UTF-8\"]}", Mail("charsets", "{\"subject\":[\"UTF-8\"]}")),
            Post("charsets not JSON", Mail("charsets", "UTF-8")),
            Post("attachment-info {\"attachment1\":1}", Mail("attachment-info", "{\"attachment1\":1}")),
            Post("no email field, no parsed fields", new Dictionary<string, string> { ["to"] = "x@example.org" }),
        ];
    }

    /// <summary>Signed event posts whose events are not what SendGrid sends.</summary>
    private static IReadOnlyList<Hostile> EventPosts(IReadOnlyDictionary<string, string> key,
        EventSignatureTests.TestSigner signer)
    {
        Hostile Post(string what, string json) => new("event-structure", what, () =>
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var request = new HttpRequestMessage(HttpMethod.Post, "api/notifications/events")
            {
                Content = new ByteArrayContent(bytes),
            };
            request.Content.Headers.ContentType = new("application/json");
            var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.TryAddWithoutValidation(SendGridSignature.TimestampHeader, ts);
            request.Headers.TryAddWithoutValidation(SendGridSignature.SignatureHeader, signer.Sign(ts, bytes));
            foreach (var (k, v) in key) request.Headers.TryAddWithoutValidation(k, v);
            return request;
        })
        { Status = 400 };
        const string ok = "{\"email\":\"nobody@example.org\",\"event\":\"bounce\",\"sg_event_id\":\"e1\"}";
        static string Bounce(string timestamp) =>
            $"[{{\"email\":\"nobody@example.org\",\"event\":\"bounce\",\"timestamp\":{timestamp}}}]";
        return
        [
            Post("[1]", "[1]"),
            Post("[\"text\"]", "[\"text\"]"),
            Post("[null]", "[null]"),
            Post("an event then a number", $"[{ok},2]"),
            Post("timestamp 1e18", Bounce("1000000000000000000")),
            Post("timestamp 253402300800", Bounce("253402300800")),
            Post("timestamp as text", Bounce("\"now\"")),
            Post("email not an address", "[{\"email\":\"a/b#c\",\"event\":\"bounce\"}]"),
            Post("an object, not an array", ok),
        ];
    }
}
