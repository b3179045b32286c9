namespace InfoFunctions.DirectoryFeature;

public enum CarrierKind
{
    Website,
    Periodical,
}
