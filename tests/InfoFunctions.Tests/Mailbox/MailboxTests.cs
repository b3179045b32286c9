using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Submissions;
using Xunit;
using static InfoFunctions.Tests.Mailbox.MailboxTestSupport;
using static InfoFunctions.Tests.Submissions.IntakeTestSupport;

namespace InfoFunctions.Tests.Mailbox;

[Collection("app")]
public sealed class MailboxTests(AppFixture fx)
{
    /// <summary>
    /// The receipt is queued for the notifications feature; it may already be consumed (outbox) or retried.
    /// </summary>
    private async Task AssertReceiptQueuedAsync(string trackingNumber)
    {
        var key = $"receipt:{trackingNumber}";
        await Eventually.HoldsAsync(
            async () =>
            {
                foreach (
                    var name in new[]
                    {
                        StorageNames.Queues.Notifications,
                        StorageNames.Queues.Notifications + "-poison",
                    }
                )
                {
                    var q = fx.Queues.GetQueueClient(name);
                    if (!(await q.ExistsAsync()).Value)
                        continue;
                    foreach (var m in (await q.PeekMessagesAsync(32)).Value)
                        if (m.Body.ToString().Contains(key))
                            return true;
                }
                await foreach (var b in fx.Blobs.GetBlobContainerClient(StorageNames.Containers.Outbox).GetBlobsAsync())
                    if (
                        b.Name.EndsWith(".json")
                        && (
                            await fx
                                .Blobs.GetBlobContainerClient(StorageNames.Containers.Outbox)
                                .GetBlobClient(b.Name)
                                .DownloadContentAsync()
                        )
                            .Value.Content.ToString()
                            .Contains(trackingNumber)
                    )
                        return true;
                return false;
            },
            $"receipt for {trackingNumber}"
        );
    }

