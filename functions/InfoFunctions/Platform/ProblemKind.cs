namespace InfoFunctions.Platform;

/// <summary>Why something was refused. <see cref="Api"/> maps each kind to its HTTP status, in one place.</summary>
public enum ProblemKind
{
    /// <summary>Bad input (400).</summary>
    Invalid,
    /// <summary>No or bad credentials (401).</summary>
    Unauthenticated,
    /// <summary>The caller may not do this (403).</summary>
    Forbidden,
    /// <summary>404.</summary>
    NotFound,
    /// <summary>The state does not allow it (409).</summary>
    Conflict,
    /// <summary>A stale <c>If-Match</c> (412); carries the current state.</summary>
    Stale,
    /// <summary>A request body or file over its limit (413).</summary>
    TooLarge,
    /// <summary>A content type that is not accepted (415).</summary>
    UnsupportedType,
    /// <summary>Well-formed but cannot be processed, e.g. an idempotency key reused (422).</summary>
    Unprocessable,
    /// <summary>A required precondition header is missing (428).</summary>
    PreconditionRequired,
    /// <summary>Too many requests (429).</summary>
    Throttled,
    /// <summary>Unexpected failure (500).</summary>
    Internal,
    /// <summary>A dependency (storage) does not answer (503).</summary>
    Unavailable,
}
