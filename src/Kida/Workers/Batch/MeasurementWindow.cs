namespace Kida.Workers;

/// <summary>
/// The latest few measurements of one quantity (the full-load slowdown, a worker's wake-up time) and a quantile of
/// them (the median by default): one measurement taken in a bad moment of a shared machine then moves the estimate
/// by one rank instead of replacing it.
/// </summary>
/// <param name="capacity">Measurements kept; the oldest leaves when a new one arrives past it.</param>
/// <param name="quantile">
/// Which rank stands for the window, 0 (the least) to 1 (the greatest), interpolated linearly between ranks; 0.5 is
/// the median (the mean of the middle pair when the count is even).
/// </param>
internal sealed class MeasurementWindow(int capacity, double quantile = 0.5)
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

    /// <summary>The measurements held, smallest first (a copy).</summary>
    public double[] Sorted()
    {
        lock (_values)
        {
            var sorted = _values.ToArray();
            Array.Sort(sorted);
            return sorted;
        }
    }

    /// <summary>Adds a measurement (dropping the oldest past the capacity) and returns the window's quantile.</summary>
    public double Add(double measurement)
    {
        lock (_values)
        {
            if (_values.Count == capacity) _values.Dequeue();
            _values.Enqueue(measurement);
            var sorted = _values.ToArray();
            Array.Sort(sorted);
            var position = quantile * (sorted.Length - 1);
            var below = (int)Math.Floor(position);
            var above = (int)Math.Ceiling(position);
            return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
        }
    }
}
