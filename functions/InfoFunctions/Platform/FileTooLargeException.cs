namespace InfoFunctions.Platform;

/// <summary>A stream passed its size limit while being read (<see cref="MeteredStream"/>).</summary>
public sealed class FileTooLargeException(long seen) : Exception($"文件超过大小上限（已读取 {seen} 字节）。")
{
    public long Seen { get; } = seen;
}
