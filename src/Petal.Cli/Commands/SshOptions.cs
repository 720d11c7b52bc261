using System.CommandLine;
using Petal.Verify.Transport;

namespace Petal.Cli.Commands;

/// <summary>The SSH flags of commands that reach a head node (`petal test`, `petal spot run`): overrides of what petal recorded.</summary>
/// <param name="hostDescription">What --host replaces for this command.</param>
public sealed class SshOptions(string hostDescription)
{
    private readonly Option<string?> _keyFile = new("--key-file", "-i")
    {
        Description = "Private key for SSH to the head node (default: ssh-agent's keys (SSH_AUTH_SOCK), ~/.ssh/<key-name>.pem of an AWS cluster, ~/.ssh/id_*)",
    };
    private readonly Option<string?> _host = new("--host") { Description = hostDescription };
    private readonly Option<int> _port = new("--port") { Description = "SSH port", DefaultValueFactory = _ => 22 };
    private readonly Option<string?> _user = new("--user") { Description = "SSH user (default: the OS's login user: ec2-user, ubuntu, rocky)" };
    private readonly Option<string?> _hostKey = new("--host-key-sha256") { Description = "Expected SHA-256 fingerprint of the head node's host key (default: trust the first key seen)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _keyFile, _host, _port, _user, _hostKey })
            command.Options.Add(option);
    }

    public ShellRequest Request(ParseResult parse) => new()
    {
        Host = parse.GetValue(_host), Port = parse.GetValue(_port), User = parse.GetValue(_user), KeyFile = parse.GetValue(_keyFile),
        HostKeySha256 = parse.GetValue(_hostKey),
    };
}
