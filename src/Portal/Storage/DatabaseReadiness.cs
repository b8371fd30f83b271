namespace Portal.Storage;

/// <summary>Set once the database is reachable and migrated; /readyz and the ingest endpoints consult it.</summary>
public sealed class DatabaseReadiness
{
    private volatile bool _migrated;

    public bool IsMigrated => _migrated;

    public void MarkMigrated() => _migrated = true;
}
