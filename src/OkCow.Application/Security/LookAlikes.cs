using System.Text;

namespace OkCow.Application.Security;

/// <summary>
/// Unicode compatibility folding (NFKC) for names and login ids, so that look-alikes of a taken name are taken too.
/// The app runs with invariant globalization, where the runtime may leave NFKC undone; the full-width and
/// ideographic forms (the common look-alikes of ASCII) are then folded here, which NFKC would do the same way.
/// </summary>
public static class LookAlikes
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized;
        try
        {
            normalized = text.Normalize(NormalizationForm.FormKC);
        }
        catch (PlatformNotSupportedException)
        {
            normalized = text;
        }

        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            builder.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFF01 + 0x21),
                '\u3000' => ' ',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
