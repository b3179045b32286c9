namespace InfoFunctions.Submissions;

/// <summary>
/// What intake learns of a file as it streams past (an observer of <see cref="Platform.MeteredStream"/>):
/// its first bytes, for the signature, and whether a zip names a <c>word/</c> entry, for .docx.
/// </summary>
public sealed class FileInspection
{
    private const int Overlap = 8;
    private readonly byte[] _head = new byte[ContentSniffer.HeadLength];
    private readonly byte[] _tail = new byte[Overlap];
    private int _tailLength;

    public int HeadLength { get; private set; }
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, HeadLength);
    public bool SawWordEntry { get; private set; }

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        if (HeadLength < _head.Length)
        {
            var n = Math.Min(chunk.Length, _head.Length - HeadLength);
            chunk[..n].CopyTo(_head.AsSpan(HeadLength));
            HeadLength += n;
        }
        if (SawWordEntry) return;
        // Look for "word/" across chunk borders: the last bytes of the previous chunk plus this one.
        Span<byte> joined = stackalloc byte[_tailLength + Math.Min(chunk.Length, Overlap)];
        _tail.AsSpan(0, _tailLength).CopyTo(joined);
        chunk[..Math.Min(chunk.Length, Overlap)].CopyTo(joined[_tailLength..]);
        if (joined.IndexOf("word/"u8) >= 0 || chunk.IndexOf("word/"u8) >= 0) SawWordEntry = true;
        _tailLength = Math.Min(chunk.Length, Overlap);
        chunk[^_tailLength..].CopyTo(_tail);
    }
}
