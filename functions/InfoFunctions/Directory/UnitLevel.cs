namespace InfoFunctions.DirectoryFeature;

/// <summary>The four levels of the information network named by the seed document.</summary>
public enum UnitLevel
{
    /// <summary>市人大常委会各委室.</summary>
    Committee,
    /// <summary>法检两院 (intermediate court and procuratorate).</summary>
    Judicial,
    /// <summary>县区人大常委会.</summary>
    County,
    /// <summary>乡镇人大, always under a county or district.</summary>
    Township,
}
