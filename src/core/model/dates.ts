import type { When } from './types.js';

/** How precisely a date is known. */
export type Precision = 'year' | 'month' | 'day' | 'interval';

/** The precision of an ISO partial date or interval (`2018`, `2019-10`, `2019-10-29`, `A/B`). */
export function precisionOf(date: string): Precision {
  if (date.includes('/')) return 'interval';
  const dash = date.indexOf('-');
  return dash === -1 ? 'year' : date.indexOf('-', dash + 1) === -1 ? 'month' : 'day';
}

/**
 * Orders dates by their start; at the same start, the less precise first (2018 before
 * 2018-07-26), which is what plain string order of ISO dates gives.
 */
export function compareDates(a: When, b: When): number {
  const start = (w: When) => w.date.split('/')[0] ?? w.date;
  return start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : 0;
}
