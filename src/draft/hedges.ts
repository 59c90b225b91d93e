/**
 * The dataset's hedge rule (DESIGN.md): a claim is hedged where its source signals
 * uncertainty with seems, appears, apparently, reportedly, allegedly, may, might or likely.
 * Attribution ("according to") and future or conditional modality ("would not") are not
 * hedges. "appear" counts only as "appears to/that" ("appeared in court" is no hedge), and
 * "May" the month (or a name) is told apart from the modal by its capital. A passive or impersonal report
 * ("it was reported that", "is said to", "was alleged to", "it is understood that", "is
 * believed to") is the writer's "reportedly" in other words, so it hedges too, unless it names
 * who reported ("it was reported by the Courier that" is attribution).
 */
const HEDGE =
  /\b(?:seem(?:s|ed|ingly)?|appear(?:s|ed)?(?=\s+(?:to|that)\b)|apparent(?:ly)?|reportedly|allegedly|alleged|might|likely|may)\b/gi;

const PASSIVE_VERBS =
  'reported|said|alleged|understood|believed|thought|claimed|rumou?red|suggested|feared|reputed|purported|suspected';
const ADVERB = '(?:(?:also|now|widely|generally|further|previously|\\p{Ll}+ly)\\s+)?';
/** "It was reported", "it is understood" (not "… by X"); "X is said to", "were believed to". */
const PASSIVE_REPORT = new RegExp(
  `\\b(?:it\\s+(?:is|was|has\\s+been|had\\s+been)\\s+${ADVERB}(?:${PASSIVE_VERBS})\\b(?!\\s+by\\b)|(?:is|are|was|were|has\\s+been|have\\s+been|had\\s+been|being)\\s+${ADVERB}(?:${PASSIVE_VERBS})\\s+to\\b)`,
  'giu',
);

/** The first hedge in `text`, as written (a word, or a passive report's words), or undefined. */
export function findHedge(text: string): string | undefined {
  let first: { at: number; word: string } | undefined;
  HEDGE.lastIndex = 0;
  for (let m = HEDGE.exec(text); m !== null; m = HEDGE.exec(text)) {
    const word = m[0];
    // "May" with a capital is the month, or a name ("May Berg said"), unless it opens the
    // sentence before a word in lower case ("May the talks resume …").
    if (word === 'May' && (m.index > 0 || !/^\s+\p{Ll}/u.test(text.slice(m.index + 3)))) continue;
    first = { at: m.index, word };
    break;
  }
  PASSIVE_REPORT.lastIndex = 0;
  const passive = PASSIVE_REPORT.exec(text);
  if (passive && (!first || passive.index < first.at)) return passive[0];
  return first?.word;
}
