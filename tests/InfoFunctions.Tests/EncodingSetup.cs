using System.Runtime.CompilerServices;
using System.Text;

namespace InfoFunctions.Tests;

internal static class EncodingSetup
{
    /// <summary>
    /// The app registers the code pages (GBK, GB18030) when it is composed; unit tests that touch MimeKit
    /// without an app could otherwise let MimeKit build its charset table first, without them, depending
    /// on which test class runs first. Registering once before any test removes that ordering.
    /// </summary>
    [ModuleInitializer]
    internal static void RegisterCodePages() => InfoFunctions.Platform.ChineseEncodings.Register();
}
