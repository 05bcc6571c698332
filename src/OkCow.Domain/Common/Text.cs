using System.Globalization;

namespace OkCow.Domain.Common;

public static class Text
{
    /// <summary>Characters as a person counts them (grapheme clusters), so a length limit means the same at the edge and here.</summary>
    public static int CharacterCount(string text) => new StringInfo(text).LengthInTextElements;
}
