using System.Buffers;
using Kida.Runtime.Output;

namespace Kida.Tests.Runtime;

/// <summary>What an output buffer gives back to the shared array pool, which keeps whatever it is given.</summary>
public class OutputBufferPoolTests
{
    private const int FourMegaChars = 4 * 1024 * 1024;

    [Fact]
    public void A_buffer_over_the_pool_limit_is_left_to_the_GC_not_kept_by_the_pool()
    {
        // The shared pool hands this thread back the array it was last given for a size class: put one there, let a
        // buffer that grows past the limit take it, and see whether the pool has it again afterwards.
        var probe = ArrayPool<char>.Shared.Rent(FourMegaChars);
        ArrayPool<char>.Shared.Return(probe);
        var buffer = new OutputBuffer();
        buffer.Write(new string('x', 3_000_000));
        Assert.Equal(3_000_000, buffer.Length);
        buffer.Release();

        var next = ArrayPool<char>.Shared.Rent(FourMegaChars);
        Assert.NotSame(probe, next);
        Assert.True(probe.Length > OutputBuffer.PoolLimit);
    }

    [Fact]
    public void A_buffer_within_the_limit_goes_back_to_the_pool()
    {
        // Same probe, a size class under the limit (128 K characters): the buffer takes it and gives it back.
        var probe = ArrayPool<char>.Shared.Rent(100_000);
        ArrayPool<char>.Shared.Return(probe);
        var buffer = new OutputBuffer();
        buffer.Write(new string('x', 100_000));
        buffer.Release();

        Assert.Same(probe, ArrayPool<char>.Shared.Rent(100_000));
    }
}
