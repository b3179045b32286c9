namespace InfoFunctions.Platform;

/// <summary>
/// Every queue, table and blob container the app uses. Infra creates exactly these
/// (its tests read this class), and locally they are created on start-up.
/// Add a name here when a feature needs new storage; nowhere else.
/// </summary>
public static class StorageNames
{
    public static class Queues
    {
        /// <summary>Facts for the rewards ledger (<see cref="LedgerMessage"/>).</summary>
        public const string Ledger = "ledger";

        /// <summary>Every feature's notices; see Notifications/NotificationMessage.</summary>
        public const string Notifications = "notifications";

        /// <summary>Reports just received, for the review pipeline (message: <c>ReviewIntakeMessage</c>).</summary>
        public const string Review = "review-intake";

        /// <summary>Inbound mail stored by the webhook, to be parsed (message: <c>InboundMailMessage</c>).</summary>
        public const string MailInbound = "mail-inbound";
    }

    public static class Tables
    {
        public const string Units = "units";
        public const string People = "people";
        public const string Carriers = "carriers";
        public const string Tokens = "tokens";

        /// <summary>
        /// Reports: PK unit id, RK reversed-time key; each report's events follow it in the partition.
        /// </summary>
        public const string Reports = "reports";

        /// <summary>Tracking-number high-water marks: PK "tracking", RK year.</summary>
        public const string Counters = "counters";

        /// <summary>Inbound mail records, de-duplication keys and the quarantine list.</summary>
        public const string Mailbox = "mailbox";

        /// <summary>Delivery log and idempotency claims: PK recipient email, RK hash of the idempotency key.</summary>
        public const string NotificationLog = "notificationlog";

        /// <summary>Opt-outs of optional notices: PK person id.</summary>
        public const string NotificationPrefs = "notificationprefs";

        /// <summary>Addresses that bounced or were dropped, for an admin to fix.</summary>
        public const string FailingAddresses = "failingaddresses";

        /// <summary>
        /// Near-duplicate fingerprints (MinHash of character shingles): PK month yyyy-MM (Asia/Shanghai), RK report id.
        /// </summary>
        public const string Fingerprints = "fingerprints";

        /// <summary>
        /// Commissioned topics (约稿): PK topic id, RK "topic" for the topic and "a~&lt;addressee&gt;" per addressee.
        /// </summary>
        public const string Topics = "topics";

        /// <summary>Dispatch targets (定目标): PK period (<c>2026-P3</c>), RK unit id.</summary>
        public const string Targets = "targets";

        /// <summary>Rotation windows (轮岗): PK "rotation", RK window id.</summary>
        public const string Rotations = "rotations";

        /// <summary>Rewards ledger lines: PK period ("2026H1"), RK party|event|line.</summary>
        public const string Ledger = "ledger";

        /// <summary>Rewards ledger state per report: PK report, RK "head" and e|event.</summary>
        public const string LedgerReports = "ledgerreports";

        /// <summary>积分与奖励标准 versions: PK "standard", RK version.</summary>
        public const string RewardStandards = "rewardstandards";

        /// <summary>Half-year settlements: PK period, RK "summary" or a party's statement.</summary>
        public const string Settlements = "settlements";

        /// <summary>好信息评选: PK year, RK n|report (a nomination with its scores) or "result".</summary>
        public const string Contest = "contest";

        /// <summary>年底集中考核: PK year, RK "summary", p|person (a result) or r|person (a rotation quota).</summary>
        public const string Assessments = "assessments";

        /// <summary>
        /// Where the outbox's pending messages may be (Platform/OutboxMarks): PK "mark",
        /// RK kind|table|partition|window.
        /// </summary>
        public const string OutboxMarks = "outboxmarks";

        /// <summary>Upload links each person holds open (Submissions/OpenUploads): PK "open", RK person id.</summary>
        public const string OpenUploads = "openuploads";
    }

    public static class Containers
    {
        public const string Imports = "imports";

        /// <summary>Report attachments: <c>&lt;reportId&gt;/&lt;file name&gt;</c>.</summary>
        public const string Attachments = "attachments";

        /// <summary>
        /// Files clients put through upload links, until confirm checks and copies them to attachments:
        /// <c>&lt;link expiry yyyyMMddHHmmss&gt;/&lt;reportId&gt;/&lt;uploadId&gt;</c>. Not backed up.
        /// </summary>
        public const string Uploads = "uploads";

        /// <summary>Raw inbound mail as received (<c>yyyy/MM/dd/&lt;mailId&gt;.eml</c>).</summary>
        public const string Mail = "mail";

        /// <summary>Emails written instead of sent when no SendGrid key is configured (.eml + .json).</summary>
        public const string Outbox = "outbox";

        /// <summary>
        /// Bimonthly 通报 (<c>&lt;period&gt;/bulletin.json|docx|xlsx</c>) and 信息专刊
        /// (<c>special-issues/&lt;n&gt;.docx</c>).
        /// </summary>
        public const string Bulletins = "bulletins";

        /// <summary>
        /// Payout sheets of settled half-years: <c>&lt;period&gt;/payout-&lt;period&gt;.xlsx|csv</c>.
        /// </summary>
        public const string Settlements = "settlements";

        /// <summary>
        /// Nightly backups (Operations): <c>nights/&lt;yyyy-MM-dd&gt;/…</c>, blob contents under
        /// <c>content/&lt;sha256&gt;</c>.
        /// </summary>
        public const string Backups = "backups";
    }

    public static IEnumerable<string> All(Type group) =>
        group.GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>Queues and their poison twins, as the host creates them.</summary>
    public static IEnumerable<string> QueuesWithPoison() =>
        All(typeof(Queues)).SelectMany(q => new[] { q, q + "-poison" });
}
