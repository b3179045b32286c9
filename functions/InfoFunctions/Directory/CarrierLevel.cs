namespace InfoFunctions.DirectoryFeature;

public enum CarrierLevel
{
    Provincial,
    Municipal,
}
