using System.Buffers;
using System.Collections.Concurrent;
using CityOps.CaseApi.Persistence;
using CityOps.Cases.Cases.Intake;
using CityOps.Workflows.Persistence;
using Microsoft.Win32.SafeHandles;

namespace CityOps.CaseApi.Endpoints;

/// <summary>
/// Photos on disk as <c>&lt;data folder&gt;/photos/&lt;shard&gt;/&lt;case&gt;-&lt;photo&gt;.&lt;ext&gt;</c>, the shard being
/// the case id's last two hex digits (256 folders at most; case ids begin with their creation time, see
/// <see cref="RowId"/>, so their first digits would put years of photos in one folder): at most 10 MB each, JPEG, PNG or WebP as recognised by
/// their first bytes (the declared content type and file name are not trusted). A photo's path relative to
/// <c>photos</c> is stored with it, so photos filed under the earlier layout (a folder per case) are still found.
/// </summary>
/// <remarks>
/// A folder per case cost a directory per case: on the development machine's disk every new directory or file costs
/// 0.5–0.8 ms of kernel CPU (ext4 looking for a free inode among recently deleted ones), a third of the file-system
/// cost of a case loop, and a million cases a year made a million folders. A shard folder is created once and
/// remembered; one removed behind the store's back is created again. A file is written through its handle (new name,
/// so <c>CreateNew</c>: no truncate, no lock, no user-space buffer).
/// </remarks>
internal sealed class CasePhotoStore(ResolvedDatabase database, TimeProvider time)
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private const int CopyBuffer = 64 * 1024;

    private readonly ConcurrentDictionary<string, byte> _folders = new(StringComparer.Ordinal);

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

        var caseName = caseId.ToString("N");
        var shard = caseName[^2..];
        var folder = Path.Combine(Root, shard);
        if (_folders.TryAdd(shard, 0))
        {
            Directory.CreateDirectory(folder);
        }

        var saved = new List<PhotoFile>();
        foreach (var (file, contentType, extension) in accepted)
        {
            var id = RowId.New(time.GetUtcNow());
            var relative = Path.Combine(shard, $"{caseName}-{id:N}{extension}");
            await WriteAsync(Path.Combine(Root, relative), folder, file, cancellationToken);
            saved.Add(new PhotoFile(id, contentType, file.Length, relative));
        }

        return (saved, []);
    }

    private static async Task WriteAsync(string path, string folder, IFormFile file, CancellationToken cancellationToken)
    {
        SafeFileHandle target;
        try
        {
            target = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(folder);
            target = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(file.Length, CopyBuffer));
        try
        {
            using (target)
            {
                await using var source = file.OpenReadStream();
                long offset = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    RandomAccess.Write(target, buffer.AsSpan(0, read), offset);
                    offset += read;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
