// cogctl completion bash|zsh|fish: prints a completion script. The scripts ask cogctl itself for
// candidates (`cogctl __complete`), so new operations and flags complete without regenerating.

import { defineCommand } from "../src/cli/command.js";
import { UsageError } from "../src/kernel/errors.js";

const SCRIPTS: Record<string, string> = {
  bash: `# cogctl bash completion. Add to ~/.bashrc:  source <(cogctl completion bash)
_cogctl_complete() {
  local IFS=$'\\n'
  COMPREPLY=( $(cogctl __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) )
}
complete -o default -F _cogctl_complete cogctl
`,
  zsh: `#compdef cogctl
# cogctl zsh completion. Add to ~/.zshrc:  source <(cogctl completion zsh)
_cogctl() {
  local -a candidates
  candidates=("\${(@f)$(cogctl __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -- \${candidates[@]}
}
compdef _cogctl cogctl
`,
  fish: `# cogctl fish completion. Save as ~/.config/fish/completions/cogctl.fish
function __cogctl_complete
  set -l words (commandline -opc)[2..-1] (commandline -ct)
  cogctl __complete $words 2>/dev/null
end
complete -c cogctl -f -a '(__cogctl_complete)'
`,
};

export default defineCommand({
  name: "completion",
  summary: "Print a shell completion script (bash, zsh or fish)",
  examples: [
    { summary: "Enable completion in the current bash", args: ["completion", "bash"] },
    { summary: "Install completion for fish", args: ["completion", "fish"] },
  ],
  configure(cmd) {
    cmd.argument("<shell>", "bash, zsh or fish");
  },
  async run(_opts, args, ctx) {
    const shell = args[0];
    const script = SCRIPTS[shell];
    if (!script)
      throw new UsageError(`Unknown shell '${shell}'. Use one of: ${Object.keys(SCRIPTS).join(", ")}.`);
    ctx.io.stdout.write(script);
  },
});
