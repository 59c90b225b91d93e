import { fstatSync, statSync } from 'node:fs';

/**
 * Whether file descriptor 1 or 2 is a terminal, asking Node (`ask`, which makes
 * process.stdout or process.stderr) only when nothing cheaper can tell. Making either stream
 * for a pipe or a file loads Node's stream modules, some 5 ms of a short command. Only a
 * character device can be a terminal, so a pipe or a file is answered by one fstat; and
 * /dev/null, where benchmark tools (hyperfine) and scheduled jobs send output, is a character
 * device that is never one, told by its device number. Shared by the entry (src/entry.ts) and
 * the CLI (cli-process.ts).
 */
export function fdIsTerminal(fd: 1 | 2, ask: () => boolean): boolean {
  let device: number;
  try {
    const stats = fstatSync(fd);
    if (!stats.isCharacterDevice()) return false;
    device = stats.rdev;
  } catch {
    return false;
  }
  try {
    if (statSync('/dev/null').rdev === device) return false;
  } catch {
    // No /dev/null (Windows): Node knows.
  }
  return ask();
}
