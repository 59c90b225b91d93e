import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideTool, findOnPath, toolsRequired } from '../tools.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-tools-'));
  for (const [sub, mode] of [
    ['a', 0o755],
    ['b', 0o644],
    ['c', 0o755],
  ] as const) {
    mkdirSync(join(dir, sub));
    writeFileSync(join(dir, sub, 'zsh'), '#!/bin/sh\n');
    chmodSync(join(dir, sub, 'zsh'), mode);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('requireTool', () => {
  it('finds executables in PATH order and ignores files that cannot run', () => {
    const path = [join(dir, 'b'), join(dir, 'a'), join(dir, 'missing'), join(dir, 'c')].join(
      delimiter,
    );
    expect(findOnPath('zsh', path)).toEqual([join(dir, 'a', 'zsh'), join(dir, 'c', 'zsh')]);
    expect(findOnPath('fish', path)).toEqual([]);
  });

  it('skips with the reason locally and fails under CI or ARMRU_REQUIRE_TOOLS', () => {
    const PATH = join(dir, 'a');
    expect(decideTool('zsh', { PATH })).toEqual({ kind: 'found', path: join(dir, 'a', 'zsh') });
    expect(decideTool('dot', { PATH })).toEqual({
      kind: 'skip',
      reason: 'skipped: dot is not on PATH (install the Debian package graphviz, or run .ci/run)',
    });
    const fail = {
      kind: 'fail',
      reason:
        'dot is not on PATH, and ARMRU_REQUIRE_TOOLS or CI says every tool must be there (.ci/run installs the Debian package graphviz)',
    };
    expect(decideTool('dot', { PATH, CI: 'true' })).toEqual(fail);
    expect(decideTool('dot', { PATH, ARMRU_REQUIRE_TOOLS: '1' })).toEqual(fail);
    expect(decideTool('dot', { PATH, CI: 'false' }).kind).toBe('skip');
  });

  it('takes the first candidate that passes a check, and names what is missing', () => {
    const PATH = [join(dir, 'a'), join(dir, 'c')].join(delimiter);
    const works = (path: string) => path.startsWith(join(dir, 'c'));
    const check = { what: 'zsh with a module', pkg: 'zsh-module', works };
    expect(decideTool('zsh', { PATH }, check)).toEqual({
      kind: 'found',
      path: join(dir, 'c', 'zsh'),
    });
    expect(decideTool('zsh', { PATH }, { ...check, works: () => false })).toEqual({
      kind: 'skip',
      reason:
        'skipped: zsh with a module is not on PATH (install the Debian package zsh-module, or run .ci/run)',
    });
  });

  it('reads the switches as on unless empty, 0, false or no', () => {
    for (const value of ['1', 'true', 'TRUE', 'yes'])
      expect(toolsRequired({ CI: value }), value).toBe(true);
    for (const value of ['', '0', 'false', 'no', ' False '])
      expect(toolsRequired({ ARMRU_REQUIRE_TOOLS: value }), value).toBe(false);
    expect(toolsRequired({})).toBe(false);
  });
});
