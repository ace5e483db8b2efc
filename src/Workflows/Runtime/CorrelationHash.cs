using System.Security.Cryptography;
using System.Text;

namespace CityOps.Workflows.Runtime;

/// <summary>Hash of a stimulus name and correlation key: one short indexed column matches both.</summary>
internal static class CorrelationHash
{
    public static string Compute(string name, string? correlationKey)
    {
        // The separator cannot occur in either part's length prefix, so ("a","bc") and ("ab","c") differ.
        var text = $"{name.Length}:{name}|{correlationKey?.Length ?? -1}:{correlationKey}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
