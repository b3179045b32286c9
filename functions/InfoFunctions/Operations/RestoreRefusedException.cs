namespace InfoFunctions.Operations;

/// <summary>A restore that would not be safe or cannot be done; nothing was written. <c>Code</c> is the API's problem code.</summary>
public sealed class RestoreRefusedException(string code, string message, IReadOnlyList<string>? items = null) : Exception(message)
{
    public string Code { get; } = code;
    public IReadOnlyList<string> Items { get; } = items ?? [];
}
