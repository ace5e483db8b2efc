using Microsoft.JSInterop;

namespace CityOps.Designer.Interop;

/// <summary>Saves text as a file in the browser (wwwroot/designer.js).</summary>
public sealed class FileDownload(IJSRuntime js)
{
    public ValueTask SaveAsync(string fileName, string text, CancellationToken cancellationToken) =>
        js.InvokeVoidAsync("cityopsDesigner.download", cancellationToken, fileName, text);
}
