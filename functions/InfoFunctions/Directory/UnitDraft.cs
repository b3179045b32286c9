using InfoFunctions.Platform;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using InfoFunctions.Identity;

namespace InfoFunctions.DirectoryFeature;

public sealed record UnitDraft(string? Id, string Name, UnitLevel Level, string? ParentId, bool? Active);
