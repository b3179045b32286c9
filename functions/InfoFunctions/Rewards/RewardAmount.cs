using System.Text.Json.Serialization;

namespace InfoFunctions.Rewards;

/// <summary>Points and 元 for one fact. Penalties hold positive amounts that are subtracted.</summary>
public sealed record RewardAmount(decimal Points, decimal Yuan)
{
    public static readonly RewardAmount Zero = new(0, 0);
    public RewardAmount Negate() => new(-Points, -Yuan);
    public static RewardAmount operator +(RewardAmount a, RewardAmount b) => new(a.Points + b.Points, a.Yuan + b.Yuan);
    public static RewardAmount operator -(RewardAmount a, RewardAmount b) => new(a.Points - b.Points, a.Yuan - b.Yuan);
    [JsonIgnore] public bool IsZero => Points == 0 && Yuan == 0;
}
