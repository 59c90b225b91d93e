// fuse.js's fuzzy score of one vocabulary word, computed without fuse.js. The word index asks
// which of its words a fuzzy term matches and how well (see RankedTerms.words): a few hundred
// short words per term. fuse.js answers through its whole search (an index of the words, a
// record per result, a sort), most of which a short command runs as cold code; this computes
// the same numbers for the options the index uses.
//
// With `ignoreLocation`, fuse.js's bitap matcher reduces to this: a text holding the pattern
// scores 0 errors; otherwise it tries 0, 1, 2... errors while errors / length stays within
// the threshold, each time running the bit-parallel automaton over the whole text (from its
// end back to its start) and stopping at the first number of errors that reaches the
// pattern's last bit; the score is errors / length (at least 0.001). It then marks the text
// from the leftmost place found, for the length of the pattern plus the errors, where the
// text's characters occur in the pattern (and every exact occurrence whole), and the match
// counts only when some run of marked characters is at least `minMatch` long.

/** The longest pattern fuse.js matches in one piece (longer ones it cuts, and so must we). */
export const MAX_PATTERN = 32;

/**
 * The score fuse.js gives `text` for `pattern` (a string list searched with `ignoreLocation`,
 * case-sensitive, without diacritics folding, with `threshold` and `minMatchCharLength`
 * `minMatch`): 0 for the pattern itself, else errors / length, at least 0.001; undefined when
 * fuse.js does not match it. For patterns of at most MAX_PATTERN units.
 */
export function bitapScore(
  pattern: string,
  text: string,
  threshold: number,
  minMatch: number,
): number | undefined {
  if (pattern === text) return text.length < minMatch ? undefined : 0;
  const m = pattern.length;
  const n = text.length;
  if (m === 0 || m > MAX_PATTERN) throw new Error(`a pattern of ${m} units`);
  // Each unit of the pattern: the bits of the places where it stands, the first the highest.
  const bits = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    bits.set(c, (bits.get(c) ?? 0) | (1 << (m - i - 1)));
  }
  const marked = new Uint8Array(n);
  let limit = threshold;
  for (let at = text.indexOf(pattern); at > -1; at = text.indexOf(pattern, at + m)) {
    limit = Math.min(0, limit);
    marked.fill(1, at, at + m);
  }
  const last = 1 << (m - 1);
  const end = n + m;
  let found = -1;
  let errors = 0;
  let score = 1;
  let before = new Int32Array(end + 2);
  for (let e = 0; e < m; e++) {
    const row = new Int32Array(end + 2);
    row[end + 1] = (1 << e) - 1;
    for (let j = end; j >= 1; j--) {
      const unit = j - 1 < n ? (bits.get(text.charCodeAt(j - 1)) ?? 0) : 0;
      let r = (((row[j + 1] as number) << 1) | 1) & unit;
      if (e > 0)
        r |=
          (((before[j + 1] as number) | (before[j] as number)) << 1) |
          1 |
          (before[j + 1] as number);
      row[j] = r;
      if ((r & last) !== 0) {
        score = e / m;
        // e / m never exceeds the limit here (it did not when this round began).
        limit = score;
        found = j - 1;
        errors = e;
        if (found <= 0) break;
      }
    }
    if ((e + 1) / m > limit) break;
    before = row;
  }
  if (found < 0) return undefined;
  // Without marks to check (fuse.js keeps them only for a minimum match length above 1).
  if (minMatch <= 1) return Math.max(0.001, score);
  const stop = Math.min(n - 1, found + m - 1 + errors);
  for (let k = found; k <= stop; k++) if ((bits.get(text.charCodeAt(k)) ?? 0) !== 0) marked[k] = 1;
  // A run of at least `minMatch` marked units.
  let run = 0;
  let long = false;
  for (let k = 0; k < n && !long; k++) {
    run = marked[k] === 1 ? run + 1 : 0;
    if (run >= minMatch) long = true;
  }
  return long ? Math.max(0.001, score) : undefined;
}
