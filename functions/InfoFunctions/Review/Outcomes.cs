namespace InfoFunctions.Review;

/// <summary>What became of a report at a carrier, as <see cref="CarrierRecord.Outcome"/> stores it.</summary>
public static class Outcomes
{
    public const string Forwarded = "forwarded";
    public const string Adopted = "adopted";
    public const string NotAdopted = "notAdopted";
}
