/** Edit distance (Levenshtein, with adjacent transpositions) between two strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const row = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (prev2[j - 2] as number) + 1);
      }
      row.push(best);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[n] as number;
}

/**
 * The candidates closest to `input`, best first: those within a distance that grows with the
 * input's length, or that contain it or are contained in it. `key` folds both sides.
 */
export function closest(
  input: string,
  candidates: string[],
  max = 3,
  key = (s: string) => s.toLowerCase(),
): string[] {
  const needle = key(input);
  const budget = Math.max(2, Math.floor(needle.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const hay = key(candidate);
    let distance = editDistance(needle, hay);
    if (distance > budget && needle.length >= 3 && (hay.includes(needle) || needle.includes(hay))) {
      distance = budget;
    }
    if (distance <= budget) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}
