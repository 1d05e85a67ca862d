namespace Punctual.Cli.Output;

/// <summary>A "Label:  value" block for one resource's detail; rows without a value are left out.</summary>
internal sealed class Details
{
    private readonly List<(string Label, string Value)> _rows = [];

    public Details Add(string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _rows.Add((label, value));
        }

        return this;
    }

    public void Write(TextWriter output, string indent = "  ")
    {
        var width = _rows.Count == 0 ? 0 : _rows.Max(row => row.Label.Length) + 1;
        foreach (var (label, value) in _rows)
        {
            output.WriteLine($"{indent}{(label + ":").PadRight(width)}  {value}");
        }
    }
}
