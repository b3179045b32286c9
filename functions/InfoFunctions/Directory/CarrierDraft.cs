using InfoFunctions.Platform;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using InfoFunctions.Identity;

namespace InfoFunctions.DirectoryFeature;

public sealed record CarrierDraft(string? Id, string Name, CarrierLevel Level, CarrierKind Kind, bool? Active);
