namespace InfoFunctions.Rewards;

/// <summary>Who a ledger line is for: a person (an author) or a unit (the reporting unit).</summary>
public enum PartyKind { Person, Unit }
