using Azure;
using Azure.Data.Tables;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Identity;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using Microsoft.Extensions.Logging;

namespace InfoFunctions.Review
{
    using InfoFunctions.Dispatch;

    public sealed record DuplicateHit(string ReportId, string TrackingNumber, string Title, double Similarity);

    /// <summary>
    /// MinHash fingerprints: PK month (yyyy-MM, Asia/Shanghai), RK report id; the 90-day scan reads 3–4
    /// partitions. Rows already read are kept in memory, so each scan asks storage only for rows
    /// written since the last one (by server timestamp, with a margin), not for the whole window again.
    /// </summary>
    public sealed class FingerprintStore(TableServiceClient tables)
    {
        private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);
        private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Fingerprints);
        private readonly Dictionary<string, MonthCache> _months = new(StringComparer.Ordinal);

        private sealed record Entry(string TrackingNumber, string Title, DateTimeOffset SubmittedAt, ulong[] Signature);

        private sealed class MonthCache
        {
            public readonly Dictionary<string, Entry> Rows = new(StringComparer.Ordinal);
            public DateTimeOffset? Watermark;
        }

        public Task SaveAsync(string month, Report r, ulong[] sig, CancellationToken ct) =>
            _table.UpsertEntityAsync(new TableEntity(month, r.Id)
            {
                ["TrackingNumber"] = r.TrackingNumber, ["Title"] = r.Title, ["SubmittedAt"] = r.SubmittedAt, ["Signature"] = NearDuplicates.ToBytes(sig),
            }, TableUpdateMode.Replace, ct);

        /// <summary>The most similar report received since <paramref name="since"/>, when it reaches the threshold.</summary>
        public async Task<DuplicateHit?> FindAsync(IReadOnlyList<string> months, DateTimeOffset since, string selfId, ulong[] sig, CancellationToken ct)
        {
            // Storage is read outside the lock (handlers run concurrently); only the merge is serialised.
            var snapshot = new List<(string Id, Entry Entry)>();
            foreach (var month in months)
            {
                MonthCache cache;
                DateTimeOffset? watermark;
                lock (_months)
                {
                    foreach (var stale in _months.Keys.Except(months).ToList()) _months.Remove(stale);
                    if (!_months.TryGetValue(month, out cache!)) _months[month] = cache = new MonthCache();
                    watermark = cache.Watermark;
                }
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {month}");
                if (watermark is { } w) filter += " and " + TableClient.CreateQueryFilter($"Timestamp ge {w - Overlap}");
                var fresh = new List<(string Id, Entry Entry, DateTimeOffset? At)>();
                await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "TrackingNumber", "Title", "SubmittedAt", "Signature", "Timestamp"], cancellationToken: ct))
                    if (e.GetBinary("Signature") is { } bytes)
                        fresh.Add((e.RowKey, new(e.GetString("TrackingNumber"), e.GetString("Title"), e.GetDateTimeOffset("SubmittedAt") ?? default, NearDuplicates.FromBytes(bytes)), e.Timestamp));
                lock (_months)
                {
                    foreach (var (id, entry, at) in fresh)
                    {
                        cache.Rows[id] = entry;
                        if (at is { } t && (cache.Watermark is null || t > cache.Watermark)) cache.Watermark = t;
                    }
                    snapshot.AddRange(cache.Rows.Select(x => (x.Key, x.Value)));
                }
            }

            DuplicateHit? best = null;
            foreach (var (id, e) in snapshot)
            {
                if (id == selfId || e.SubmittedAt < since) continue;
                var s = NearDuplicates.Similarity(sig, e.Signature);
                if (s >= NearDuplicates.Threshold && (best is null || s > best.Similarity))
                    best = new(id, e.TrackingNumber, e.Title, s);
            }
            return best;
        }
    }

    /// <summary>
    /// Round robin over the editors on duty: directory people with the editor role plus the rotation
    /// calendar's staff for today. The position is a counter row updated with its ETag, so two
    /// instances never hand out the same turn.
    /// </summary>
    public sealed class EditorAssigner(TableServiceClient tables, PersonStore people, IRotationCalendar rotation, TimeProvider time)
    {
        private readonly TableClient _counters = tables.GetTableClient(StorageNames.Tables.Counters);
        private (DateTimeOffset At, IReadOnlyList<string> Ids)? _cache;
        // Turns are taken one at a time per instance, so only other instances contend on the counter's ETag.
        private readonly SemaphoreSlim _turn = new(1, 1);

        public async Task<IReadOnlyList<string>> OnDutyAsync(CancellationToken ct)
        {
            var now = time.GetUtcNow();
            if (_cache is { } c && now - c.At < TimeSpan.FromSeconds(30)) return c.Ids;
            var editors = (await people.ListAsync(false, null, ct)).Select(p => p.Value).Where(p => Roles.Parse(p.Roles).HasFlag(Role.Editor)).Select(p => p.Id);
            var today = BusinessTime.DayOf(now);
            var rotating = await rotation.OnDutyAsync(today, ct);
            IReadOnlyList<string> ids = editors.Concat(rotating).Distinct().Order(StringComparer.Ordinal).ToList();
            _cache = (now, ids);
            return ids;
        }

        /// <summary>The next editor, or null when nobody is on duty (the report then waits unassigned).</summary>
        public async Task<string?> NextAsync(CancellationToken ct)
        {
            var ids = await OnDutyAsync(ct);
            if (ids.Count == 0) return null;
            await _turn.WaitAsync(ct);
            try { return await TakeTurnAsync(ids, ct); }
            finally { _turn.Release(); }
        }

        private async Task<string> TakeTurnAsync(IReadOnlyList<string> ids, CancellationToken ct)
        {
            for (var attempt = 0; ; attempt++)
            {
                var row = await _counters.GetEntityIfExistsAsync<TableEntity>("review", "editor-round-robin", cancellationToken: ct);
                var n = row.HasValue ? row.Value!.GetInt64("Next") ?? 0 : 0;
                var entity = new TableEntity("review", "editor-round-robin") { ["Next"] = n + 1 };
                try
                {
                    if (row.HasValue) await _counters.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, ct);
                    else await _counters.AddEntityAsync(entity, ct);
                    return ids[(int)(n % ids.Count)];
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 50)
                {
                    await Task.Delay(Random.Shared.Next(5, 20 + attempt * 10), ct);
                }
            }
        }
    }

    /// <summary>
    /// The intake step of the pipeline: checks, near-duplicate search, assignment, then the transition
    /// out of Received. Idempotent: a report no longer in Received is left alone, and the transition is
    /// committed at the ETag read at the start, so of two deliveries only one takes effect.
    /// </summary>
    public sealed class IntakeProcessor(
        ReportStore reports, ReviewStore store, FingerprintStore fingerprints, EditorAssigner assigner, AttachmentStore attachments,
        NotificationQueue notices, IPersonLookup people, Receipts receipts, TimeProvider time, ILogger<IntakeProcessor> log)
    {
        public const int LookBackDays = 90;

        /// <summary>True when this call moved the report; false when there was nothing (more) to do.</summary>
        public async Task<bool> ProcessAsync(ReviewIntakeMessage msg, CancellationToken ct)
        {
            var found = await reports.GetAsync(msg.ReportId, ct);
            if (found is not { } f || f.Report.Status != ReportStatus.Received) return false;
            var (report, etag) = f;
            var now = time.GetUtcNow();
            // Before the transition: if this delivery dies after it, the receipt has still gone (its key sends it once).
            await receipts.SendAsync(report, ct);

            // The text checked is the latest: an author's revision after failed checks is a version.
            var versions = await store.VersionsAsync(report, ct);
            var current = report with { Title = versions[^1].Title, Body = versions[^1].Body };

            var unreadable = new List<string>();
            foreach (var a in report.Attachments)
            {
                try
                {
                    await using var s = await attachments.OpenAsync(report.Id, a.Name, ct);
                    var buffer = new byte[1];
                    if (await s.ReadAsync(buffer, ct) == 0) unreadable.Add(a.Name);
                }
                catch (RequestFailedException) { unreadable.Add(a.Name); }
            }
            var fixes = IntakeChecks.Run(current, unreadable);

            var sig = NearDuplicates.Signature(current.Title + "\n" + current.Body);
            var dup = await fingerprints.FindAsync(NearDuplicates.Months(now, LookBackDays), now.AddDays(-LookBackDays), report.Id, sig, ct);
            await fingerprints.SaveAsync(NearDuplicates.Months(report.SubmittedAt, 0)[0], current, sig, ct);

            var events = await reports.EventsAsync(report.Id, ct);
            var seq = events.Count + 1;
            var extras = new Dictionary<string, object?>();
            if (dup is not null)
            {
                extras["DuplicateOf"] = dup.ReportId;
                extras["DuplicateTracking"] = dup.TrackingNumber;
                extras["DuplicateSimilarity"] = Math.Round(dup.Similarity, 2);
            }
            var dupNote = dup is null ? "" : $"疑似与稿件 {dup.TrackingNumber}《{dup.Title}》重复（相似度 {dup.Similarity:P0}，见 /api/reports/{dup.ReportId}）。";

            ReportEvent ev;
            Report updated;
            if (fixes.Count > 0)
            {
                extras["Fixes"] = string.Join("\n", fixes);
                updated = report with { Status = ReportStatus.ChecksFailed };
                ev = new(report.Id, seq, ReviewService.ActionCode(ReviewAction.FailChecks), ReviewRules.SystemActor, now,
                    "格式检查未通过：" + string.Join(" ", fixes) + dupNote, report.Status.ToString(), updated.Status.ToString());
            }
            else
            {
                var editor = report.EditorId ?? await assigner.NextAsync(ct);
                updated = report with { Status = ReportStatus.AwaitingEdit, EditorId = editor };
                extras["AssignedTo"] = editor;
                ev = new(report.Id, seq, ReviewService.ActionCode(ReviewAction.PassChecks), ReviewRules.SystemActor, now,
                    (editor is null ? "格式检查通过，暂无在岗编辑。" : $"格式检查通过，分配给编辑 {editor}。") + dupNote,
                    report.Status.ToString(), updated.Status.ToString());
            }

            try { await store.CommitAsync(updated, etag, ev, extras, [], ct); }
            catch (ConcurrencyException) { return false; } // another delivery got there first
            OpsLog.Write(log, "intake-checked", ("report", report.Id), ("status", updated.Status),
                ("latencySeconds", Math.Round((now - report.SubmittedAt).TotalSeconds, 1)));

            if (fixes.Count > 0 && await people.FindByIdAsync(report.SubmittedBy, ct) is not null)
                await notices.EnqueueAsync(NotificationMessage.Create(ReviewStore.EventId(report.Id, seq), Notifications.Templates.IntakeChecksFailed,
                    NotificationTo.Person(report.SubmittedBy), new { title = report.Title, trackingNumber = report.TrackingNumber, fixes }), ct);
            return true;
        }
    }
}
