import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionSpec } from '../../src/commands/completion.js';
import { COMMANDS, GLOBAL_OPTIONS } from '../../src/commands/registry.js';
import { armru, ROOT } from '../helpers.js';

// The command declarations are the one source: help, completion, the build and the README
// all follow them, and a command that lacks any part fails here.

const visible = COMMANDS.filter((c) => !c.hidden);
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the command declarations', () => {
  it('give every command a summary, examples that run it, and what it prints in a pipe', () => {
    for (const c of COMMANDS) {
      expect(c.summary, c.name).not.toBe('');
      expect(c.examples.length, c.name).toBeGreaterThan(0);
      const runs = new RegExp(`^(source <\\()?armru (--\\S+ \\S+ )*${c.name}\\b`);
      expect(
        c.examples.some((example) => runs.test(example)),
        c.name,
      ).toBe(true);
      expect(c.pipe, c.name).not.toBe('');
    }
  });

  it('each have a README section', () => {
    for (const c of visible) {
      expect(readme, `README section for ${c.name}`).toMatch(
        new RegExp(`^#{3,4} .*\`armru ${c.name}\\b`, 'm'),
      );
    }
  });

  it('are what --help lists, in that order, with Usage first and examples last', () => {
    const help = armru(['--help']).stdout;
    const section = help.slice(help.indexOf('Commands:'), help.indexOf('Examples:'));
    const listed = [...section.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]);
    expect(listed.filter((name) => name !== 'help')).toEqual(visible.map((c) => c.name));
    for (const c of visible) {
      const own = armru([c.name, '--help']).stdout;
      expect(own.startsWith(`Usage: armru ${c.name}`), c.name).toBe(true);
      expect(own.indexOf('Options:'), c.name).toBeLessThan(own.indexOf('Examples:'));
      // The global options are part of every command's help.
      expect(own, c.name).toContain('--data <path>');
      expect(own, c.name).toContain('--color <when>');
      expect(own.trimEnd().split('\n').at(-1), c.name).toMatch(/\.$/);
      expect(own, c.name).toContain('In a pipe:');
    }
  });

  it('are what the completion scripts complete', () => {
    const spec = completionSpec();
    expect(spec.commands.map((c) => c.name)).toEqual(visible.map((c) => c.name));
    expect(spec.globalOptions.map((o) => o.long)).toEqual([
      ...GLOBAL_OPTIONS.map((o) => /--[a-z-]+/.exec(o.flags)?.[0]),
      '--help',
    ]);
    const search = spec.commands.find((c) => c.name === 'search');
    expect(search?.options.find((o) => o.long === '--actor')?.names).toBe('actors');
    expect(search?.options.find((o) => o.long === '--kind')?.choices).toContain('quote');
  });
});
