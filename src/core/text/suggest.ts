/** Edit distance (Levenshtein, with adjacent transpositions) between two strings. */
export function editDistance(a: string, b: string): number {
  return editDistanceWithin(a, b, Number.POSITIVE_INFINITY);
}

/** editDistanceWithin's rows, kept between calls. */
let rows = new Int32Array(96);

/**
 * The edit distance of `editDistance` when it is at most `limit`, else some number above
 * `limit`: the rows stop as soon as two in a row exceed it everywhere (a cell is at least the
 * least of the row before it, or of the row before that plus one), which spares most of the
 * work of comparing a word with a large vocabulary.
 */
export function editDistanceWithin(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  if (Math.abs(m - n) > limit) return limit + 1;
  // The three rows (the one before last, the last, this one) live in one array kept between
  // calls, at offsets that rotate: a typo is compared with hundreds of words, and three new
  // arrays for each were most of the garbage its suggestions made.
  const width = n + 1;
  if (rows.length < 3 * width) rows = new Int32Array(Math.max(3 * width, 2 * rows.length));
  const r = rows;
  let prev2 = 0;
  let prev = width;
  let row = 2 * width;
  for (let j = 0; j <= n; j++) r[prev + j] = j;
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    r[row] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = (r[prev + j] as number) + 1;
      const left = (r[row + j - 1] as number) + 1;
      if (left < best) best = left;
      const diagonal = (r[prev + j - 1] as number) + cost;
      if (diagonal < best) best = diagonal;
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        const swap = (r[prev2 + j - 2] as number) + 1;
        if (swap < best) best = swap;
      }
      r[row + j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit && prevMin > limit) return limit + 1;
    prevMin = rowMin;
    const free = prev2;
    prev2 = prev;
    prev = row;
    row = free;
  }
  return r[prev + n] as number;
}

/**
 * Whether `localeCompare` orders strings of lower-case ASCII letters and digits as their code
 * points do, judged from the environment alone. It does in ICU's root collation and in every
 * English locale (digits before letters, letters in alphabetical order, a prefix before the
 * longer string; `en-US-POSIX` orders all of ASCII by code point), but not in every locale
 * (Danish sorts "aa" after "z", Lithuanian "y" right after "i"). ICU takes the default locale
 * from LC_ALL, LC_MESSAGES or LANG; V8 can be given another with `--icu-locale`. So this says
 * yes only when no such variable names anything but C, POSIX or English and no flag names a
 * locale: anything else keeps `localeCompare`.
 */
export function codePointOrderHolds(
  env: Record<string, string | undefined>,
  flags: readonly string[],
): boolean {
  if ([...flags, env.NODE_OPTIONS ?? ''].some((f) => f.includes('icu-locale'))) return false;
  for (const [name, value] of Object.entries(env)) {
    if ((name === 'LANG' || name.startsWith('LC_')) && value && !ENGLISH_OR_POSIX.test(value))
      return false;
  }
  return true;
}

/** C, POSIX or English (`en`, `en_GB`, `en_US_POSIX`, `en-150`), with any encoding. */
const ENGLISH_OR_POSIX =
  /^(?:C|POSIX|en(?:[_-](?:[A-Za-z]{2}|[0-9]{3}))?(?:[_-]POSIX)?)(?:\.[A-Za-z0-9_-]+)?$/;

const LOWER_ASCII_WORD = /^[a-z0-9]*$/;

let codePoints: boolean | undefined;

/**
 * `a.localeCompare(b)`, without ICU for two words of lower-case ASCII letters and digits where
 * the locale orders those by code point (see codePointOrderHolds): the first `localeCompare`
 * of a process makes ICU's collator, some 7 ms on this project's machines, a tenth of a bare
 * `node` start. The sign is what counts.
 */
export function compareWords(a: string, b: string): number {
  codePoints ??= codePointOrderHolds(process.env, process.execArgv);
  if (codePoints && LOWER_ASCII_WORD.test(a) && LOWER_ASCII_WORD.test(b))
    return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

/**
 * The candidates closest to `input`, best first: those within a distance that grows with the
 * input's length, or that contain it or are contained in it. `key` folds both sides. Only the
 * best `max` are kept as they come (nearest first, then in `localeCompare` order, then in the
 * order given, as a stable sort of them all would put them): `localeCompare` is slow (see
 * compareWords), and a typo checked against a large vocabulary can leave hundreds of
 * candidates within reach.
 */
export function closest(
  input: string,
  candidates: string[],
  max = 3,
  key = (s: string) => s.toLowerCase(),
): string[] {
  if (!(max > 0)) return [];
  const needle = key(input);
  const budget = Math.max(2, Math.floor(needle.length / 3));
  const top: { candidate: string; distance: number }[] = [];
  const before = (a: { candidate: string; distance: number }, b: typeof a) =>
    a.distance - b.distance || compareWords(a.candidate, b.candidate);
  for (const candidate of new Set(candidates)) {
    const hay = key(candidate);
    let distance = editDistanceWithin(needle, hay, budget);
    if (distance > budget && needle.length >= 3 && (hay.includes(needle) || needle.includes(hay))) {
      distance = budget;
    }
    if (distance > budget) continue;
    const entry = { candidate, distance };
    if (top.length >= max && before(entry, top[top.length - 1] as typeof entry) >= 0) continue;
    let k = top.length;
    while (k > 0 && before(entry, top[k - 1] as typeof entry) < 0) k--;
    top.splice(k, 0, entry);
    if (top.length > max) top.pop();
  }
  return top.map((s) => s.candidate);
}
