namespace Kida.Runtime;

/// <summary>
/// The environment-wide store behind <c>{% cache key %}</c>: rendered text by key, least recently used evicted
/// first, each entry fresh for its own time to live. Thread-safe (one lock; entries are immutable strings).
/// </summary>
internal sealed class FragmentCache(int capacity, TimeSpan defaultTtl, TimeProvider clock)
{
    private sealed record Entry(string Key, string Text, DateTimeOffset Expires);

    private readonly Dictionary<string, LinkedListNode<Entry>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new();
    private readonly Lock _lock = new();

    public TimeSpan DefaultTtl => defaultTtl;

    public int Count
    {
        get { lock (_lock) return _index.Count; }
    }

    public bool TryGet(string key, out string text)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var node))
            {
                if (node.Value.Expires > now)
                {
                    _order.Remove(node);
                    _order.AddFirst(node);
                    text = node.Value.Text;
                    return true;
                }
                _order.Remove(node);
                _index.Remove(key);
            }
        }
        text = "";
        return false;
    }

    public void Set(string key, string text, TimeSpan? ttl)
    {
        if (capacity <= 0) return;
        var entry = new Entry(key, text, clock.GetUtcNow() + (ttl ?? defaultTtl));
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var old))
            {
                _order.Remove(old);
                _index.Remove(key);
            }
            _index[key] = _order.AddFirst(entry);
            while (_index.Count > capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _index.Remove(last.Value.Key);
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _index.Clear();
            _order.Clear();
        }
    }
}
