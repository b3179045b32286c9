namespace InfoFunctions.Identity;

/// <summary>
/// An HTTP function that needs no signed-in person: health, the console's static files, and webhooks
/// (which the function key and their own signatures protect).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PublicAttribute : Attribute;
