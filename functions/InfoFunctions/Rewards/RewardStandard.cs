namespace InfoFunctions.Rewards;

/// <summary>
/// 积分与奖励标准, one version. A version applies to facts whose Beijing date is on or after
/// <see cref="EffectiveFrom"/> until the next version takes over. Versions are never edited:
/// a change is a new version, and a version may not start inside a settled period.
/// </summary>
public sealed record RewardStandard(
    int Version,
    DateOnly EffectiveFrom,
    IReadOnlyDictionary<string, RewardAmount> Carriers,
    IReadOnlyDictionary<string, RewardAmount> EndorsementBonuses,
    IReadOnlyDictionary<string, RewardAmount> Penalties,
    MultiCarrierRule MultiCarrier,
    IReadOnlyDictionary<string, RewardAmount> GradeRewards,
    string? Note = null,
    DateTimeOffset? CreatedAt = null,
    string? CreatedBy = null)
{
    public const string PenaltyMissedTopic = "missed-topic";
    public const string PenaltyInaccurate = "inaccurate";
    public static readonly IReadOnlyList<string> Grades = ["优质", "良好", "较好"];

    /// <summary>The version in force on <paramref name="beijingDate"/>, or null when none has started yet.</summary>
    public static RewardStandard? InForce(IEnumerable<RewardStandard> versions, DateOnly beijingDate) =>
        versions.Where(v => v.EffectiveFrom <= beijingDate).OrderByDescending(v => v.EffectiveFrom)
            .ThenByDescending(v => v.Version).FirstOrDefault();

    /// <summary>The largest points and yuan one fact can carry: beyond them an amount is a typing error.</summary>
    public const decimal MaxPoints = 1000, MaxYuan = 100_000;

    /// <summary>Problems in Chinese, each naming its field; empty when the standard can be stored.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        void Check(string field, string what, IReadOnlyDictionary<string, RewardAmount>? map)
        {
            if (map is null) { errors.Add(new(field, $"缺少{what}。")); return; }
            foreach (var (k, v) in map)
            {
                var at = $"{field}[{Json.Serialize(k)}]";
                if (string.IsNullOrWhiteSpace(k)) errors.Add(new(field, $"{what}的名称不能为空。"));
                if (v is null) { errors.Add(new(at, $"{what}“{k}”缺少分值。")); continue; }
                if (v.Points is < 0 or > MaxPoints)
                    errors.Add(new(at + ".points", $"{what}“{k}”的积分应在 0 到 {MaxPoints} 之间（扣分请填正数）。"));
                if (v.Yuan is < 0 or > MaxYuan)
                    errors.Add(new(at + ".yuan", $"{what}“{k}”的金额应在 0 到 {MaxYuan} 元之间（扣款请填正数）。"));
                if (decimal.Round(v.Yuan, 2) != v.Yuan || decimal.Round(v.Points, 2) != v.Points)
                    errors.Add(new(at, $"{what}“{k}”最多保留两位小数。"));
            }
        }
        Check("carriers", "载体标准", Carriers);
        Check("endorsementBonuses", "领导批示加分", EndorsementBonuses);
        Check("penalties", "扣分标准", Penalties);
        Check("gradeRewards", "评选等次奖励", GradeRewards);
        if (Carriers is { Count: 0 }) errors.Add(new("carriers", "至少需要一个载体的采用标准。"));
        if (GradeRewards is not null)
            foreach (var g in GradeRewards.Keys.Where(g => !Grades.Contains(g)))
                errors.Add(new("gradeRewards", $"评选等次只能是 优质、良好、较好：{g}。"));
        if (!InputRules.IsSupported(EffectiveFrom)) errors.Add(new("effectiveFrom", "生效日期无效。"));
        return errors;
    }

    /// <summary>
    /// The seed document's figures (provincial website 50 元, 《代表之声》 and 《信息专刊》 200 元);
    /// points, the municipal carriers, bonuses, penalties and grades are demo values to be configured.
    /// </summary>
    public static RewardStandard Demo(int version, DateOnly effectiveFrom, DateTimeOffset createdAt,
        string createdBy) => new(
        version, effectiveFrom,
        new Dictionary<string, RewardAmount>
        {
            ["ah-web"] = new(5, 50),
            ["ah-dbzs"] = new(20, 200),
            ["ah-xxzk"] = new(20, 200),
            ["sz-rd"] = new(3, 30),
            ["sz-xxzk"] = new(2, 20),
        },
        new Dictionary<string, RewardAmount>
        {
            ["省级"] = new(10, 100),
            ["市级"] = new(5, 50),
        },
        new Dictionary<string, RewardAmount>
        {
            [PenaltyMissedTopic] = new(2, 0),
            [PenaltyInaccurate] = new(5, 50),
        },
        MultiCarrierRule.HighestOnly,
        new Dictionary<string, RewardAmount>
        {
            ["优质"] = new(10, 300),
            ["良好"] = new(6, 200),
            ["较好"] = new(3, 100),
        },
        "示例标准：省人大外网 50 元、《代表之声》《信息专刊》200 元按研究室经验材料；其余为可调整的示例值。",
        createdAt, createdBy);
}
