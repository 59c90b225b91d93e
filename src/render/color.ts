import type { ChalkInstance } from 'chalk';

/** The `--color` setting: `auto` defers to the environment and the stream. */
export type ColorMode = 'auto' | 'always' | 'never';
export const COLOR_MODES: readonly ColorMode[] = ['auto', 'always', 'never'];

/**
 * Whether to colour one stream, decided in this order: the `--color` flag, then `NO_COLOR`
 * (any non-empty value), then `FORCE_COLOR` (`0`/`false` off, anything else on), then whether
 * the stream is a terminal (and not a dumb one). chalk's own detection is not used: it reads
 * `--color never` as "on" and ignores NO_COLOR.
 */
export function decideColor(mode: ColorMode, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  return isTTY && env.TERM !== 'dumb';
}

/** The styles printers use, as functions that are identity when colour is off. */
export interface Palette {
  enabled: boolean;
  header: (s: string) => string;
  id: (s: string) => string;
  match: (s: string) => string;
  dim: (s: string) => string;
  kind: (s: string) => string;
  error: (s: string) => string;
  warn: (s: string) => string;
}

const same = (s: string) => s;

/** A palette that leaves text as it is, for output without colour. */
export function plainPalette(): Palette {
  return {
    enabled: false,
    header: same,
    id: same,
    match: same,
    dim: same,
    kind: same,
    error: same,
    warn: same,
  };
}

/** A palette drawing with a chalk instance. */
export function chalkPalette(c: ChalkInstance): Palette {
  return {
    enabled: true,
    header: (s) => c.bold(s),
    id: (s) => c.cyan(s),
    match: (s) => c.bold.red(s),
    dim: (s) => c.dim(s),
    kind: (s) => c.yellow(s),
    error: (s) => c.red(s),
    warn: (s) => c.yellow(s),
  };
}

/**
 * The palette for one stream: chalk at level 1 (16 colours, understood by every colour
 * terminal) when colour is on. chalk (and its terminal detection) is loaded only then, so
 * output to a pipe does not pay for it.
 */
export async function palette(enabled: boolean): Promise<Palette> {
  if (!enabled) return plainPalette();
  const { Chalk } = await import('chalk');
  return chalkPalette(new Chalk({ level: 1 }));
}
