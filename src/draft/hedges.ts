/**
 * The dataset's hedge rule (DESIGN.md): a claim is hedged where its source signals
 * uncertainty with seems, appears, apparently, reportedly, allegedly, may, might or likely.
 * Attribution ("according to") and future or conditional modality ("would not") are not
 * hedges. "appear" counts only as "appears to/that" ("appeared in court" is no hedge), and
 * "May" the month is told apart from the modal by its capital.
 */
const HEDGE =
  /\b(?:seem(?:s|ed|ingly)?|appear(?:s|ed)?(?=\s+(?:to|that)\b)|apparent(?:ly)?|reportedly|allegedly|alleged|might|likely|may)\b/gi;

/** The first hedge word in `text`, as written, or undefined. */
export function findHedge(text: string): string | undefined {
  HEDGE.lastIndex = 0;
  for (let m = HEDGE.exec(text); m !== null; m = HEDGE.exec(text)) {
    const word = m[0];
    // "May" with a capital is the month unless it opens the sentence ("May I ...").
    if (word === 'May' && m.index > 0) continue;
    return word;
  }
  return undefined;
}
