namespace InfoFunctions.DirectoryFeature;

public sealed class UnitStore(TableServiceClient tables)
    : KeyedStore<Unit, UnitEntity>(tables, StorageNames.Tables.Units, "unit")
{
    protected override bool IsActive(Unit value) => value.Active;
    protected override UnitEntity ToEntity(Unit u) => UnitEntity.Of(Partition, u);
    protected override Unit FromEntity(UnitEntity e) => e.ToUnit();
}
