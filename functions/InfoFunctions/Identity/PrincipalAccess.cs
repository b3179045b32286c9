namespace InfoFunctions.Identity;

/// <summary>The caller the gate found, kept on the request for the function to read.</summary>
public static class PrincipalAccess
{
    internal const string ItemKey = "InfoFunctions.Principal";

    internal static void SetPrincipal(this HttpContext context, Principal principal) =>
        context.Items[ItemKey] = principal;

    /// <summary>
    /// The signed-in caller of an <see cref="AllowAttribute"/> function. Asking for it in a
    /// <see cref="PublicAttribute"/> function is a programming error.
    /// </summary>
    public static Principal Principal(this HttpRequest request) =>
        request.HttpContext.Items[ItemKey] as Principal
        ?? throw new InvalidOperationException("此函数未声明 [Allow]，没有登录人员（Principal）。");
}
