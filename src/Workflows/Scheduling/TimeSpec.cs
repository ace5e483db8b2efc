using System.Globalization;
using System.Text.Json;
using System.Xml;

namespace CityOps.Workflows.Scheduling;

/// <summary>Reads a time input that is either an ISO-8601 duration (<c>PT4H</c>) or an instant.</summary>
internal static class TimeSpec
{
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (!text.StartsWith('P'))
        {
            return false;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryParseInstant(JsonElement value, out DateTimeOffset instant)
    {
        instant = default;
        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }
}
