using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace Petal.Verify.Transport;

/// <summary>
/// The keys an ssh-agent holds, as SSH.NET key sources (SSH.NET has no agent support of its own). The agent signs
/// each authentication request (draft-miller-ssh-agent: REQUEST_IDENTITIES, SIGN_REQUEST over SSH_AUTH_SOCK);
/// petal never sees a private key.
/// </summary>
public static class SshAgent
{
    public const string SocketVariable = "SSH_AUTH_SOCK";
    private const byte Failure = 5, RequestIdentities = 11, IdentitiesAnswer = 12, SignRequest = 13, SignResponse = 14;
    private const uint RsaSha256 = 2, RsaSha512 = 4;

    /// <summary>The keys of the agent at <paramref name="socket"/>, or none when no agent answers there.</summary>
    public static IReadOnlyList<IPrivateKeySource> Keys(string socket)
    {
        if (!File.Exists(socket)) return [];
        byte[] answer;
        try { answer = Call(socket, [RequestIdentities]); }
        catch (Exception e) when (e is SocketException or IOException) { return []; }
        if (answer[0] != IdentitiesAnswer) return [];
        var reader = new Reader(answer, 1);
        var count = reader.UInt32();
        var keys = new List<IPrivateKeySource>();
        for (var i = 0; i < count; i++)
        {
            var blob = reader.String();
            reader.String(); // comment
            keys.Add(new AgentKey(socket, blob));
        }
        return keys;
    }

    /// <summary>One request and its answer; each on its own connection, so a key source is safe to use from any thread.</summary>
    private static byte[] Call(string socket, byte[] request)
    {
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        s.Connect(new UnixDomainSocketEndPoint(socket));
        using var stream = new NetworkStream(s);
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)request.Length);
        stream.Write(length);
        stream.Write(request);
        stream.ReadExactly(length);
        var answer = new byte[BinaryPrimitives.ReadUInt32BigEndian(length)];
        stream.ReadExactly(answer);
        return answer.Length > 0 ? answer : [Failure];
    }

    private static byte[] SshString(byte[] value)
    {
        var bytes = new byte[4 + value.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value.Length);
        value.CopyTo(bytes, 4);
        return bytes;
    }

    private sealed class AgentKey(string socket, byte[] blob) : IPrivateKeySource
    {
        /// <summary>RSA keys sign with SHA-2 (ssh-rsa's SHA-1 is refused by current servers); other types as they are.</summary>
        public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; } = Algorithms(socket, blob, new Reader(blob, 0).Text());

        private static HostAlgorithm[] Algorithms(string socket, byte[] blob, string type) => type == "ssh-rsa"
            ? [new AgentAlgorithm(socket, "rsa-sha2-512", blob, RsaSha512), new AgentAlgorithm(socket, "rsa-sha2-256", blob, RsaSha256)]
            : [new AgentAlgorithm(socket, type, blob, 0)];
    }

    private sealed class AgentAlgorithm(string socket, string name, byte[] blob, uint flags) : HostAlgorithm(name)
    {
        public override byte[] Data => blob;

        /// <summary>The agent's answer is the SSH signature blob (format name + signature), which is what SSH.NET sends.</summary>
        public override byte[] Sign(byte[] data)
        {
            var flagBytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(flagBytes, flags);
            var answer = Call(socket, [SignRequest, .. SshString(blob), .. SshString(data), .. flagBytes]);
            if (answer[0] != SignResponse)
                throw new Renci.SshNet.Common.SshAuthenticationException($"ssh-agent refused to sign with its {Name} key");
            return new Reader(answer, 1).String();
        }

        public override bool VerifySignature(byte[] data, byte[] signature) =>
            throw new NotSupportedException("an agent key only signs");
    }

    /// <summary>Reads the agent protocol's big-endian uint32 and length-prefixed strings.</summary>
    private sealed class Reader(byte[] buffer, int offset)
    {
        public uint UInt32()
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(offset, 4));
            offset += 4;
            return value;
        }

        public byte[] String()
        {
            var length = (int)UInt32();
            var value = buffer.AsSpan(offset, length).ToArray();
            offset += length;
            return value;
        }

        public string Text() => Encoding.ASCII.GetString(String());
    }
}
