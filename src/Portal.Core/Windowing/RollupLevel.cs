namespace Portal.Core.Windowing;

/// <summary>The stored resolutions of window results. The numbers are stored in columns: do not renumber.</summary>
public enum RollupLevel : short
{
    Second = 0,
    Minute = 1,
    Hour = 2,
}
