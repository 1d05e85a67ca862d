using Punctual.Core.Gates;

namespace Punctual.Core.Definitions;

/// <summary>Reads the <c>gate</c> a job or task names. Whether that gate exists is checked where gates are stored.</summary>
internal static class GateReference
{
    public static string? Read(ObjectReader reader)
    {
        var gate = reader.String("gate", maxLength: GateNames.MaxLength + 1);
        if (gate is not null && !GateNames.TryValidate(gate, out var error))
        {
            reader.Error("gate", error);
            return null;
        }

        return gate;
    }
}
