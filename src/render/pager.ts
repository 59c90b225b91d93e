import { spawn } from 'node:child_process';

/** The pager command: `ARMRU_PAGER`, then `PAGER`, then `less -FRX`; empty or `cat` means none. */
export function pagerCommand(env: NodeJS.ProcessEnv): string | undefined {
  const command = (env.ARMRU_PAGER ?? env.PAGER ?? 'less -FRX').trim();
  return command === '' || command === 'cat' ? undefined : command;
}

/** Whether a pager command runs `less`, which can be told where to start. */
export function isLess(command: string): boolean {
  const first = command.split(/\s+/)[0] ?? '';
  return first === 'less' || first.endsWith('/less');
}

/**
 * Shows `text` through the user's pager, run by the shell as git does; with `less`, opened
 * at line `startLine` (0-based). When there is no pager, or it cannot be started, the text
 * is written with `fallback` instead, so it is never lost.
 */
export function page(
  text: string,
  env: NodeJS.ProcessEnv,
  startLine: number | undefined,
  fallback: (text: string) => void,
): Promise<void> {
  const command = pagerCommand(env);
  if (!command) {
    fallback(text);
    return Promise.resolve();
  }
  const extra = startLine !== undefined && isLess(command) ? [`+${startLine + 1}g`] : [];
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', `${command} "$@"`, 'sh', ...extra], {
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { LESSCHARSET: 'utf-8', ...env },
    });
    let started = true;
    child.on('error', () => {
      started = false;
      fallback(text);
      resolve();
    });
    // The reader may quit before reading everything: that is not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(text);
    child.on('close', (code) => {
      // 127: the shell found no such command; show the text rather than nothing.
      if (started && code === 127) fallback(text);
      if (started) resolve();
    });
  });
}
