using System.IO.Compression;
using System.Text;

namespace Petal.Providers.Aws.Images;

/// <summary>
/// EC2 user data for the build instance. cloud-init accepts gzip-compressed user data, so the script
/// is gzipped; EC2 limits user data to 16 KB before base64, so a larger script is fetched from S3
/// through a short-lived presigned URL by a small fetcher (no instance role needed).
/// </summary>
public static class BuildUserData
{
    public const int LimitBytes = 16 * 1024;

    public static byte[] Gzip(string script)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(script));
        return buffer.ToArray();
    }

    /// <summary>The base64 user data for <paramref name="script"/>, or null when it does not fit.</summary>
    public static string? Encode(string script)
    {
        var gz = Gzip(script);
        return gz.Length <= LimitBytes ? Convert.ToBase64String(gz) : null;
    }

    /// <summary>A script that downloads the real build script from <paramref name="url"/> and runs it.</summary>
    public static string Fetcher(string url)
    {
        if (url.Contains('\'') || url.Contains('\n'))
            throw new ArgumentException("a presigned URL never contains quotes or newlines", nameof(url));
        return $$"""
            #!/bin/bash
            # petal: the image-build script is larger than EC2's user-data limit; fetch it from S3.
            set -euo pipefail
            echo "PETAL_PROGRESS 1 fetching the build script" > /dev/console || true
            curl -fsSL --retry 10 --retry-delay 5 -o /root/petal-image-build.sh '{{url}}' \
              || { echo "PETAL_ERROR cannot download the build script from S3" > /dev/console; exit 1; }
            exec bash /root/petal-image-build.sh

            """;
    }
}
