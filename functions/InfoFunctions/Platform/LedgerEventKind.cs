namespace InfoFunctions.Platform;

/// <summary>What kind of fact a <see cref="LedgerMessage"/> reports.</summary>
public enum LedgerEventKind
{
    /// <summary>A carrier adopted (采用) a forwarded report.</summary>
    Adoption,
    /// <summary>An earlier adoption is reversed (and, when <c>CarrierId</c> is set, replaced by this one).</summary>
    AdoptionCorrection,
    /// <summary>A leader endorsed (领导批示) a report.</summary>
    Endorsement,
    /// <summary>A penalty: a missed commissioned topic (约稿) or inaccurate information.</summary>
    Penalty,
    /// <summary>A grade in the annual 好信息评选.</summary>
    ContestAward,
}
