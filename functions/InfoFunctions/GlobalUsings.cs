// Namespaces nearly every feature uses; the rest are imported where used.
global using System.Globalization;
global using System.Text;
global using System.Text.Json;
global using Azure;
global using Azure.Data.Tables;
global using InfoFunctions.Identity;
global using InfoFunctions.Platform;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.Azure.Functions.Worker;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
