namespace Kida.Tests.Workers;

/// <summary>A model whose <c>value</c> runs a callback when a template reads it, so tests can act mid-batch.</summary>
public sealed class BatchProbe(Action onRead)
{
    public int Value
    {
        get
        {
            onRead();
            return 1;
        }
    }
}
