namespace Petal.Cli;

/// <summary>
/// Shell completion through System.CommandLine's suggest directive: the shell passes the line and the cursor
/// position as <c>petal "[suggest:POS]" "LINE"</c> and petal prints one completion per line (commands, options,
/// and the values an option or argument accepts).
/// </summary>
public static class CompletionScripts
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "fish"];

    public static string For(string shell) => shell switch
    {
        "bash" => """
            # petal completion for bash: eval "$(petal completion bash)" (e.g. in ~/.bashrc)
            _petal_complete() {
              local IFS=$'\n'
              COMPREPLY=($(compgen -W "$(petal "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
            }
            complete -o default -F _petal_complete petal

            """,
        "zsh" => """
            # petal completion for zsh: eval "$(petal completion zsh)" (e.g. in ~/.zshrc, after compinit)
            _petal_complete() {
              local -a completions
              completions=("${(@f)$(petal "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
              compadd -a completions
            }
            compdef _petal_complete petal

            """,
        "fish" => """
            # petal completion for fish: petal completion fish > ~/.config/fish/completions/petal.fish
            complete -c petal -f -a '(set -l line (commandline -cp); petal "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null)'

            """,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "bash, zsh or fish"),
    };
}
