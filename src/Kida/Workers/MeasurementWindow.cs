namespace Kida.Workers;

/// <summary>
/// The latest few measurements of one quantity (the full-load slowdown, a worker's wake-up time) and their median: one
/// measurement taken in a bad moment of a shared machine then moves the estimate by one rank instead of replacing it.
/// </summary>
internal sealed class MeasurementWindow(int capacity)
{
    private readonly Queue<double> _values = new(capacity);

    /// <summary>Measurements held (at most the capacity).</summary>
    public int Count
    {
        get
        {
            lock (_values) return _values.Count;
        }
    }

    /// <summary>Adds a measurement (dropping the oldest past the capacity) and returns the median of those kept.</summary>
    public double Add(double measurement)
    {
        lock (_values)
        {
            if (_values.Count == capacity) _values.Dequeue();
            _values.Enqueue(measurement);
            var sorted = _values.Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }
}
