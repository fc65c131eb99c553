using System.Diagnostics;

namespace Kida.Workers;

// Running jobs: the shared counter, one job at a time, delivery, failures and progress.
internal sealed partial class BatchRun
{
    private async ValueTask<(bool Ran, Template? Template)> RunCalibrationJobAsync(int index, BatchWorker calibration)
    {
        if (!RunOne(index, calibration, out var rendered, out var template)) return (false, template);
        if (rendered is not null)
        {
            if (_outputs is not null) _outputs[index] = rendered;
            else await DeliverAsync(index, rendered, template!.Name).ConfigureAwait(false);
        }
        if (_progress is not null) Progressed();
        return (true, template);
    }

    private void Work(BatchWorker worker)
    {
        // How long this thread waits for a processor while it renders: what a noisy neighbour costs (see Finish).
        var observe = _observeShare && worker.BeginShare();
        try
        {
            WorkLoop(worker);
        }
        finally
        {
            if (observe) worker.EndShare();
        }
    }

    private void WorkLoop(BatchWorker worker)
    {
        var order = _order;
        var outputs = _outputs!;
        var stageEnd = _stageEnd;
        while (!_stopped && !_token.IsCancellationRequested)
        {
            if (stageEnd != 0 && Stopwatch.GetTimestamp() >= stageEnd) return;
            var position = Interlocked.Increment(ref _next) - 1;
            if (position >= _count) return;
            var index = order is null ? position : order[position];
            if (!RunOne(index, worker, out var rendered, out _)) return;
            if (rendered is not null) outputs[index] = rendered;
            if (_progress is not null) Progressed();
        }
    }

    private async Task WorkAsync(BatchWorker worker)
    {
        var order = _order;
        var stageEnd = _stageEnd;
        while (!_stopped && !_token.IsCancellationRequested)
        {
            if (stageEnd != 0 && Stopwatch.GetTimestamp() >= stageEnd) return;
            var position = Interlocked.Increment(ref _next) - 1;
            if (position >= _count) return;
            var index = order is null ? position : order[position];
            if (!RunOne(index, worker, out var rendered, out var template)) return;
            if (rendered is not null) await DeliverAsync(index, rendered, template!.Name).ConfigureAwait(false);
            if (_progress is not null) Progressed();
        }
    }

    /// <summary>Renders one job, timing it on this worker. False when cancellation interrupted it.</summary>
    private bool RunOne(int index, BatchWorker worker, out string? rendered, out Template? template)
    {
        rendered = null;
        template = null;
        RenderJob job;
        if (_jobs is not null) job = _jobs[index];
        else
        {
            try
            {
                job = _factory!(index);
                if (job.Template is null) throw new InvalidOperationException($"The job factory returned a job without a template for index {index}.");
            }
            catch (Exception ex)
            {
                Fail(index, null, ex);
                worker.RecordUntimed();
                return true;
            }
        }

        template = job.Template;
        var start = Stopwatch.GetTimestamp();
        try
        {
            rendered = template.RenderText(job.Model, _token);
        }
        catch (OperationCanceledException) when (_token.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            Fail(index, template.Name, ex);
        }
        worker.Record(template, index, Stopwatch.GetTimestamp() - start);
        return true;
    }

    private async ValueTask DeliverAsync(int index, string rendered, string? templateName)
    {
        try
        {
            await _sink!(index, rendered).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(index, templateName, ex);
        }
    }

    private void Fail(int index, string? templateName, Exception exception)
    {
        lock (_gate)
        {
            _errors.Add(new BatchError(index, templateName, exception));
            _failed++;
        }
        if (_options.FailFast) _stopped = true;
    }

    private void Progressed()
    {
        var done = Interlocked.Increment(ref _done);
        if (done % _progressStep != 0 && done != _count) return;
        // Under the lock so reports never go backwards when two workers cross a step at once.
        lock (_gate)
        {
            if (done <= _lastReported) return;
            _lastReported = done;
            _progress!.Report(new BatchProgress(done, _failed, _count, Stopwatch.GetElapsedTime(_start)));
        }
    }
}
