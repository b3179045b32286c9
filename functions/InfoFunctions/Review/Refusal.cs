namespace InfoFunctions.Review;

/// <summary>
/// Why an action was refused: the role, unit or person (403), the state (409) or a missing comment (400).
/// </summary>
public enum Refusal { None, Role, Unit, NotAssigned, State, CommentRequired }
