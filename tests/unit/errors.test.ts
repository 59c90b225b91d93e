import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli.js';
import { ArmruError, problemLine } from '../../src/core/model/errors.js';

describe('errors and exit statuses', () => {
  it('prints a problem as one line from its fields', () => {
    expect(
      problemLine({
        file: 'a.claims.json',
        code: 'check',
        path: '$.claims[2].actors[0]',
        claimId: 'c03',
        message: 'no entity has the id "x"',
      }),
    ).toBe('a.claims.json: $.claims[2].actors[0]: no entity has the id "x" (claim c03)');
    expect(
      problemLine({ file: 'b.json', code: 'json', line: 7, column: 5, message: 'invalid JSON' }),
    ).toBe('b.json:7:5: invalid JSON');
    const error = new ArmruError('bad-data', 'summary', {
      problems: [{ file: 'f', code: 'io', message: 'gone' }],
    });
    expect(error.problems).toEqual(['f: gone']);
  });

  it('maps an internal error to its own status, 70, not the 2 of bad input', async () => {
    let stderr = '';
    const status = await main(['node', 'armru', 'stats'], {
      stdout: {
        isTTY: false,
        write: () => {
          throw new TypeError('a bug in a printer');
        },
      },
      stderr: { write: (s: string) => (stderr += s), isTTY: false },
      env: {},
    });
    expect(status).toBe(EXIT.internal);
    expect(status).toBe(70);
    expect(stderr).toBe(
      'armru: internal error: a bug in a printer\nSet DEBUG=1 to see where it happened.\n',
    );
  });

  it('keeps exit status 2 for bad data and usage', async () => {
    const quiet = { write: () => true, isTTY: false };
    expect(
      await main(['node', 'armru', 'show', 'nope'], { stdout: quiet, stderr: quiet, env: {} }),
    ).toBe(2);
    expect(await main(['node', 'armru', 'nope'], { stdout: quiet, stderr: quiet, env: {} })).toBe(
      2,
    );
  });
});
