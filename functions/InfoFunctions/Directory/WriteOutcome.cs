namespace InfoFunctions.DirectoryFeature;

public enum WriteOutcome
{
    Ok,
    /// <summary>An entity with that key already exists.</summary>
    Exists,
    /// <summary>Another person already has that email.</summary>
    EmailTaken,
    /// <summary>The ETag no longer matches: someone else changed it first.</summary>
    PreconditionFailed,
}
