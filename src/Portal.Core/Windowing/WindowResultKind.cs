namespace Portal.Core.Windowing;

/// <summary>Why a window result was emitted; see <see cref="WindowEngine"/> for the life of a window.</summary>
public enum WindowResultKind : short
{
    /// <summary>The watermark passed the window's end: the first curve point (revision 0).</summary>
    First = 0,
    /// <summary>Records arrived for a window that already emitted: the whole window again with a higher revision.</summary>
    Correction = 1,
    /// <summary>The window left the allowed lateness: its whole aggregate, to persist. Nothing more is added to it.</summary>
    Final = 2,
    /// <summary>Records that arrived after their window was final: only those records, to store beside the final result and merge when read.</summary>
    LateDelta = 3,
}
