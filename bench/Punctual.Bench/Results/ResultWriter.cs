using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Punctual.Bench.Results;

/// <summary>Prints each line on stdout and appends it (flushed at once) to the results file, so a cut-short run keeps what it measured.</summary>
internal sealed class ResultWriter(string path)
{
    /// <summary>Plain characters ('&gt;', quotes) stay readable; the lines are data files, never embedded in HTML.</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Write(JsonObject line)
    {
        var text = line.ToJsonString(Json);
        Console.Out.WriteLine(text);
        Console.Out.Flush();
        File.AppendAllText(path, text + "\n");
    }
}