    [Fact]
    public async Task Webhook_without_function_key_is_401_and_stores_nothing()
    {
        var mailBlobs = fx.Blobs.GetBlobContainerClient(StorageNames.Containers.Mail);
        async Task<int> Count()
        {
            var n = 0;
            await foreach (var _ in mailBlobs.GetBlobsAsync())
                n++;
            return n;
        }
        var before = await Count();
        using var client = fx.CreateClient();
        var response = await client.PostAsync("api/inbound/mail", SendGridInbound.Raw(Fixture("unknown-sender.eml")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await Count());
    }

    [Fact]
    public async Task Outlook_gb2312_docx_mail_becomes_a_report_with_the_docx_text_and_a_receipt()
    {
        await ClientForAsync(fx, YangFan);
        var record = await fx.SettledAsync(
            await fx.PostMailAsync(SendGridInbound.Raw(Fixture("outlook-gb2312-docx.eml")))
        );
        Assert.Equal("Accepted", record.GetString("Status"));
        var report = await fx.ReportAsync(record.GetString("ReportId"));
        Assert.Equal("区人大代表联络站建设经验", report.GetProperty("title").GetString());
        Assert.Equal("typicalExperience", report.GetProperty("category").GetString());
        Assert.Equal("email", report.GetProperty("channel").GetString());
        Assert.StartsWith("埇桥区人大常委会推进代表联络站建设的做法", report.GetProperty("body").GetString());
        Assert.Equal(
            "代表联络站建设经验.docx",
            Assert.Single(report.GetProperty("attachments").EnumerateArray()).GetProperty("name").GetString()
        );
        Assert.Equal("demo-yang-fan", report.GetProperty("authors")[0].GetProperty("personId").GetString());
        Assert.Equal(record.GetString("TrackingNumber"), report.GetProperty("trackingNumber").GetString());
        await AssertReceiptQueuedAsync(record.GetString("TrackingNumber"));
    }

    [Fact]
    public async Task Foxmail_gbk_mail_with_photos_keeps_the_chinese_file_names()
    {
        await ClientForAsync(fx, YangFan);
        var record = await fx.SettledAsync(
            await fx.PostMailAsync(SendGridInbound.Raw(Fixture("foxmail-gbk-photos.eml")))
        );
        Assert.Equal("Accepted", record.GetString("Status"));
        var report = await fx.ReportAsync(record.GetString("ReportId"));
        Assert.StartsWith("ds~", report.GetProperty("id").GetString());
        Assert.StartsWith("砀山县人大常委会组织部分代表", report.GetProperty("body").GetString());
        var files = report
            .GetProperty("attachments")
            .EnumerateArray()
            .Select(a => (a.GetProperty("name").GetString(), a.GetProperty("kind").GetString()))
            .ToArray();
        Assert.Equal([("砀山梨园调研现场1.jpg", "image"), ("座谈会现场.png", "image")], files);
        var blob = fx
            .Blobs.GetBlobContainerClient(StorageNames.Containers.Attachments)
            .GetBlobClient(report.GetProperty("id").GetString() + "/座谈会现场.png");
        Assert.Equal(0x89, (await blob.DownloadContentAsync()).Value.Content.ToArray()[0]);
    }

    [Fact]
    public async Task Html_only_and_forwarded_mail_are_read_as_text()
    {
        await ClientForAsync(fx, YangFan);
        var html = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(Fixture("html-only-utf8.eml"))));
        var fwd = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(Fixture("forwarded.eml"))));
        var h = await fx.ReportAsync(html.GetString("ReportId"));
        Assert.Contains("教育&医疗", h.GetProperty("body").GetString());
        Assert.DoesNotContain("<", h.GetProperty("body").GetString()!.Replace("<30>", ""));
        var f = await fx.ReportAsync(fwd.GetString("ReportId"));
        Assert.Equal("关于加强乡镇人大主席团建设的建议", f.GetProperty("title").GetString());
        Assert.Equal("proposal", f.GetProperty("category").GetString());
        Assert.StartsWith("建议进一步明确", f.GetProperty("body").GetString());
    }

    [Fact]
    public async Task An_attachment_that_could_not_be_kept_is_named_in_the_received_event()
    {
        await ClientForAsync(fx, YangFan);
        var mime = $"""
            From: <yang.fan@example.org>
            To: xinxi@inbound.example.org
            Subject: =?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes("区人大常委会视察重点项目"))}?=
            Message-ID: <note-{Guid.NewGuid():N}@example.org>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=UTF-8

            区人大常委会组织代表视察重点项目建设，提出意见建议六条。
            --b
            Content-Type: image/jpeg; name="photo.jpg"
            Content-Disposition: attachment; filename="photo.jpg"
            Content-Transfer-Encoding: base64

            {Convert.ToBase64String(Encoding.ASCII.GetBytes("MZ an executable, not a photo"))}
            --b--

            """.ReplaceLineEndings("\r\n");
        var record = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(Encoding.UTF8.GetBytes(mime))));
        Assert.Equal("Accepted", record.GetString("Status"));
        using var editor = await ClientForAsync(fx, LinXiaowen);
        var history = await (await editor.GetAsync($"api/reports/{record.GetString("ReportId")}/history")).JsonAsync();
        var received = history[0];
        Assert.Equal("received", received.GetProperty("what").GetString());
        Assert.Equal("demo-yang-fan", received.GetProperty("who").GetString());
        Assert.Contains("photo.jpg", received.GetProperty("why").GetString());
    }

    [Fact]
    public async Task Bounces_and_auto_replies_are_stored_but_never_acknowledged()
    {
        await ClientForAsync(fx, YangFan);
        var bounce = await fx.SettledAsync(
            await fx.PostMailAsync(SendGridInbound.Raw(Fixture("bounce.eml"), envelopeFrom: ""))
        );
        var auto = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(Fixture("auto-reply.eml"))));
        Assert.Equal("Bounce", bounce.GetString("Status"));
        Assert.Equal("AutoReply", auto.GetString("Status"));
        Assert.Null(bounce.GetString("ReportId"));
        Assert.Null(auto.GetString("TrackingNumber"));
        Assert.True(
            (
                await fx
                    .Blobs.GetBlobContainerClient(StorageNames.Containers.Mail)
                    .GetBlobClient(auto.GetString("BlobName"))
                    .ExistsAsync()
            ).Value
        );
    }

    [Fact]
    public async Task The_same_mail_delivered_twice_creates_one_report()
    {
        await ClientForAsync(fx, YangFan);
        var mime = Fixture("twice.eml");
        var first = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(mime)));
        var again = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(mime)));
        // Re-sent with another Received line: other bytes, same Message-ID and recipient.
        var resent = Encoding
            .ASCII.GetBytes("Received: from relay2.example.org by mx.inbound.example.org\r\n")
            .Concat(mime)
            .ToArray();
        var third = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(resent)));

        Assert.Equal("Accepted", first.GetString("Status"));
        Assert.Equal("Duplicate", again.GetString("Status"));
        Assert.Equal("Duplicate", third.GetString("Status"));
        Assert.Equal(first.RowKey, again.GetString("DuplicateOf"));
        Assert.Equal(first.RowKey, third.GetString("DuplicateOf"));
        using var editor = await ClientForAsync(fx, LinXiaowen);
        var list = await (
            await editor.GetAsync($"api/reports?unitId=sx&q={Uri.EscapeDataString("泗县人大常委会开展执法检查")}")
        ).JsonAsync();
        Assert.Single(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_sender_is_quarantined_then_accepted_or_rejected_by_an_editor()
    {
        using var editor = await ClientForAsync(fx, LinXiaowen);
        var mime = Encoding.UTF8.GetString(Fixture("unknown-sender.eml"));
        var record = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(Encoding.UTF8.GetBytes(mime))));
        Assert.Equal("Quarantined", record.GetString("Status"));
        var listed = await (await editor.GetAsync("api/mailbox/quarantine")).JsonAsync();
        Assert.Contains(
            listed.EnumerateArray(),
            q =>
                q.GetProperty("mailId").GetString() == record.RowKey
                && q.GetProperty("from").GetString() == "wang.xiaoming@unknown.example.com"
        );

        using var officer = await ClientForAsync(fx, YangFan);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("api/mailbox/quarantine")).StatusCode);

        var accepted = await editor.PostJsonAsync(
            $"api/mailbox/quarantine/{record.RowKey}/accept",
            new { personId = "demo-lv-guodong" }
        );
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var report = await accepted.JsonAsync();
        Assert.StartsWith("lb~", report.GetProperty("id").GetString());
        Assert.Equal("灵璧县某镇人大开展代表述职活动", report.GetProperty("title").GetString());
        await AssertReceiptQueuedAsync(report.GetProperty("trackingNumber").GetString()!);
        var after = await (await editor.GetAsync("api/mailbox/quarantine")).JsonAsync();
        Assert.DoesNotContain(after.EnumerateArray(), q => q.GetProperty("mailId").GetString() == record.RowKey);

        // Another unknown mail (new Message-ID) is rejected.
        var other = await fx.SettledAsync(
            await fx.PostMailAsync(
                SendGridInbound.Raw(Encoding.UTF8.GetBytes(mime.Replace("unknown-sender-0315", "unknown-sender-0316")))
            )
        );
        Assert.Equal("Quarantined", other.GetString("Status"));
        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await editor.PostJsonAsync(
                    $"api/mailbox/quarantine/{other.RowKey}/reject",
                    new { reason = "非信息员来稿" }
                )
            ).StatusCode
        );
        var rejected = await fx
            .Tables.GetTableClient(StorageNames.Tables.Mailbox)
            .GetEntityAsync<TableEntity>("mail", other.RowKey);
        Assert.Equal("Rejected", rejected.Value.GetString("Status"));
        Assert.Null(rejected.Value.GetString("ReportId"));
    }

    [Fact]
    public async Task Parsed_mode_post_becomes_a_report()
    {
        await ClientForAsync(fx, YangFan);
        var text = "灵璧县人大常委会开展“代表接待日”活动，接待群众三十余人次。";
        var form = new MultipartFormDataContent
        {
            {
                new StringContent(
                    "Received: by mx\nFrom: =?UTF-8?B?"
                        + Convert.ToBase64String(Encoding.UTF8.GetBytes("吕国栋"))
                        + "?= <lv.guodong@example.org>\nTo: xinxi@inbound.example.org\nSubject: =?UTF-8?B?"
                        + Convert.ToBase64String(Encoding.UTF8.GetBytes("灵璧县人大代表接待日"))
                        + "?=\nMessage-ID: <parsed-mode-1@example.org>\n"
                ),
                "headers"
            },
            { new StringContent("吕国栋 <lv.guodong@example.org>"), "from" },
            { new StringContent("灵璧县人大代表接待日"), "subject" },
            { new ByteArrayContent(Encoding.GetEncoding("GB18030").GetBytes(text)), "text" },
            { new StringContent("{\"text\":\"GB18030\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\"}"), "charsets" },
            {
                new StringContent("{\"to\":[\"xinxi@inbound.example.org\"],\"from\":\"lv.guodong@example.org\"}"),
                "envelope"
            },
            { new StringContent("1"), "attachments" },
        };
        var photo = new ByteArrayContent([
            0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0xFF, 0xD9,
        ]);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(photo, "attachment1", "接待现场.jpg");
        var record = await fx.SettledAsync(await fx.PostMailAsync(form));
        Assert.Equal("Accepted", record.GetString("Status"));
        var report = await fx.ReportAsync(record.GetString("ReportId"));
        Assert.Equal(text, report.GetProperty("body").GetString());
        Assert.Equal("灵璧县人大代表接待日", report.GetProperty("title").GetString());
        Assert.Equal(
            "接待现场.jpg",
            Assert.Single(report.GetProperty("attachments").EnumerateArray()).GetProperty("name").GetString()
        );
    }

    [Fact]
    public async Task Signed_webhook_checks_sendgrid_signature_when_a_key_is_configured()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var app = await fx.StartAppAsync(
            new Dictionary<string, string?>
            {
                ["Mailbox__InboundPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
            }
        );
        using var client = app.CreateClient();
        // Its own Message-ID, so the other tests' deliveries of this fixture are not duplicates of it.
        var content = SendGridInbound.Raw(
            Encoding.UTF8.GetBytes(
                Encoding
                    .UTF8.GetString(Fixture("unknown-sender.eml"))
                    .Replace("unknown-sender-0315", $"signed-{Guid.NewGuid():N}")
            )
        );
        var body = await content.ReadAsByteArrayAsync();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var signature = Convert.ToBase64String(
            key.SignData(
                Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray(),
                HashAlgorithmName.SHA256,
                DSASignatureFormat.Rfc3279DerSequence
            )
        );

        HttpRequestMessage Request(string? sig, byte[] payload)
        {
            var r = new HttpRequestMessage(HttpMethod.Post, "api/inbound/mail")
            {
                Content = new ByteArrayContent(payload),
            };
            r.Content.Headers.ContentType = content.Headers.ContentType;
            r.Headers.Add("x-functions-key", TestApp.FunctionKey);
            if (sig is not null)
            {
                r.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", sig);
                r.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
            }
            return r;
        }

        var mailBlobs = fx.Blobs.GetBlobContainerClient(StorageNames.Containers.Mail);
        async Task<int> Count()
        {
            var n = 0;
            await foreach (var _ in mailBlobs.GetBlobsAsync())
                n++;
            return n;
        }
        var before = await Count();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Request(null, body))).StatusCode);
        var tampered = (byte[])body.Clone();
        tampered[body.Length / 2] ^= 1; // inside the email field
        var broken = body[..^10];
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Request(signature, tampered))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Request(signature, broken))).StatusCode);
        Assert.Equal(before, await Count());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Request(signature, body))).StatusCode);
    }

    [Fact]
    public async Task A_25_mb_mail_with_three_attachments_is_accepted_and_parsed()
    {
        await ClientForAsync(fx, YangFan);
        var path = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.eml");
        try
        {
            var sizes = LargeMail.Write(path, "yang.fan@example.org", 25 * 1024 * 1024);
            await using var file = File.OpenRead(path);
            var form = SendGridInbound.Raw([]);
            form = new MultipartFormDataContent
            {
                {
                    new StringContent("{\"to\":[\"xinxi@inbound.example.org\"],\"from\":\"yang.fan@example.org\"}"),
                    "envelope"
                },
                { new StreamContent(file), "email" },
            };
            var record = await fx.SettledAsync(await fx.PostMailAsync(form));
            Assert.Equal("Accepted", record.GetString("Status"));
            var report = await fx.ReportAsync(record.GetString("ReportId"));
            var stored = report
                .GetProperty("attachments")
                .EnumerateArray()
                .Select(a => a.GetProperty("size").GetInt64())
                .ToArray();
            Assert.Equal(sizes, stored);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>Writes a large mail to disk (never whole in memory): a text body and three ~8 MB attachments.</summary>
public static class LargeMail
{
    public static long[] Write(string path, string from, long targetBytes)
    {
        var each = (long)(targetBytes / 3 * 0.74); // base64 grows by 4/3 plus line ends
        var sizes = new[] { each, each, each };
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\r\n" };
        w.WriteLine($"From: =?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes("杨帆"))}?= <{from}>");
        w.WriteLine("To: xinxi@inbound.example.org");
        w.WriteLine(
            $"Subject: =?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes("大附件测试：区人大常委会视察照片"))}?="
        );
        w.WriteLine($"Message-ID: <big-{Guid.NewGuid():N}@example.org>");
        w.WriteLine("MIME-Version: 1.0");
        w.WriteLine("Content-Type: multipart/mixed; boundary=\"big-boundary\"");
        w.WriteLine();
        w.WriteLine("--big-boundary");
        w.WriteLine("Content-Type: text/plain; charset=UTF-8");
        w.WriteLine("Content-Transfer-Encoding: 8bit");
        w.WriteLine();
        w.WriteLine("区人大常委会组织代表视察重点项目建设，照片见附件。视察组一行深入项目现场，听取情况汇报。");
        var rng = new Random(42);
        for (var i = 0; i < 3; i++)
        {
            w.WriteLine("--big-boundary");
            w.WriteLine($"Content-Type: image/jpeg; name=\"photo{i + 1}.jpg\"");
            w.WriteLine("Content-Transfer-Encoding: base64");
            w.WriteLine(
                $"Content-Disposition: attachment; filename*=UTF-8''{Uri.EscapeDataString($"视察照片{i + 1}.jpg")}"
            );
            w.WriteLine();
            var buffer = new byte[57 * 1000];
            long written = 0;
            while (written < sizes[i])
            {
                var n = (int)Math.Min(buffer.Length, sizes[i] - written);
                rng.NextBytes(buffer);
                if (written == 0)
                {
                    buffer[0] = 0xFF;
                    buffer[1] = 0xD8;
                    buffer[2] = 0xFF;
                    buffer[3] = 0xE0;
                }
                for (var off = 0; off < n; off += 57)
                    w.WriteLine(Convert.ToBase64String(buffer, off, Math.Min(57, n - off)));
                written += n;
            }
        }
        w.WriteLine("--big-boundary--");
        return sizes;
    }
}
