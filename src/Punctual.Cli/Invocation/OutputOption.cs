using System.CommandLine;

namespace Punctual.Cli.Invocation;

/// <summary>--output table|json: tables for people, the API's JSON (pretty) for scripts.</summary>
internal static class OutputOption
{
    public const string Table = "table";
    public const string Json = "json";

    public static Option<string> Create()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format",
            DefaultValueFactory = _ => Table,
        };
        option.AcceptOnlyFromAmong(Table, Json);
        return option;
    }

    public static bool IsJson(this ParseResult parse, Option<string> option) => parse.GetValue(option) == Json;
}
