import { describe, expect, it } from 'vitest';
// @ts-expect-error: the question runner is plain JavaScript shared with `npm run eval`.
import { ask, loadQuestions, score, splitArgs } from '../questions/ask.mjs';

interface Question {
  ask: string;
  expect: string[];
  within: number;
}

const questions = loadQuestions() as Question[];

describe('the question set (tests/questions/questions.json)', () => {
  it('has at least 40 questions, searches and filters, each expecting claim or agreement ids', () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    const commands = new Set(questions.map((q) => q.ask.split(' ')[0]));
    expect([...commands].sort()).toEqual(['agreements', 'claims', 'search']);
    for (const q of questions) {
      expect(q.expect.length, q.ask).toBeGreaterThan(0);
      expect([3, 5], q.ask).toContain(q.within);
    }
    expect(splitArgs('claims --topic "Gyumri base" --kind quote')).toEqual([
      'claims',
      '--topic',
      'Gyumri base',
      '--kind',
      'quote',
    ]);
  });

  for (const q of questions) {
    it(`armru ${q.ask}  →  ${q.expect.join(', ')} in the first ${q.within}`, () => {
      const { ids, status, stderr } = ask(q);
      expect(status, stderr).toBe(0);
      expect(score(q, ids).missing, `shown: ${ids.slice(0, q.within).join(' ')}`).toEqual([]);
    });
  }
});
