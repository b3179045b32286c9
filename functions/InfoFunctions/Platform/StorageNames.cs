namespace InfoFunctions.Platform;

/// <summary>
/// Every queue, table and blob container the app uses. Infra creates exactly these
/// (its tests read this class), and locally they are created on start-up.
/// Add a name here when a feature needs new storage; nowhere else.
/// </summary>
public static class StorageNames
{
    public static class Queues
    {
    }

    public static class Tables
    {
        public const string Units = "units";
        public const string People = "people";
        public const string Carriers = "carriers";
        public const string Tokens = "tokens";
    }

    public static class Containers
    {
        public const string Imports = "imports";
    }

    public static IEnumerable<string> All(Type group) =>
        group.GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>Queues and their poison twins, as the host creates them.</summary>
    public static IEnumerable<string> QueuesWithPoison() =>
        All(typeof(Queues)).SelectMany(q => new[] { q, q + "-poison" });
}
