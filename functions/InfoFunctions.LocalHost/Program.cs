namespace InfoFunctions.LocalHost;

public static class Program
{
    /// <summary>
    /// <c>dotnet run --project functions/InfoFunctions.LocalHost</c>: the app on http://localhost:7071;
    /// with <c>-- backup</c> or <c>-- restore …</c>, one admin command (see <see cref="Commands"/>).
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (Commands.IsCommand(args))
            return await Commands.RunAsync(args, new LocalHostOptions(), Console.Out);
        await using var app = await LocalHostApp.BuildAsync(args, new LocalHostOptions());
        await app.RunAsync();
        return 0;
    }
}
