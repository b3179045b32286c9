namespace InfoFunctions.Platform;

/// <summary>
/// The limit of one text field of a request body: at most <see cref="Max"/> characters, and whether line breaks
/// and tabs are allowed (<see cref="Multiline"/>). <see cref="InputRules"/> checks it for JSON bodies, form fields
/// and imported cells alike; a string field without it may hold <see cref="InputRules.DefaultMax"/> characters on
/// one line. On a positional record, put it on the parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextAttribute(int max) : Attribute
{
    public int Max => max;
    public bool Multiline { get; init; }
}
