namespace InfoFunctions.DirectoryFeature;

public sealed class CarrierStore(TableServiceClient tables)
    : KeyedStore<Carrier, CarrierEntity>(tables, StorageNames.Tables.Carriers, "carrier")
{
    protected override bool IsActive(Carrier value) => value.Active;
    protected override CarrierEntity ToEntity(Carrier c) => CarrierEntity.Of(Partition, c);
    protected override Carrier FromEntity(CarrierEntity e) => e.ToCarrier();
}
