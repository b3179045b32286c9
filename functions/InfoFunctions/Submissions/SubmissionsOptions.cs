using System.ComponentModel.DataAnnotations;

namespace InfoFunctions.Submissions;

/// <summary>Settings under <c>Submissions__*</c>.</summary>
public sealed class SubmissionsOptions
{
    public const string Section = "Submissions";

    [Range(1, 1L << 32)] public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;
    [Range(1, 1L << 33)] public long MaxReportBytes { get; set; } = 30 * 1024 * 1024;
    [Range(1, 100)] public int MaxFiles { get; set; } = 20;
    /// <summary>How long an upload or download link stays valid.</summary>
    [Range(1, 1440)] public int LinkMinutes { get; set; } = 15;
    /// <summary>Upload links one person may hold unconfirmed and unexpired at a time.</summary>
    [Range(1, 100)] public int MaxOpenUploads { get; set; } = 5;
}
