/**
 * The search folding of an `armru report` page, the CLI's own (src/core/text/fold.ts): the
 * invisible characters in `drop` left out, NFKC, then each UTF-16 unit folded to one unit (the
 * units of `table` to their value, any other to its lower case without marks; surrogate halves
 * left alone). Its source is shipped into the page (see clientScript), so it uses nothing
 * from outside itself; a test holds it to the CLI's folding unit by unit.
 */
export function makePageFold(table: Record<string, string>, drop: string): (raw: string) => string {
  const cache = new Map<string, string>();
  const dropped = drop === '' ? undefined : new RegExp(`[${drop}]`, 'g');
  const foldUnit = (unit: string): string => {
    const code = unit.charCodeAt(0);
    // Surrogate halves are left alone: an astral character is never folded to anything else.
    if (code >= 0xd800 && code <= 0xdfff) return unit;
    let folded = cache.get(unit) ?? table[unit];
    if (folded === undefined) {
      const base = unit
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
      const lower = unit.toLowerCase();
      folded = base.length === 1 ? base : lower.length === 1 ? lower : unit;
      cache.set(unit, folded);
    }
    return folded;
  };
  // ASCII other than capitals and the backtick (a quotation mark, folded to ') folds to
  // itself, so only the other units go through foldUnit.
  return (raw: string): string =>
    (dropped ? raw.replace(dropped, '') : raw)
      .normalize('NFKC')
      .replace(/[A-Z`\u0080-\uffff]/g, foldUnit);
}
