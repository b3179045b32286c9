namespace InfoFunctions.Review;

/// <summary>
/// Why an action was refused: the role, unit or person (403; <see cref="SelfSignOff"/>: signing off what one
/// edited or approved), the state (409) or a missing comment (400).
/// </summary>
public enum Refusal { None, Role, Unit, NotAssigned, SelfSignOff, State, CommentRequired }
