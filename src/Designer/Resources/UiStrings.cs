using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace CityOps.Designer.Resources;

/// <summary>Marker for the UI's string table: neutral (zh-CN) in UiStrings.resx, English in UiStrings.en.resx.</summary>
public sealed class UiStrings;
