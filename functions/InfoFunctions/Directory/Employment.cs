namespace InfoFunctions.DirectoryFeature;

public enum Employment
{
    /// <summary>专职.</summary>
    FullTime,
    /// <summary>兼职.</summary>
    PartTime,
}
