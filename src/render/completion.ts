/** What a shell needs to know about one option. */
export interface OptionSpec {
  long?: string;
  short?: string;
  description: string;
  /** Does the option take a value? */
  takesValue: boolean;
  /** The values it accepts, when they are a fixed list. */
  choices?: readonly string[];
  /** Is the value a path? */
  path?: boolean;
  /** Values asked of armru as you type: names of the loaded datasets' actors or topics. */
  names?: NameKind;
}

/** What the hidden completion command lists besides claim ids. */
export const NAME_KINDS = ['actors', 'topics', 'asserters'] as const;
export type NameKind = (typeof NAME_KINDS)[number];

/** What a shell needs to know about one command. */
export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** What its positional arguments are: claim ids, paths, or free text. */
  argument: 'claim-id' | 'path' | 'text' | 'none';
}

/** The whole command line, as the completion scripts describe it. */
export interface CompletionSpec {
  program: string;
  globalOptions: OptionSpec[];
  commands: CommandSpec[];
  /**
   * Hidden command that prints the claim ids of the loaded datasets, one per line; with an
   * argument (`actors`, `topics`, `asserters`) it prints those names, ids and aliases instead.
   */
  idsCommand: string;
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const flagsOf = (o: OptionSpec) => [o.long, o.short].filter((f): f is string => Boolean(f));
const words = (list: readonly string[]) => list.join(' ');

// The --data values already on the line, passed on so ids come from the same datasets.
const BASH_DATA = `local data=() j; for ((j=1; j<\${#COMP_WORDS[@]}; j++)); do [[ \${COMP_WORDS[j]} == --data ]] && data+=(--data "\${COMP_WORDS[j+1]}"); done`;

function bash(spec: CompletionSpec): string {
  const p = spec.program;
  const fn = `_${p}_complete`;
  const names = spec.commands.map((c) => c.name);
  const global = spec.globalOptions.flatMap(flagsOf);
  const valueCases: string[] = [];
  for (const command of [{ name: '*', options: spec.globalOptions }, ...spec.commands]) {
    for (const option of command.options) {
      if (!option.takesValue) continue;
      const pattern = flagsOf(option)
        .map((f) => `${command.name === '*' ? '*' : command.name}:${f}`)
        .join('|');
      const reply = option.choices
        ? `COMPREPLY=($(compgen -W "${words(option.choices)}" -- "$cur"))`
        : option.names
          ? `_${p}_names ${option.names}`
          : option.path
            ? 'COMPREPLY=($(compgen -f -- "$cur"))'
            : 'COMPREPLY=()';
      valueCases.push(`    ${pattern}) ${reply}; return ;;`);
    }
  }
  // Specific commands first so that `export:--format` wins over a global pattern.
  valueCases.sort(
    (a, b) => Number(a.trimStart().startsWith('*')) - Number(b.trimStart().startsWith('*')),
  );
  const optionCases = spec.commands.map(
    (c) => `    ${c.name}) opts="${words([...c.options.flatMap(flagsOf), ...global])}" ;;`,
  );
  const argumentCases = spec.commands
    .filter((c) => c.argument === 'claim-id' || c.argument === 'path')
    .map((c) =>
      c.argument === 'claim-id'
        ? `    ${c.name}) ${BASH_DATA}; COMPREPLY=($(compgen -W "$(${p} "\${data[@]}" ${spec.idsCommand} 2>/dev/null)" -- "$cur")) ;;`
        : `    ${c.name}) COMPREPLY=($(compgen -f -- "$cur")) ;;`,
    );
  return `# bash completion for ${p}; load with: source <(${p} completion bash)
# Names may hold spaces: split the list on newlines only, and escape what is offered.
_${p}_names() {
  ${BASH_DATA}
  local IFS=$'\\n' name
  COMPREPLY=()
  for name in $(compgen -W "$(${p} "\${data[@]}" ${spec.idsCommand} "$1" 2>/dev/null)" -- "$cur"); do
    COMPREPLY+=("$(printf '%q' "$name")")
  done
}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i opts
  for ((i=1; i<COMP_CWORD; i++)); do
    case " ${words(names)} " in *" \${COMP_WORDS[i]} "*) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "\${cmd:-_}:\${prev}" in
${valueCases.join('\n')}
  esac
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "${words([...names, ...global])}" -- "$cur"))
    return
  fi
  case $cmd in
${optionCases.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  case $cmd in
${argumentCases.join('\n')}
  esac
}
complete -o default -F ${fn} ${p}
`;
}

// zsh _arguments specs: brackets, colons and backslashes in descriptions need escaping.
const zshText = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/([[\]:])/g, '\\$1')
    .replace(/'/g, `'\\''`);

function zshOption(p: string, o: OptionSpec): string {
  const flags = flagsOf(o);
  const names = flags.length > 1 ? `'(${flags.join(' ')})'{${flags.join(',')}}` : flags[0];
  const action = !o.takesValue
    ? ''
    : o.choices
      ? `:value:(${words(o.choices)})`
      : o.names
        ? `:name:_${p}_names ${o.names}`
        : o.path
          ? ':path:_files'
          : ':value:';
  return `${names}'[${zshText(o.description)}]${action}'`;
}

function zsh(spec: CompletionSpec): string {
  const p = spec.program;
  const commands = spec.commands.map((c) => `    '${c.name}:${zshText(c.description)}'`);
  const cases = spec.commands.map((c) => {
    const argument =
      c.argument === 'claim-id'
        ? `'1:claim id:_${p}_ids'`
        : c.argument === 'path'
          ? `'*:dataset:_files'`
          : c.argument === 'text'
            ? `'*:query: '`
            : '';
    const specs = [...c.options.map((o) => zshOption(p, o)), ...(argument ? [argument] : [])];
    return `        ${c.name}) _arguments -s ${specs.join(' ')} ;;`;
  });
  return `#compdef ${p}
