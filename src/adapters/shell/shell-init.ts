// `eval "$(pyenv init -)"`: the output of a well-known tool's shell-initialisation command is that tool's own
// environment set-up (PATH shims, hooks, agent sockets), not text the agent chose. Only a single plain command
// whose tool and subcommand are listed here qualifies; anything else in the substitution stays unknowable.

/** Tools whose listed first words print shell initialisation code meant for `eval`. */
const SHELL_INIT: Record<string, readonly string[]> = {
  pyenv: ['init', 'virtualenv-init'],
  rbenv: ['init'],
  nodenv: ['init'],
  goenv: ['init'],
  jenv: ['init'],
  plenv: ['init'],
  phpenv: ['init'],
  direnv: ['hook'],
  'ssh-agent': ['-s', '-c', ''],
  minikube: ['docker-env', 'podman-env'],
  starship: ['init'],
  zoxide: ['init'],
  fnm: ['env'],
  mise: ['activate', 'env'],
  rtx: ['activate'],
  brew: ['shellenv'],
  opam: ['env', 'config'],
  dircolors: ['-b', '-c', ''],
  thefuck: ['--alias'],
  atuin: ['init'],
  'gpg-agent': ['--daemon'],
  keychain: ['--eval'],
  conda: ['shell.bash', 'shell.zsh'],
  'docker-machine': ['env'],
};

const STANDARD_BIN =
  /^\/(?:usr\/(?:local\/)?s?bin|s?bin|opt\/homebrew\/bin|home\/linuxbrew\/\.linuxbrew\/bin|opt\/local\/bin)\/[\w.-]+$/;

/** True when `text` is `$(tool init …)` (or backticks) for a listed tool: eval of its own initialisation code. */
export function isShellInit(text: string): boolean {
  const inner = /^"?(?:\$\(([^()]*)\)|`([^`]*)`)"?$/.exec(text.trim());
  const body = (inner?.[1] ?? inner?.[2] ?? '').trim();
  // one plain command: no separators, redirections, expansions or quotes that could carry more
  if (body === '' || /[;&|<>$`'"\\\n(){}]/.test(body)) return false;
  const [word = '', first = ''] = body.split(/\s+/);
  // `/opt/homebrew/bin/brew shellenv`: a tool named by its place in a standard bin folder is the same tool a PATH
  // lookup of its bare name finds there; any other path (`./bin/brew`) may be a file the agent wrote
  const tool = STANDARD_BIN.test(word) ? word.replace(/^.*\//, '') : word;
  return SHELL_INIT[tool]?.includes(first) ?? false;
}
