using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace InfoFunctions.Infra.Tests;

/// <summary>
/// Evaluates the little of the ARM expression language a snapshot leaves that does not need Azure:
/// string literals, <c>environment().a.b</c>, <c>format()</c> and <c>concat()</c>. Anything else
/// (e.g. <c>reference()</c>) throws, so a test cannot pass on an expression it did not evaluate.
/// </summary>
public static class ArmExpression
{
    public static string Evaluate(string text, JsonObject environment)
    {
        if (!text.StartsWith('[') || text.StartsWith("[[", StringComparison.Ordinal)) return text;
        var parser = new Parser(text[1..^1], environment);
        var value = parser.Expression();
        parser.End();
        return value;
    }

    private sealed class Parser(string s, JsonObject environment)
    {
        private int _i;

        public void End()
        {
            Skip();
            if (_i != s.Length) throw new NotSupportedException($"Unexpected '{s[_i..]}' in [{s}]");
        }

        public string Expression()
        {
            Skip();
            if (s[_i] == '\'') return Literal();
            var name = Identifier();
            Expect('(');
            var args = new List<string>();
            Skip();
            if (s[_i] != ')')
                do { args.Add(name == "environment" ? "" : Expression()); Skip(); } while (TryTake(','));
            Expect(')');
            return name switch
            {
                "environment" => Path(environment),
                "format" => string.Format(CultureInfo.InvariantCulture, args[0], args.Skip(1).ToArray<object>()),
                "concat" => string.Concat(args),
                _ => throw new NotSupportedException($"{name}() cannot be evaluated offline (in [{s}])"),
            };
        }

        private string Path(JsonNode? node)
        {
            while (TryTake('.')) node = node?[Identifier()];
            return node is JsonValue v ? v.ToString() : throw new NotSupportedException($"environment() path in [{s}]");
        }

        private string Literal()
        {
            var sb = new StringBuilder();
            _i++;
            while (true)
            {
                if (s[_i] == '\'' && _i + 1 < s.Length && s[_i + 1] == '\'') { sb.Append('\''); _i += 2; }
                else if (s[_i] == '\'') { _i++; return sb.ToString(); }
                else sb.Append(s[_i++]);
            }
        }

        private string Identifier()
        {
            var start = _i;
            while (_i < s.Length && char.IsLetterOrDigit(s[_i])) _i++;
            return s[start.._i];
        }

        private void Expect(char c)
        {
            Skip();
            if (!TryTake(c)) throw new NotSupportedException($"Expected '{c}' at {_i} in [{s}]");
        }

        private bool TryTake(char c)
        {
            Skip();
            if (_i < s.Length && s[_i] == c) { _i++; return true; }
            return false;
        }

        private void Skip()
        {
            while (_i < s.Length && s[_i] == ' ') _i++;
        }
    }
}

/// <summary>The parts of each cloud's <c>environment()</c> the template uses (<c>az cloud show</c>).</summary>
public static class CloudEnvironments
{
    public static JsonObject Of(string cloud) => cloud switch
    {
        "AzureCloud" => Make(cloud, "https://login.microsoftonline.com/", "core.windows.net", ".vault.azure.net"),
        "AzureChinaCloud" => Make(cloud, "https://login.chinacloudapi.cn/", "core.chinacloudapi.cn", ".vault.azure.cn"),
        _ => throw new ArgumentOutOfRangeException(nameof(cloud), cloud, null),
    };

    private static JsonObject Make(string name, string login, string storage, string keyVault) => new()
    {
        ["name"] = name,
        ["authentication"] = new JsonObject { ["loginEndpoint"] = login },
        ["suffixes"] = new JsonObject { ["storage"] = storage, ["keyvaultDns"] = keyVault },
    };
}
