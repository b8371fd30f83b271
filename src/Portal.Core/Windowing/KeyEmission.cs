namespace Portal.Core.Windowing;

/// <summary>
/// What an open window knows of a key besides its counts (<see cref="KeyAggregate"/>): which key it is, and what went out
/// for it. Read when the window emits, and on an add only once the window has emitted (a correction): kept apart from the
/// counts so that those fit their cache line.
/// </summary>
internal struct KeyEmission
{
    public int KeyId;
    /// <summary>The revision of the last result this key went out with.</summary>
    public int Revision;
    /// <summary>Records arrived since the window emitted; the key is listed once in the window's changed keys.</summary>
    public bool Changed;
    /// <summary>The aggregate last emitted, handed out again while no record is added (its count still the key's).</summary>
    public WindowAggregate? Emitted;
}
