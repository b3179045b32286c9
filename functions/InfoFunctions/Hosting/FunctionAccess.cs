using System.Reflection;

namespace InfoFunctions.Hosting;

/// <summary>
/// What an HTTP function declared about its callers: <see cref="AllowAttribute"/> or <see cref="PublicAttribute"/>,
/// exactly one.
/// </summary>
public static class FunctionAccess
{
    /// <summary>The roles allowed, or null for a public function.</summary>
    public static Role? Of(MethodInfo function)
    {
        var allow = function.GetCustomAttribute<AllowAttribute>();
        var isPublic = function.GetCustomAttribute<PublicAttribute>() is not null;
        if ((allow is null) == !isPublic)
            throw new InvalidOperationException(
                $"HTTP 函数 {function.DeclaringType?.Name}.{function.Name} 须且只须声明 [Allow(...)] 或 [Public] 之一。"
            );
        return allow?.Roles;
    }
}
