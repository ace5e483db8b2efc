using CityOps.CaseApi.Persistence;
using CityOps.Cases.Cases.Intake;

namespace CityOps.CaseApi.Endpoints;

/// <summary>
/// Photos on disk under <c>&lt;data folder&gt;/photos/&lt;case&gt;/</c>: at most 10 MB each, JPEG, PNG or WebP as
/// recognised by their first bytes (the declared content type and file name are not trusted).
/// </summary>
internal sealed class CasePhotoStore(ResolvedDatabase database)
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private string Root => Path.Combine(database.DataFolder, "photos");

    /// <summary>Checks every file first; stores them only when all pass. Errors name the field <c>photos</c>.</summary>
    public async Task<(IReadOnlyList<PhotoFile> Photos, string[] Errors)> SaveAsync(Guid caseId, IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var accepted = new List<(IFormFile File, string ContentType, string Extension)>();
        foreach (var file in files)
        {
            if (file.Length == 0 || file.Length > MaxBytes)
            {
                errors.Add($"'{file.FileName}' is {file.Length} bytes; a photo must have 1 byte to 10 MB.");
                continue;
            }

            var header = new byte[12];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
            }

            if (Sniff(header) is { } type)
            {
                accepted.Add((file, type.ContentType, type.Extension));
            }
            else
            {
                errors.Add($"'{file.FileName}' is not a JPEG, PNG or WebP image.");
            }
        }

        if (errors.Count > 0)
        {
            return ([], [.. errors]);
        }

        var folder = Path.Combine(Root, caseId.ToString("N"));
        Directory.CreateDirectory(folder);
        var saved = new List<PhotoFile>();
        foreach (var (file, contentType, extension) in accepted)
        {
            var id = Guid.NewGuid();
            var relative = Path.Combine(caseId.ToString("N"), $"{id:N}{extension}");
            await using var target = File.Create(Path.Combine(Root, relative));
            await file.CopyToAsync(target, cancellationToken);
            saved.Add(new PhotoFile(id, contentType, file.Length, relative));
        }

        return (saved, []);
    }

    public string PathOf(string storedPath) => Path.Combine(Root, storedPath);

    internal static (string ContentType, string Extension)? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return ("image/jpeg", ".jpg");
        }

        if (header.Length >= 8 && header[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ("image/png", ".png");
        }

        return header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8)
            ? ("image/webp", ".webp")
            : null;
    }
}
