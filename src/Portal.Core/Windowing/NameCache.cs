using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Portal.Core.Windowing;

/// <summary>
/// A small cache from a name's string instance to a value, in front of a dictionary keyed by the name's characters.
/// Decoders hand the engine the same instances for repeated names (service, endpoint, instance, scenario), so a lookup
/// here finds its slot from the instance's address and compares references, instead of hashing and comparing characters;
/// a different instance of the same name only
/// misses, and the caller falls back to its dictionary. Two-way: a name may sit in either slot of its pair, so two names
/// sharing a pair do not evict each other on every turn.
/// </summary>
internal sealed class NameCache<TValue>
{
    private readonly (string? Name, TValue Value)[] _slots;
    private readonly int _pairMask;

    /// <param name="size">Slots; a power of two, at least 2.</param>
    public NameCache(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), "The size must be a power of two, at least 2.");
        _slots = new (string?, TValue)[size];
        _pairMask = size - 2;
    }

    public bool TryGet(string name, [MaybeNullWhen(false)] out TValue value)
    {
        var pair = Pair(name);
        if (ReferenceEquals(_slots[pair].Name, name))
        {
            value = _slots[pair].Value;
            return true;
        }
        if (ReferenceEquals(_slots[pair + 1].Name, name))
        {
            value = _slots[pair + 1].Value;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Puts the name first in its pair; the one it displaces moves second, and the second is dropped.</summary>
    public void Set(string name, TValue value)
    {
        var pair = Pair(name);
        _slots[pair + 1] = _slots[pair];
        _slots[pair] = (name, value);
    }

    public void Clear() => Array.Clear(_slots);

    /// <summary>Starts loading the slots where <paramref name="name"/> would be (see <see cref="CacheHint"/>).</summary>
    public void Prefetch(string name) => CacheHint.Prefetch(ref _slots[Pair(name)]);

    // The instance's address, not its characters: no hashing, no call, not even a read of the string. A compacting
    // collection that moves the string only makes it miss (the check is by reference), and it is cached again where it now is.
    private int Pair(string name) => (int)((ulong)Unsafe.As<string, nint>(ref name) * 0x9E3779B97F4A7C15UL >> 40) & _pairMask;
}
