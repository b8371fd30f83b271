namespace Portal.Tests.Reliability;

/// <summary>Reads a process's resident memory every <paramref name="every"/> until stopped, keeping the highest value.</summary>
public sealed class MemorySampler(int pid, TimeSpan every) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampling;

    public double PeakMiB { get; private set; }

    public MemorySampler Start()
    {
        _sampling = SampleAsync();
        return this;
    }

    private async Task SampleAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                PeakMiB = Math.Max(PeakMiB, ReliabilityPortal.ResidentMiB(pid));
                await Task.Delay(every, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampling is not null) await _sampling;
        _stop.Dispose();
    }
}
