namespace InfoFunctions.DirectoryFeature;

public sealed record DemoSummary(ImportSummary Units, ImportSummary Carriers, ImportSummary People);
