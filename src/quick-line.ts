/**
 * The command lines the quick bundle answers (src/quick-search.ts; src/entry.ts routes them):
 * `armru [--data PATH]... search WORDS...`, where no word starts with `-` (so no option, no
 * `--`), and each `--data` (`--data PATH` or `--data=PATH`) comes before `search` with a path
 * that is not empty and does not start with `-`. The dataset paths it names, in order, and the
 * words; undefined for any other line, which the full CLI reads with commander.
 *
 * Kept apart and free of imports: the entry reads it on every run, before any bundle loads.
 */
export function quickLine(
  args: readonly string[],
): { data: string[]; words: string[] } | undefined {
  const data: string[] = [];
  let at = 0;
  while (at < args.length) {
    const arg = args[at] as string;
    let path: string | undefined;
    if (arg === '--data') {
      path = args[at + 1];
      at += 2;
    } else if (arg.startsWith('--data=')) {
      path = arg.slice('--data='.length);
      at += 1;
    } else break;
    if (path === undefined || path === '' || path.startsWith('-')) return undefined;
    data.push(path);
  }
  if (args[at] !== 'search' || at + 1 >= args.length) return undefined;
  const words = args.slice(at + 1);
  for (const word of words) if (word.startsWith('-')) return undefined;
  return { data, words };
}
