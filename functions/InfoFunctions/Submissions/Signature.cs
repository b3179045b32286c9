namespace InfoFunctions.Submissions;

/// <summary>The families of file signatures (magic bytes) intake tells apart.</summary>
public enum Signature { Jpeg, Png, Gif, Webp, Pdf, Ole, Zip, Mp4, Text, Unknown }