# zsh completion for ${p}; load with: source <(${p} completion zsh), or save as _${p} on $fpath
# The --data values on the line. Inside a command, _arguments has cut $words down to the
# command's own words, so _${p} keeps the whole line, with a --data given before the command.
_${p}_data() {
  local i
  local -a all
  if (( \${+_${p}_line} )); then all=("\${_${p}_line[@]}"); else all=("\${words[@]}"); fi
  data=()
  for ((i=1; i<\${#all}; i++)); do [[ \${all[i]} == --data ]] && data+=(--data "\${all[i+1]}"); done
}
_${p}_ids() {
  local -a ids data
  _${p}_data
  ids=(\${(f)"$(${p} \${data[@]} ${spec.idsCommand} 2>/dev/null)"})
  _describe 'claim id' ids
}
_${p}_names() {
  local -a names data
  _${p}_data
  names=(\${(f)"$(${p} \${data[@]} ${spec.idsCommand} $1 2>/dev/null)"})
  compadd -a names
}
_${p}() {
  local -a commands
  commands=(
${commands.join('\n')}
  )
  local state line
  local -a _${p}_line
  _${p}_line=("\${words[@]}")
  _arguments -C ${spec.globalOptions.map((o) => zshOption(p, o)).join(' ')} '1: :->command' '*:: :->args'
  case $state in
    command) _describe 'command' commands ;;
    args)
      case $line[1] in
${cases.join('\n')}
      esac ;;
  esac
}
compdef _${p} ${p}
`;
}

const fishText = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishOption(p: string, condition: string, o: OptionSpec): string {
  const asked = o.names ? `(__${p}_ask ${o.names})` : undefined;
  const parts = [`complete -c ${p}`];
  if (condition) parts.push(`-n ${fishText(condition)}`);
  if (o.long) parts.push(`-l ${o.long.replace(/^--/, '')}`);
  if (o.short) parts.push(`-s ${o.short.replace(/^-/, '')}`);
  if (o.takesValue) parts.push(o.path ? '-r -F' : '-r -f');
  if (o.choices) parts.push(`-a ${fishText(words(o.choices))}`);
  if (asked) parts.push(`-a ${fishText(asked)}`);
  parts.push(`-d ${fishText(o.description)}`);
  return parts.join(' ');
}

function fish(spec: CompletionSpec): string {
  const p = spec.program;
  const names = words(spec.commands.map((c) => c.name));
  const lines = [
    `# fish completion for ${p}; load with: ${p} completion fish | source`,
    '# Asks armru for ids and names, with the --data of the command line, as bash and zsh do.',
    `function __${p}_ask`,
    '    set -l tokens (commandline -opc)',
    '    set -l data',
    '    for i in (seq (count $tokens))',
    '        if test "$tokens[$i]" = --data; and test $i -lt (count $tokens)',
    '            set -a data --data $tokens[(math $i + 1)]',
    '        end',
    '    end',
    `    ${p} $data ${spec.idsCommand} $argv 2>/dev/null`,
    'end',
    `complete -c ${p} -f`,
  ];
  for (const c of spec.commands) {
    lines.push(
      `complete -c ${p} -n ${fishText(`not __fish_seen_subcommand_from ${names}`)} -a ${c.name} -d ${fishText(c.description)}`,
    );
  }
  for (const o of spec.globalOptions) lines.push(fishOption(p, '', o));
  for (const c of spec.commands) {
    const seen = `__fish_seen_subcommand_from ${c.name}`;
    for (const o of c.options) lines.push(fishOption(p, seen, o));
    if (c.argument === 'claim-id') {
      lines.push(`complete -c ${p} -n ${fishText(seen)} -f -a ${fishText(`(__${p}_ask)`)}`);
    } else if (c.argument === 'path') {
      lines.push(`complete -c ${p} -n ${fishText(seen)} -F`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The completion script for `shell`. */
export function completionScript(shell: Shell, spec: CompletionSpec): string {
  return shell === 'bash' ? bash(spec) : shell === 'zsh' ? zsh(spec) : fish(spec);
}
