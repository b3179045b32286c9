using System.ComponentModel.DataAnnotations;

namespace InfoFunctions.DirectoryFeature;

/// <summary>Settings under <c>Directory__*</c>.</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Directory";

    /// <summary>Largest CSV/XLSX accepted by the import endpoints; a directory list is far smaller.</summary>
    [Range(1024, 50 * 1024 * 1024, ErrorMessage = "Directory__MaxImportBytes 应在 1024 到 52428800 之间。")]
    public int MaxImportBytes { get; set; } = 5 * 1024 * 1024;
}
