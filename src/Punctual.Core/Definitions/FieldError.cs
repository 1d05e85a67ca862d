namespace Punctual.Core.Definitions;

/// <summary>One thing wrong with user input: the dotted path of the field and the reason, in plain words.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}

/// <summary>Collects every error in a document instead of stopping at the first, so a user fixes them in one go.</summary>
public sealed class FieldErrors
{
    /// <summary>More errors than this are not useful to anyone; a hostile document could produce millions.</summary>
    public const int Max = 100;

    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> All => _errors;

    public bool Any => _errors.Count > 0;

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (_errors.Count < Max)
        {
            _errors.Add(new FieldError(field, message));
        }
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

/// <summary>The result of reading user input: a value, or the errors that prevented it.</summary>
public sealed record ReadResult<T>(T? Value, IReadOnlyList<FieldError> Errors)
    where T : class
{
    public bool Ok => Value is not null && Errors.Count == 0;
}
