using System.Security.Cryptography;

namespace InfoFunctions.Platform;

/// <summary>
/// Passes a stream through, read-only, while counting it against a limit (<see cref="FileTooLargeException"/>
/// once passed), feeding it to a hash and showing each chunk to an observer. <see cref="ReadAheadAsync"/>
/// reads bytes before anyone asks for them (to look at them first, or to learn that the stream is short);
/// they are passed on before the rest.
/// </summary>
public sealed class MeteredStream(
    Stream inner, long limit, IncrementalHash? hash = null, Action<ReadOnlySpan<byte>>? observe = null) : Stream
{
    private byte[] _ahead = [];
    private int _aheadLength, _aheadOffset;

    public long BytesRead { get; private set; }

    /// <summary>Reading ahead met the end of the source: <see cref="Ahead"/> is all of it.</summary>
    public bool Ended { get; private set; }

    /// <summary>The bytes read ahead and not yet passed on.</summary>
    public ReadOnlyMemory<byte> Ahead => _ahead.AsMemory(_aheadOffset, _aheadLength - _aheadOffset);

    /// <summary>
    /// Reads until <paramref name="count"/> bytes wait ahead or the source ends (call before reading).
    /// </summary>
    public async Task ReadAheadAsync(int count, CancellationToken ct)
    {
        if (_aheadOffset > 0) throw new InvalidOperationException("只能在开始读取之前预读。");
        if (_ahead.Length < count) Array.Resize(ref _ahead, count);
        int n;
        while (_aheadLength < count && (n = await inner.ReadAsync(_ahead.AsMemory(_aheadLength, count - _aheadLength),
            ct)) > 0)
        {
            Meter(_ahead.AsSpan(_aheadLength, n));
            _aheadLength += n;
        }
        Ended = _aheadLength < count;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (_aheadOffset < _aheadLength)
        {
            var n = Math.Min(buffer.Length, _aheadLength - _aheadOffset);
            _ahead.AsMemory(_aheadOffset, n).CopyTo(buffer);
            _aheadOffset += n;
            return n;
        }
        var read = await inner.ReadAsync(buffer, ct);
        Meter(buffer.Span[..read]);
        return read;
    }

    private void Meter(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty) return;
        BytesRead += chunk.Length;
        if (BytesRead > limit) throw new FileTooLargeException(BytesRead);
        hash?.AppendData(chunk);
        observe?.Invoke(chunk);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
