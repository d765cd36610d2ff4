namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// Real time plus an offset the test moves forward, for lifetimes of tokens, invitations and
/// locks. It keeps ticking so it agrees with code that reads the system clock directly.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Moves the clock to <paramref name="instant"/> (it keeps ticking from there); back in time too.</summary>
    public void Set(DateTimeOffset instant) => Advance(instant - GetUtcNow());
}
