namespace InfoFunctions.LocalHost;

public static class Program
{
    /// <summary><c>dotnet run --project functions/InfoFunctions.LocalHost</c>: the app on http://localhost:7071.</summary>
    public static async Task Main(string[] args)
    {
        await using var app = await LocalHostApp.BuildAsync(args, new LocalHostOptions());
        await app.RunAsync();
    }
}
