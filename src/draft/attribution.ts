import type { ClaimKind } from '../core/model/types.js';
import type { EntityFinder, FoundEntity, Mention } from './entities.js';
import { type Span, splitSentences } from './sentences.js';

/** Who asserts a sentence, by which words, and of what kind it is. */
export interface Attribution {
  /** The speaker, or undefined for the writer's own voice. */
  speaker?: FoundEntity;
  /** The article's own reporting words ("said", "According to", "told reporters"). */
  cue?: string;
  kind: ClaimKind;
  /** Direct quotations in the sentence: the words inside the marks. */
  quotations: Span[];
  /**
   * A hedge in the words that frame the speech ("allegedly told", "may have said"): it hedges
   * every claim of the sentence, the quotations too, whose own words do not carry it.
   */
  hedge?: string;
  /**
   * Indirect speech beside the sentence's quotations ("Berg said the plant would close,
   * calling it “a betrayal”"): each stretch from its speaker or cue to the end of what was
   * reported, with the cue and kind it has. Without quotations the sentence itself is the claim.
   */
  reported?: { span: Span; cue: string; kind: ClaimKind }[];
}

/** Verbs whose passive reports words without naming who said them ("is said to", "it was reported"). */
const PASSIVE_VERBS =
  'reported|said|alleged|understood|believed|thought|claimed|rumou?red|suggested|feared|reputed|purported|suspected';
/**
 * A passive or impersonal report: "It was reported that …", "it is understood that …", "X is
 * said to have …", "X was alleged to …". The writer passes on what unnamed others say: a
 * hedged report in the writer's voice, its words kept as the cue.
 */
const PASSIVE_REPORT = new RegExp(
  `\\b(?:[Ii]t\\s+(?:is|was|has\\s+been|had\\s+been)\\s+(?:(?:also|now|widely|generally|further|previously|\\p{Ll}+ly)\\s+)?(?:${PASSIVE_VERBS})(?!\\s+by\\b)(?:\\s+that\\b)?|(?:is|are|was|were|has\\s+been|have\\s+been|had\\s+been|being)\\s+(?:(?:also|now|widely|generally|further|previously|\\p{Ll}+ly)\\s+)?(?:${PASSIVE_VERBS})\\s+to\\b)`,
  'u',
);
/** Before a verb, a form of "be" that makes it passive: "was told", "is said". */
const PASSIVE_BEFORE =
  /\b(?:is|are|was|were|be|been|being|am)\s+(?:(?:also|now|widely|generally|not|never|further|previously|\p{Ll}+ly)\s+)?$/iu;
/**
 * Before a verb, words that hedge the speech itself: "allegedly told", "may have said",
 * "seems to have warned", "is said to have told". Kept out of the subject, put into the cue.
 */
const HEDGE_FRAME =
  /\s+(?:(?:allegedly|reportedly|apparently|seemingly|likely|may|might)(?:\s+(?:also|have|later|once))*|(?:seems?|seemed|appears?|appeared)\s+to(?:\s+have)?|(?:is|are|was|were)\s+(?:also\s+)?(?:said|alleged|reported|believed|thought|understood|likely)\s+to(?:\s+have)?)\s*$/u;
/** After "called", what makes it speech: an object and what it is called ("called Berg a liar"). */
const CALLED_NAMING =
  /^\s+(?:him|her|them|it|us|me|this|that|(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){0,3}\p{Lu}[\p{L}\p{M}'’-]*|(?:the|his|her|its|their|our|my)\s+(?:[\p{L}\p{M}'’-]+\s+){0,2}[\p{L}\p{M}'’-]+)\s+(?:(?:a|an)\s|[“"])/u;

const REPORTING =
  /\b(said|says|say|told|tells|stated|states|announced|announces|argued|argues|claimed|claims|warned|warns|denied|denies|deny|rejected|rejects|dismissed|dismisses|reported|reports|called|calls|specified|added|adds|noted|notes|insisted|insists|explained|explains|confirmed|confirms|acknowledged|acknowledges|admitted|admits|wrote|writes|asserted|asserts|declared|declares|maintained|maintains|predicted|predicts|vowed|vows|promised|promises|pledged|pledges|stressed|stresses|emphasised|emphasized|disputed|disputes|criticised|criticized|condemned|praised|welcomed|accused|urged|alleged|alleges|allege|contended|contends|testified|testifies|countered|counters|replied|responded|conceded|concedes|estimated|estimates|defended|defends|saying)\b/g;
const DENIAL = /^(denied|denies|deny|rejected|rejects|dismissed|dismisses|disputed|disputes)$/;
const REPORT = /^(reported|reports)$/;
/** After the verb, what makes it a parenthesis: "…, officials said on Tuesday, citing …". */
const PARENTHETICAL =
  /^(?:\s+(?:(?:on|late|early|last|this|earlier|later)\s+\p{L}+(?:\s+\p{L}+)?|yesterday|today|tonight|recently|privately|publicly|in\s+a\s+(?:statement|interview|briefing)|on\s+condition\s+of\s+anonymity))?\s*,\s+(?!that\b)/u;
/** After the verb, a time or place that ends the sentence: "…, the prosecutor alleged on Wednesday at the trial." */
const TRAILING_CIRCUMSTANCE =
  /^\s+(?:on|at|in|during|after|before|late|early|last|this|earlier|later|yesterday|today|tonight)\b(?![^.]*\b(?:that|it|he|she|they|we|would|will|could|should|was|were|is|are|had|has|have)\b)[^,;:"“”]{0,60}[.!?]["”’]?\s*$/u;
/** Before the verb, words that say nothing was said: "did not say", "declined to say". */
const NOT_SAID =
  /\b(?:not|never|declined\s+to|refused\s+to|would\s+not|did\s+not|could\s+not|has\s+not|have\s+not)\s+$|n['’]t\s+$/i;
const PRESENT_NOUNS =
  /\b(the|these|those|its|his|her|their|such|of|a|an|our|whose|new|earlier|similar|any|no)\s+$/i;
const ACCORDING = /\baccording to\s+/i;
const EXPECTED = /\b(?:is|are|was|were)\s+(?:widely\s+|also\s+)?expected to\b/i;
const PRONOUN = /^(he|she|they|it|we|i)$/i;
/** Lower-case words that describe the source named after them. */
const DESCRIBED =
  /^\s*(?:(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]he|[Aa]n?)\s+)?(?:[\p{L}-]+\s+){0,2}(?:newspaper|daily|weekly|paper|tabloid|broadcaster|news\s+agency|agency|news\s+site|website|magazine|channel|outlet|station|group|organi[sz]ation|company|firm|charity|watchdog|regulator|think\s+tank|institute|union|party|operator|utility|bank|insurer|lender|retailer|carmaker|manufacturer|maker|supplier|developer|airline|network|alliance|coalition|association|foundation|(?:(?:a|an|the)\s+)?(?:report|statement|survey|study|analysis|data|figures|documents?|estimates?|filing|letter|post)\s+(?:by|from|of|(?:published|released|seen|obtained|reviewed)\s+by)(?:\s+the)?)\s+$/u;
/** After a possessive, words that are the owner's own: "Le Monde's website". */
const OWN_WORDS =
  /^['’]s?\s+(?:own\s+)?(?:website|report|reporting|statement|account|editorial|analysis|data|figures|estimates?|filing|survey|study|newsletter|blog|broadcast)\b/u;
const SPOKES =
  /^(?:a|an|the)\s+(?:\w+\s+)?(?:spokesperson|spokesman|spokeswoman|representative|official|lawyer|attorney)\s+(?:for|of|at)\s+(.+)$/i;
const TRAILING =
  /\s+(?:has|have|had|was|were|is|are|also|later|again|then|repeatedly|previously|publicly|himself|herself|itself|themselves|yesterday|today|on\s+\w+|in\s+a\s+statement)$/i;
/** An adverb after the subject ("Shoygu publicly"), in lower case, and not a noun in -ly. */
const TRAILING_ADVERB =
  /\s+(?!(?:family|ally|assembly|daily|weekly|monthly|quarterly|supply|rally|bully|anomaly|monopoly)$)[a-z]+ly$/;
const SUBORDINATORS =
  'after|before|when|while|since|because|although|though|once|until|unless|if|as';
/** A conjunction that opens a subordinate clause: "After Berg resigned, …". */
const SUBORDINATOR = new RegExp(`^(?:${SUBORDINATORS})\\b`, 'i');
/**
 * Words before the subject that are not part of it: a conjunction or adverb that joins the
 * sentence to the last ("However,"), or one that makes the report a subordinate clause ("After
 * officials said …, troops moved in": the officials speak, not "After officials").
 */
const LEADING = new RegExp(
  `^(?:and|but|so|yet|or|however|meanwhile|moreover|still|instead|later|then|${SUBORDINATORS})\\b[,\\s]*`,
  'i',
);

/** Nouns for people (and bodies of people) who speak: "officials", "the mayor", "the club". */
export const SOURCE_NOUNS =
  /\b(?:officials?|sources?|residents?|critics?|experts?|analysts?|witness(?:es)?|investigators?|police|prosecutors?|prosecution|defen[cs]e|judges?|court|jurors?|jury|plaintiffs?|defendants?|campaigners|protesters|activists|doctors|scientists|researchers|workers|engineers|lawyers|diplomats|observers|leaders|lawmakers|legislators|members|people|spokes(?:man|woman|person)|representatives?|mayor|minister|president|governor|director|chief|head|chair(?:man|woman)?|secretary|ambassador|commander|aides?|advisers?|advisors?|staff|employees|teachers|parents|farmers|villagers|neighbours|neighbors|owners|managers|executives|authorities|government|ministry|council|committee|board|company|agency|newspaper|group|campaign|unions?|wife|husband|widow(?:er)?|mother|father|sons?|daughters?|brothers?|sisters?|family|families|relatives?|friends?|neighbou?r|colleagues?|partner|boss|students?|victims?|survivors?|passengers?|patients?|nurses?|doctor|teachers?|lawyer|attorneys?|counsel|man|woman|men|women|boy|girl|child|children|fans?|supporters|opponents|voters|shareholders|investors|customers|clients|inspectors?|officers?|firefighters|soldiers|troops|coroner|auditors?|regulators?|landlords?|tenants|pupils|coach|captain|deput(?:y|ies)|assistants?|aides?|successor|predecessor|employer|manager|owner|organi[sz]ers?|residents|sources?|executives?|club|team|firm|banks?|lenders?|insurers?|airlines?|retailers?|carmakers?|hospitals?|university|charity|referees?|umpires?|players?|C[EFOTIM]Os?|strikers?|goalkeepers?|keepers?|midfielders?|defenders?|wingers?|forwards?|batsm[ae]n|bowlers?|pitchers?|quarterbacks?|skippers?|boxers?|sprinters?|athletes?|riders?|drivers?|cyclists?|swimmers?|runners?|champions?|veterans?|rookies?)\b/;
/** A noun for people who speak, alone after a name ("Beverly Hills police"). */
const PEOPLE_ONLY = new RegExp(`^\\s+(?:${SOURCE_NOUNS.source})$`, 'u');
/**
 * Papers that speak for whoever wrote them: "The indictment says …", "A court filing alleges
 * …", "The police report states …". Their words are the document's, not the writer's.
 */
const DOCUMENT_NOUNS =
  /\b(?:indictment|charge\s+sheet|(?:court|legal|charging)\s+(?:papers|documents|filings?|records)|filings?|lawsuit|complaint|petition|affidavit|warrant|ruling|judge?ment|verdict|report|study|survey|poll|audit|inquiry|review|assessment|memo(?:randum)?|letter|statement|documents?|records|transcript|dossier|summons|motion|communiqu[eé]|press\s+release|resolution|decree|minutes|submission)\b/;
/**
 * Before a name, a publication's own piece: "the report in the Guardian", "an article in Le
 * Monde". Said of a publication (a Media entity), the piece is its words; "the report in
 * March" or "in Brightwater" names no source.
 */
const PIECE_IN =
  /^(?:[Tt]he|[Aa]n?)\s+(?:[\p{Ll}-]+\s+)?(?:report|article|story|editorial|investigation)\s+in\s+(?:the\s+)?$/u;
/** A group's name that ends in a paper's noun: the group is that paper. */
const DOCUMENT_LAST = new RegExp(`(?:${DOCUMENT_NOUNS.source})$`, 'i');
/** One word that is a paper's noun ("indictment", "complaint"). */
const PAPER_WORD = new RegExp(`^(?:${DOCUMENT_NOUNS.source})$`, 'i');
/** A group's name whose head is a paper's noun ("The lawsuit in the Times case"). */
const DOCUMENT_HEAD = new RegExp(
  `^(?:the|a|an)\\s+(?:[\\p{Ll}-]+\\s+){0,2}(?:${DOCUMENT_NOUNS.source})\\s+(?:in|of|on|at|over|against|into)\\s`,
  'iu',
);
/**
 * Before a verb, a paper's noun as its subject: "The lawsuit claims …", also with an aside
 * between them ("The complaint, filed in March, accuses …").
 */
const MONTH_OR_DAY =
  'January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
/** When a paper was made: "in March", "on Tuesday", "last week", "after the match". */
const PAPER_WHEN = `(?:in|on|during|since|from|at)\\s+(?:(?:early|late|mid-?)\\s*)?(?:${MONTH_OR_DAY}|\\d{4}|the\\s+(?:spring|summer|autumn|fall|winter|morning|afternoon|evening|weekend))|(?:last|this|earlier\\s+this|late\\s+last)\\s+(?:week|month|year|weekend|spring|summer|autumn|fall|winter|${MONTH_OR_DAY})|(?:after|before|following)\\s+(?:the|a|an|his|her|its|their)\\s+[\\p{Ll}-]+|${MONTH_OR_DAY}|yesterday|today|earlier`;
/**
 * A paper's noun with the time it was made after it: "The report in March", "His statement
 * after the match", "The indictment filed on Tuesday", "the ruling last week". The time is no
 * part of who speaks: the paper is (group 1).
 */
const PAPER_TIME = new RegExp(
  `^((?:the|a|an|his|her|its|their)\\s+(?:[\\p{Ll}-]+\\s+){0,2}(?:${DOCUMENT_NOUNS.source}))\\s+(?:(?:\\p{Ll}+ed|sent|written|seen|made|handed\\s+down)(?:\\s+(?:${PAPER_WHEN}))?|${PAPER_WHEN})$`,
  'iu',
);
const DOCUMENT_BEFORE = new RegExp(
  `(?:^|[,;:]\\s*)(?:the|a|an)\\s+(?:[\\p{L}-]+\\s+){0,2}(?:${DOCUMENT_NOUNS.source})(?:,[^,;:"“”]{1,60},)?\\s+$`,
  'iu',
);
/**
 * A paper its owner writes, named by a possessive pronoun: "Her letter says …", "Their
 * lawsuit claims …", "Its website states …". Its words are the owner's, as "She said …" would
 * be. A paper about someone is not theirs ("his indictment", "her arrest warrant", "his
 * ruling", "his dismissal letter", "her medical report"): only a word that keeps the owner the
 * writer may stand between.
 */
const OWN_PAPER =
  /^(his|her|their|its)\s+(?:(?:own|open|latest|new|recent|first|final|written|formal|sworn|joint|annual|resignation|witness|public)\s+)?(?:letter|statement|memo(?:randum)?|submission|petition|complaint|lawsuit|affidavit|filings?|motion|press\s+release|report|study|survey|communiqu[eé]|website|account|editorial|blog)$/iu;
const EVALUATIVE =
  /\b(seem\w*|appear\w*|apparent\w*|likely|unlikely|sought|success\w*|significant\w*|important|crucial|clear(?:ly)?|meaningful|committed|keen\w*|undesirab\w*|uneas\w*|unlike|generally|perhaps|arguably|remains?|indeed|thus|hence|in light of|should|must|better|worse|best|worst|fail\w*|signal\w*|suggest\w*|shown|too|hope\w*|risk\w*|concern\w*|doubt\w*|welcome\w*|surpris\w*|unusual\w*|notabl\w*|promising|troubl\w*|difficult\w*|uncertain\w*)\b/i;
const IRREGULAR_PAST =
  /\b(went|came|took|made|held|won|lost|began|left|met|fell|rose|spent|sent|paid|built|brought|gave|told|said|saw|found|struck|broke|drove|flew|ran|sold|bought|chose|stood|kept|hit|cut|set|put|shut|became|wrote|spoke|rode|threw|grew|knew|beat|sank|swore|froze|stole|tore|wore|hid|bit|shot|fought|caught|taught|sought|thought|arrived|signed|visited)\b/i;
const REGULAR_PAST =
  /\b(?!(?:based|armed|limited|interested|concerned|committed|expected|related|united|so-called|called|advanced|skilled|experienced|detailed|supposed|used|tired|red|bed|need|seed|feed|speed|indeed|creed|hundred|shred|sacred|naked|wicked|ragged|rugged|led|fled|bred|shed|wed|sled)\b)[a-z]{3,}ed\b/i;
const PERFECT_OR_PRESENT = /\b(has|have|is|are|remains|includes|sees|holds|has been|have been)\b/i;

/** The direct quotations in `text[from, to)`: quoted stretches of three words or more. */
export function quotations(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  const slice = text.slice(from, to);
  const re = /“([^”]*)”|"([^"]*)"|«([^»]*)»/g;
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    const inner = (m[1] ?? m[2] ?? m[3] ?? '') as string;
    if (inner.trim().split(/\s+/).length < 3) continue; // a scare quote or a title
    let start = from + m.index + 1;
    let end = start + inner.length;
    while (start < end && /\s/.test(text[start] as string)) start++;
    while (end > start && /[\s,]/.test(text[end - 1] as string)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

/**
 * A sentence's text, its quotations, and whether a position in it (counted from its start) is
 * inside quotation marks: a quotation's own, an open curly one, or after an odd number of
 * straight marks.
 */
function quotedSentence(
  text: string,
  sentence: Span,
): { s: string; quotes: Span[]; inQuote: (at: number) => boolean } {
  const s = text.slice(sentence.start, sentence.end);
  const quotes = quotations(text, sentence.start, sentence.end);
  const inQuote = (at: number) => {
    if (quotes.some((q) => at >= q.start - 1 - sentence.start && at < q.end + 1 - sentence.start))
      return true;
    const head = s.slice(0, at);
    return (
      head.lastIndexOf('“') > head.lastIndexOf('”') || (head.match(/"/g)?.length ?? 0) % 2 === 1
    );
  };
  return { s, quotes, inQuote };
}

/**
 * Where a sentence may join two reports, or the writer's words and a report: ", while",
 * ", whereas", a semicolon (with "and" or "but" or alone), or ", and" / ", but".
 */
const CLAUSE_JOIN = /[,;]\s+(?:while|whereas)\s+|;\s+(?:(?:and|but)\s+)?|,\s+(?:and|but)\s+/g;
/**
 * How a second speaker's subject opens: a capitalised word (a name, "The union") or a
 * determiner, or a noun for people who speak (officials, analysts). A pronoun may stand for someone named nearer than the last speaker, and words
 * such as "everything" or "those" open clauses that go on with the first speaker's words.
 */
const SUBJECT_OPENER =
  /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|the|a|an|his|her|their|its|our|two|three|four|several|many|some|other|local|senior|foreign|opposition)$/u;
/** Words that may stand between a conjunction and its verb without being its subject. */
const NOT_A_SUBJECT = /^(?:then|later|also|again|still|instead|separately|meanwhile|in\s+turn)$/i;

/** A noun for people who speak, opening a subject without a determiner ("officials said"). */
const SOURCE_OPENER = new RegExp(`^(?:${SOURCE_NOUNS.source})$`, 'u');

/**
 * A second subject of one to six words and its reporting verb; the last word may have a name
 * set off by commas after it ("its chief executive, Anna Berg, said").
 */
const SECOND_SUBJECT = new RegExp(
  `^((?:[^\\s“”"«»,;:]+\\s+){0,5}?[^\\s“”"«»,;:]+(?:,\\s+\\p{Lu}[^\\s“”"«»,;:]*(?:\\s+\\p{Lu}[^\\s“”"«»,;:]*){0,3},)?\\s+)(?:${REPORTING.source})`,
  'u',
);
/** Verbs that say words were spoken, for "X said …, and Y said …" (not "promised her contracts"). */
const PLAIN_SPEECH =
  /^(?:said|says|told|tells|stated|added|insisted|warned|argued|replied|responded|countered|denied|rejected)$/;
/**
 * Verbs whose words are a clause ("said the mill would close"): in "Holt said the man, 34, and
 * his wife told …" they make no clause of the words before "and" by themselves.
 */
const SAYS_A_CLAUSE =
  /^(?:said|says|told|tells|stated|added|insisted|warned|argued|replied|responded|countered)$/i;
/** A verb that makes a clause of its own: a past tense, or an auxiliary ("will", "was"). */
const FINITE = new RegExp(
  `^(?:${IRREGULAR_PAST.source.slice(3, -3)}|${REGULAR_PAST.source.slice(2, -2)}|called|is|are|was|were|has|have|had|will|would|can|could|did|does|shall|should|must|may|might)$`,
  'i',
);
/** Words before an "-ed" word that make it an adjective ("The injured man", "two wounded"). */
const NOT_BEFORE_VERB =
  /^(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those|\d+|two|three|four|five|several|many|some|other|of|in|on|at|by|for|with|from|and|or|who|whom|which|that)$/i;

/**
 * Whether words are a clause of their own with its verb: "Putin met Pashinyan in Moscow", "The
 * ministers met on Tuesday", not nouns ("The injured man, 34") nor a subject with a relative
 * clause ("The men, who were armed"), which "and" joins to a second subject of the same verb.
 */
function isClause(words: string, notVerbs?: RegExp): boolean {
  const main = words.replace(/,\s*(?:who|whom|whose|which|where|when)\b.*$/su, '');
  const raw = main.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const tokens = raw.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
  if (tokens.length < 3) return false;
  return tokens.some(
    (w, i) =>
      i > 0 &&
      FINITE.test(w) &&
      !notVerbs?.test(w) &&
      !NOT_BEFORE_VERB.test(tokens[i - 1] as string) &&
      // "The soldiers, accused of killing …", "Smith, wounded in the leg": a participle set
      // off by a comma after its noun; "Residents displaced by the floods", "Farmers hit by
      // the drought": one with its agent. Both describe a noun, which "and" joins to another.
      !/,$/.test(raw[i - 1] as string) &&
      !/^(?:by|of)$/i.test(tokens[i + 1] ?? '') &&
      // "The indictment filed on Tuesday", "the complaint lodged last week": a paper is made,
      // it does not act, so the -ed word after its noun describes it.
      !(PAPER_WORD.test(tokens[i - 1] as string) && /ed$|^(?:sent|made|written|seen)$/i.test(w)),
  );
}

/**
 * The first report in some words (a reporting verb, or "according to") outside quotation
 * marks: where it is in them and its verb; `offset` is where the words start in the sentence
 * that `inQuote` reads. "called a meeting", "accused of", "did not say" and a passive that
 * reports no words ("The fire was reported at 2:15 a.m.") are none; "Jurors were told the
 * defendant …" is one.
 */
function firstReport(
  part: string,
  offset: number,
  inQuote: (at: number) => boolean,
): { index: number; verb: string; passive?: boolean } | undefined {
  const according = ACCORDING.exec(part);
  if (according && !inQuote(offset + according.index))
    return { index: according.index, verb: according[0].trim() };
  // "Prosecutors accuse him of …": a plural present the reporting verbs leave out.
  const accuse = /\baccuse\b/.exec(part);
  if (accuse && !inQuote(offset + accuse.index)) return { index: accuse.index, verb: 'accuse' };
  const re = new RegExp(REPORTING.source, 'g');
  for (let m = re.exec(part); m !== null; m = re.exec(part)) {
    if (inQuote(offset + m.index)) continue;
    const next = part.slice(m.index + m[0].length);
    const head = part.slice(0, m.index);
    if (NOT_SAID.test(head)) continue;
    if (PASSIVE_BEFORE.test(head)) {
      if (/^\s+by\b/.test(next) || !STARTS_CIRCUMSTANCE.test(next.trimStart()))
        return { index: m.index, verb: m[0], passive: true };
      continue;
    }
    // "called a meeting" reports nothing; "called for", "called the plan “…”" do.
    if (/^call/.test(m[0]) && !/^\s+(?:for|on)\b/.test(next) && !CALLED_NAMING.test(next)) continue;
    // "The soldiers, accused of killing civilians": a participle, no report.
    if (/^\s+(?:of|by)\b/.test(next)) continue;
    return { index: m.index, verb: m[0] };
  }
  return undefined;
}

/** Whether some words report: see `firstReport`. */
function reportsIn(part: string, offset: number, inQuote: (at: number) => boolean): boolean {
  return firstReport(part, offset, inQuote) !== undefined;
}

/**
 * A first report in court copy or a legal paper ("The woman told the court she was
 * threatened", "A care worker told an employment tribunal", "The indictment says"): the words
 * that follow "and" are more of what was told or alleged, not a second speaker's report.
 */
const TESTIMONY =
  /\b(?:told|tells)\s+(?:(?:the|a|an)\s+)?(?:[\p{Ll}-]+\s+){0,2}(?:court|tribunal|hearing|jury|jurors|inquiry|inquest|trial|judge|magistrates|panel)\b|\btestif(?:ied|ies|y)\b|\b(?:court|tribunal|jury|inquiry|inquest|hearing|trial)\s+(?:heard|was\s+told)\b|\b(?:indictment|complaint|lawsuit|charge\s+sheet|court\s+(?:papers|documents|filings?|records)|affidavit)\b/iu;
/**
 * After "told", an audience that makes it a public statement ("told reporters", "told the
 * BBC"); "told her he would kill her", "told aides to approve the permits" is an act inside
 * the report before it.
 */
const PUBLIC_AUDIENCE =
  /^\s+(?:reporters|journalists|the\s+press|the\s+media|broadcasters|(?:a|the)\s+(?:news|press)\s+conference|(?:the\s+)?(?:BBC|Reuters|AFP|AP|CNN|Associated\s+Press|Sky\s+News)\b)/u;

/** A subject word or a verb's object: no white space, comma, colon, semicolon nor quotation mark. */
const WORD = '[^\\s,;:“”"«»]+';
/**
 * A sentence that ends in its own attribution: "…, the prosecutor alleged.", "…, police said
 * on Tuesday.", "…, said a spokesman.": a subject of one to six words and a reporting verb (or
 * the verb and then its subject) after the last comma, and nothing after but a time or place.
 */
const OWN_ATTRIBUTION = new RegExp(
  `,\\s+(?:(?:${WORD}\\s+){0,5}?${WORD}\\s+(${REPORTING.source.replace('(said|', '(?:said|')})(?:\\s+(?:on|at|in|late|early|last|this|earlier|later|yesterday|today|tonight)\\b[^,;:"“”]{0,40})?|(${REPORTING.source.replace('(said|', '(?:said|')})\\s+(?:${WORD}\\s+){0,5}?${WORD})\\s*[.!?]["”’»]?\\s*$`,
  'u',
);

/**
 * Where the reporting verb of a sentence's own closing attribution is ("…, the prosecutor
 * alleged."), outside quotation marks; -1 if it has none. The first word after the comma
 * must open a subject (or be the verb): "…, and she said." is no such ending.
 */
function ownAttribution(s: string, inQuote: (at: number) => boolean): number {
  const m = OWN_ATTRIBUTION.exec(s);
  if (!m || inQuote(m.index)) return -1;
  const inverted = m[2] !== undefined;
  const verb = (m[1] ?? m[2]) as string;
  if (/^call|^saying$/.test(verb)) return -1;
  const words = s
    .slice(m.index + 1)
    .replace(/[.!?]["”’»]?\s*$/u, '')
    .trim()
    .split(/\s+/);
  // "…, said a spokesman." names its speaker after the verb; "…, said he would go" and
  // "…, told police he was innocent" report words, which are no attribution.
  const first = (inverted ? words[1] : words[0]) ?? '';
  if (
    !(SUBJECT_OPENER.test(first) || SOURCE_OPENER.test(first) || PRONOUN.test(first)) ||
    (inverted && (!PLAIN_SPEECH.test(verb) || /^tel|^told/.test(verb) || PRONOUN.test(first))) ||
    (inverted && words.slice(1).some((w) => FINITE.test(w.replace(/\W+$/u, ''))))
  )
    return -1;
  const at = inverted ? m.index + m[0].indexOf(verb) : m.index + m[0].lastIndexOf(` ${verb}`) + 1;
  return inQuote(at) ? -1 : at;
}

/**
 * A sentence cut where it joins two reports, each with its own speaker, or the writer's own
 * words and a report: "“…,” Pashinyan said, while Lavrov said the text was not ready" is
 * Pashinyan's quotation and Lavrov's statement, and "Putin met Pashinyan in Moscow, and Lavrov
 * said the talks were “productive”" the writer's event and Lavrov's statement, not one claim of
 * the first (or the last) speaker. A cut is made only outside quotation marks, when the part
 * after opens with a subject of one to six words (a name or a determiner first, no pronoun;
 * "then" or "later" may come before it) and a reporting verb that is not a participle
 * ("accused of"), or, after a semicolon, with a quotation and its speaker; and
 * - at ", while", ", whereas" or a semicolon, when the part before reports (a reporting verb,
 *   or "according to") or is a clause of the writer's with its own verb;
 * - at ", and" or ", but", when the part before is such a clause of the writer's and the part
 *   after reports three words or more ("…, and the union said so" is the union's as a whole),
 *   or when both report, the second subject opens with a capital or "the", "his", "her",
 *   "their", "its" or "our" (not "two developers"), its verb is a plain verb of speech ("said",
 *   "told"; not "promised") and the first part is a clause with a verb besides "said" or
 *   "told" ("Police said the man was arrested", not "Holt said the man, 34") or quotes. "and" and
 *   "but" join nouns ("the man, 34, and his wife told"), and go on with the first source's words
 *   in court and allegation copy ("the indictment says …, and two developers promised"); none
 *   of those is cut.
 * The spans, in order, each without the words that join them; the whole sentence otherwise.
 */
export function speechClauses(text: string, sentence: Span): Span[] {
  const { s, quotes, inQuote } = quotedSentence(text, sentence);
  // "…, and the victim's sister told him to go away, the prosecutor alleged." is the
  // prosecutor's as a whole: a sentence that ends in its own attribution is not cut.
  if (ownAttribution(s, inQuote) >= 0) return [sentence];
  const speaks = (part: string, offset: number) => reportsIn(part, offset, inQuote);
  const out: Span[] = [];
  let from = 0;
  CLAUSE_JOIN.lastIndex = 0;
  for (let m = CLAUSE_JOIN.exec(s); m !== null; m = CLAUSE_JOIN.exec(s)) {
    if (inQuote(m.index)) continue;
    const after = m.index + m[0].length;
    const rest = s.slice(after);
    const plain = m[0].startsWith(',') && !/while|whereas/.test(m[0]);
    const before = s.slice(from, m.index);
    const reports = speaks(before, from);
    // After a semicolon, a quotation and its speaker ("…; “…,” Holt said") is a report too.
    const quoted = m[0].startsWith(';') && /^[“"«]/.test(rest) && speaks(rest, after);
    if (!quoted) {
      const opening = SECOND_SUBJECT.exec(rest);
      if (!opening) continue;
      const words = (opening[1] as string).trim().split(/\s+/);
      // "and then Lavrov said": an adverb before the subject is not its first word.
      const subject = words.slice(
        Math.max(
          0,
          words.findIndex((w) => !(NOT_A_SUBJECT.test(w) || /^\p{Ll}+ly$/u.test(w))),
        ),
      );
      if (subject.every((w) => NOT_A_SUBJECT.test(w) || /^\p{Ll}+ly$/u.test(w))) continue;
      const first = subject[0] as string;
      if (!(SUBJECT_OPENER.test(first) || SOURCE_OPENER.test(first)) || PRONOUN.test(first))
        continue;
      const verbEnd = rest.slice(opening[0].length);
      // "the man accused of killing her", "workers told of the plan": a participle, not speech.
      if (/^\s+(?:of|by|about|with)\b/.test(verbEnd)) continue;
      // "…, and he was alleged to …" is a passive report, no second speaker.
      if (PASSIVE_BEFORE.test(opening[1] as string)) continue;
      if (plain) {
        // "…, and the union said so": the report stands on the words before it.
        const said = verbEnd.replace(/[^\p{L}\p{N}\s'’-]+/gu, ' ').trim();
        if (said.split(/\s+/).filter(Boolean).length < 3) continue;
        const verb = /\S+$/.exec(opening[0])?.[0] as string;
        // One report inside another: testimony or a legal paper goes on after "and", and
        // "the defendant told her he would kill her" is what the first speaker reports.
        if (
          reports &&
          (TESTIMONY.test(before) || (/^tel|^told/.test(verb) && !PUBLIC_AUDIENCE.test(verbEnd)))
        )
          continue;
        if (
          reports &&
          !(
            /^(?:\p{Lu}|(?:the|his|her|their|its|our)$)/u.test(first) &&
            PLAIN_SPEECH.test(verb) &&
            (isClause(before, SAYS_A_CLAUSE) ||
              quotes.some(
                (q) => q.start - sentence.start >= from && q.end - sentence.start <= m.index,
              ))
          )
        )
          continue;
      }
    }
    if (!reports && !isClause(before)) continue;
    out.push({ start: sentence.start + from, end: sentence.start + m.index });
    from = after;
  }
  if (from === 0) return [sentence];
  out.push({ start: sentence.start + from, end: sentence.end });
  return out;
}

/**
 * Attributes one sentence: "according to X", a reporting verb outside the quotation marks
 * with its subject (or after a quotation: "…," said X / "…," X told reporters), or else the
 * writer. `previous` is the speaker of the paragraph so far, for quotations that continue.
 */
export function attribute(
  text: string,
  sentence: Span,
  mentions: Mention[],
  finder: EntityFinder,
  previous: FoundEntity | undefined,
): Attribution {
  const { s, quotes, inQuote } = quotedSentence(text, sentence);
  const result = (
    speaker: FoundEntity | undefined,
    cue: string | undefined,
    kind: ClaimKind,
  ): Attribution => {
    // Beside its quotations a sentence may report words indirectly ("Berg said the plant
    // would close and added: “…”"): those are the speaker's claims too.
    const reported =
      speaker && quotes.length > 0
        ? indirectSpeech(s, sentence.start, inQuote).map((r) => ({
            span: r.span,
            cue: r.cue,
            kind: r.according ? ('report' as const) : kindOf(r.cue, speaker, s),
          }))
        : [];
    return {
      ...(speaker ? { speaker } : {}),
      ...(cue ? { cue } : {}),
      kind: quotes.length > 0 && speaker ? 'quote' : kind,
      quotations: speaker ? quotes : [],
      ...(reported.length > 0 ? { reported } : {}),
    };
  };

  const according = ACCORDING.exec(s);
  if (according && !inQuote(according.index)) {
    const phraseStart = according.index + according[0].length;
    const rest = s.slice(phraseStart);
    const phrase = (/^(.+?)(?=,|;|\.|\s+that\b|$)/.exec(rest)?.[1] ?? rest).trim();
    const speaker = speakerOf(
      phrase,
      sentence.start + phraseStart,
      mentions,
      finder,
      previous,
      quotes,
    );
    return result(speaker, according[0].trim(), 'report');
  }

  // A sentence that ends in its own attribution ("…, the prosecutor alleged.") is that
  // speaker's: the reporting verbs before it are inside what was reported.
  REPORTING.lastIndex = Math.max(0, ownAttribution(s, inQuote));
  for (let m = REPORTING.exec(s); m !== null; m = REPORTING.exec(s)) {
    if (inQuote(m.index)) continue;
    const verb = m[1] as string;
    const before = s.slice(0, m.index);
    if (NOT_SAID.test(before)) continue; // "The ministry did not say how much …" reports no words
    if (inRelativeClause(before, s.slice(m.index + verb.length))) continue;
    // "Anna Berg, who police say fled in May, was arrested": the verb has a subject of its own
    // inside a relative clause; neither its speaker nor the word the clause hangs on asserts
    // the sentence.
    if (SPEAKER_IN_CLAUSE.test(before)) continue;
    // "the claims", "two states committed": a present-tense verb must introduce what is said.
    if (
      /s$/.test(verb) &&
      verb !== 'says' &&
      (PRESENT_NOUNS.test(before) ||
        (!/^\s*(?:that\b|[,:“"])/.test(s.slice(m.index + verb.length)) &&
          // "The lawsuit claims the company …": after a paper's noun the verb reports.
          !DOCUMENT_BEFORE.test(before)))
    )
      continue;
    // "called" names more often than it reports: it reports in "called for", "called on",
    // "called Berg a liar" and "called the plan “a disgrace”".
    if (
      /^call/.test(verb) &&
      !/^\s+(?:for|on)\b/.test(s.slice(m.index + verb.length)) &&
      !CALLED_NAMING.test(s.slice(m.index + verb.length))
    )
      continue;
    if (PASSIVE_BEFORE.test(before)) {
      // "was told", "is said to": the subject is not the speaker. An agent is: "It was
      // reported by the Valley Courier that …".
      const by = /^\s+by\s+(.+?)(?=\s+that\b|\s+to\b|,|;|[.!?]["”’]?\s*$|$)/.exec(
        s.slice(m.index + verb.length),
      );
      if (!by) continue;
      const at = m.index + verb.length + by[0].length - (by[1] as string).length;
      const agent = speakerOf(
        by[1] as string,
        sentence.start + at,
        mentions,
        finder,
        previous,
        quotes,
      );
      if (agent) return result(agent, `${verb} by`, kindOf(verb, agent, s));
      continue;
    }
    // The subject: after the last closing quotation mark before the verb, else from the start.
    const quoteEnd = Math.max(
      before.lastIndexOf('”'),
      before.lastIndexOf('"'),
      before.lastIndexOf('»'),
    );
    let subjectStart = quoteEnd >= 0 ? quoteEnd + 1 : 0;
    const that = before.search(/\bthat\s+[^,]*$/);
    if (that > subjectStart && quoteEnd < 0 && that > 0) subjectStart = 0;
    // "…, officials said.": a verb that ends the sentence has its subject after the last comma.
    const lastComma = before.lastIndexOf(',');
    // So has one set off by commas: "…, officials said on Tuesday, citing …".
    const afterVerb = s.slice(m.index + verb.length);
    if (
      (/^\s*[.!?]?["”’]?\s*$/.test(afterVerb) ||
        PARENTHETICAL.test(afterVerb) ||
        TRAILING_CIRCUMSTANCE.test(afterVerb)) &&
      lastComma >= subjectStart &&
      before.slice(lastComma + 1).trim() !== ''
    )
      subjectStart = lastComma + 1;
    // "Putin met Pashinyan in Moscow, and Lavrov said so": after a clause of the writer's,
    // the subject is the one after "and", not the first name of the sentence.
    const joined = /,\s+(?:and|but)\s+(?:(?:then|later|also)\s+)?(?=[^,;:“”"«»]*$)/.exec(
      before.slice(subjectStart),
    );
    if (joined && !inQuote(subjectStart + joined.index)) {
      const head = before.slice(subjectStart, subjectStart + joined.index);
      // "Residents’ groups said they backed the drivers, and a spokesman said …": the part
      // before "and" is a report of its own, and the subject after "and" is not its speaker.
      // The sentence is that first report's speaker's ("The home’s owner, Barry Kemp, denies
      // the allegations, and his lawyer said …"), or the writer's if the rules cannot name him.
      const inner = firstReport(head, subjectStart, inQuote);
      if (inner) {
        const innerAt = subjectStart + inner.index;
        const innerSubject = before.slice(subjectStart, innerAt);
        const lead = /^[\s,]*/.exec(innerSubject)?.[0].length ?? 0;
        const first =
          // "Jurors were told …": who was told is not who spoke.
          innerSubject.trim() === '' || inner.passive || /^according/i.test(inner.verb)
            ? undefined
            : speakerOf(
                innerSubject.slice(lead),
                sentence.start + subjectStart + lead,
                mentions,
                finder,
                previous,
                quotes,
              );
        if (first) return result(first, inner.verb, kindOf(inner.verb, first, s));
        continue;
      }
      const tail = before
        .slice(subjectStart + joined.index + joined[0].length)
        .trim()
        .split(/\s+/);
      const first = tail[0] as string;
      if (
        tail.length <= 6 &&
        (SUBJECT_OPENER.test(first) || SOURCE_OPENER.test(first)) &&
        !PRONOUN.test(first) &&
        isClause(head)
      )
        subjectStart += joined.index + joined[0].length;
    }
    let subject = before.slice(subjectStart);
    let subjectAt = sentence.start + subjectStart;
    // "Berg allegedly told", "Berg may have said": the hedge frames the speech, not the speaker.
    const frame = HEDGE_FRAME.exec(` ${subject}`);
    let hedge: string | undefined;
    if (frame) {
      subject = subject.slice(0, Math.max(0, subject.length - frame[0].length + 1));
      hedge = frame[0].trim();
    }
    const lead = /^[\s,]*/.exec(subject)?.[0].length ?? 0;
    subject = subject.slice(lead);
    subjectAt += lead;
    let cue = hedge ? `${hedge} ${verb}` : verb;
    const told =
      /^\s+(reporters|journalists|the press|the media|\p{Lu}[\p{L}’']*(?:\s+\p{Lu}[\p{L}’']*)*)/u.exec(
        s.slice(m.index + verb.length),
      );
    if (verb === 'told' && told) cue = `${hedge ? `${hedge} ` : ''}told ${told[1]}`;
    if (subject.trim() === '') {
      // Inverted: "…," said Ann Lee, the head of the board.
      const after = s.slice(m.index + verb.length);
      // Inside a sentence a full stop is a title's or an initial's ("said Dr. Ingrid Sommer").
      const phrase = (/^\s+(.+?)(?=,|;|[.!?]["”’]?\s*$|$)/.exec(after)?.[1] ?? '').trim();
      const at = sentence.start + m.index + verb.length + after.indexOf(phrase);
      const speaker = speakerOf(phrase, at, mentions, finder, previous, quotes);
      if (speaker) return hedged(result(speaker, cue, kindOf(verb, speaker, s)), hedge);
      continue;
    }
    const speaker = speakerOf(subject, subjectAt, mentions, finder, previous, quotes);
    if (speaker) return hedged(result(speaker, cue, kindOf(verb, speaker, s)), hedge);
  }

  // "It was reported that …", "X is said to have …": unnamed others, passed on by the writer.
  const passive = PASSIVE_REPORT.exec(s);
  if (passive && !inQuote(passive.index))
    return { cue: passive[0].trim(), kind: 'report', quotations: [] };

  const expected = EXPECTED.exec(s);
  if (expected) return { cue: expected[0], kind: 'assessment', quotations: [] };
  // A quotation without a verb of its own: the person the sentence opens with ("Roth has
  // described the plan as “painful but necessary.”"), else the paragraph's last speaker.
  if (quotes.length > 0) {
    const firstQuote = (quotes[0] as Span).start;
    const opener = mentions.find(
      (m) =>
        m.entity.type === 'Person' &&
        m.end < firstQuote &&
        // "The Prime Minister’s official spokesman said: ‘…’" is not the Prime Minister's.
        !/^['’]s?\s+\p{Ll}/u.test(text.slice(m.end, m.end + 4)) &&
        /^(?:\p{Lu}[\p{L}.]*\s+)*$/u.test(text.slice(sentence.start, m.start)),
    );
    if (opener) return result(opener.entity, undefined, 'quote');
    if (previous) return result(previous, undefined, 'quote');
  }
  return { kind: authorKind(s), quotations: [] };
}

/**
 * An aside after a subject, set off by a comma: a relative clause, a participle ("led by
 * lawyer Mara Quist", "speaking in Brussels", "filed in March", "re-elected in May", "sent to
 * Anna Berg", "brought against Acme"), a list ("including …"). Names in it are not the subject.
 */
const ASIDE =
  /,\s*(?:who|whom|whose|which|where|when|(?:\p{Ll}+ed|led|run|set\s+up|founded|owned)\s+by|(?:\p{Ll}[\p{Ll}-]+ed|sent|brought|written|given|seen|taken|made|held|known|shown|drawn|sworn|kept|paid|sold|built|told|found|handed\s+down)\s+(?:in|on|at|to|against|last|this|earlier|yesterday)\b|\p{Ll}{3,}ing|including|such\s+as|among\s+them|along\s+with|together\s+with|alongside|like|itself|himself|herself|themselves|now|once|then\s+\p{Ll}+)\b/u;
/**
 * A phrase before a comma that sets the scene, whoever it names: "In Oslo,", "At Acme,", "In a
 * letter to Anna Berg,", "Unlike Berg,", "Speaking to Berg,", "Unfortunately for Acme,".
 */
const OPENER_HEAD =
  /^(?:[a-z]{3,}ly\s+)?(?:in|on|at|during|for|from|under(?!\s+secretary)|across|outside|inside|near|amid|despite|with|without|following|like|unlike|besides|beyond|behind|against|among|around|throughout|within|speaking|writing|asked|questioned|pressed|interviewed|responding|replying|addressing|citing|commenting)\s/i;
/**
 * Words before an aside that join the sentence to the last or set its time, and name no
 * subject: "Later, asked on Tuesday, Berg said", "However, pressed in parliament, the minister
 * admitted", "Last week, speaking in Brussels, …".
 */
const SCENE_WORDS =
  /^(?:(?:and|but|so|yet|however|meanwhile|moreover|still|instead|later|then|earlier|separately|elsewhere|afterwards|previously|subsequently|finally|again|now|also|yesterday|today|tonight|(?:last|this|next)\s+\p{L}+|(?:earlier|later)\s+(?:this|that|last)\s+\p{L}+)(?:\s*,\s*|\s+|$))+$/iu;
/**
 * Before a verb, an open relative clause with a subject of its own: ", who police say", ",
 * which critics claim" (not ", who said", whose subject is the word the clause hangs on, nor
 * ", who last week said", ", who herself warned", ", which in May announced": adverbs, times
 * and a phrase opening with a preposition are no subject).
 */
const SPEAKER_IN_CLAUSE =
  /,\s*(?:who|whom|which|that)\s+(?!(?:(?:\p{Ll}{2,}ly|never|also|later|earlier|then|once|first|again|already|still|previously|recently|herself|himself|itself|themselves|(?:last|this|next|earlier|later)\s+\p{L}+)\s+)*(?:$|(?:had|has|have|was|is|were|are|did|does|do|will|would|could|can|may|might|must|should|not|in|on|at|during|since|after|before|until|by|for|from|with|under|through|over|amid|despite|across|without)\b))[^,;:“”"]{1,60}\s+$/u;
/** A phrase that sets the scene rather than names a subject: "In Brightwater", "After the vote". */
const PREPOSITION_OPENER =
  /^(?:in|on|at|after|before|during|since|for|from|under|across|outside|inside|near|amid|despite|by|with|without|as|while|when|once|following)\b/i;

/**
 * Whether a verb is inside a relative clause set off by commas while the sentence's own
 * reporting verb comes after it: "The club, whose secretary first reported the fish, said …".
 */
function inRelativeClause(before: string, after: string): boolean {
  return (
    /,\s*(?:who|whom|whose|which)\b[^;:“”"]*$/.test(before) &&
    !/,\s*(?:\p{Ll}+ly\s+)?$/u.test(before) &&
    new RegExp(`^[^;:“”"]*,\\s+(?:\\p{Ll}+\\s+)?${REPORTING.source}`, 'u').test(after)
  );
}

/** Verbs that introduce indirect speech: "said (that) the plant would close". */
const INDIRECT =
  /\b(?:(said|says|told|tells|stated|states|announced|announces|argued|argues|claimed|claims|warned|warns|denied|denies|insisted|insists|explained|explains|confirmed|confirms|acknowledged|admitted|admits|wrote|writes|asserted|declared|maintained|predicted|promised|pledged|stressed|noted|added|adds|adding|saying|contended|testified|conceded|estimated|alleged|reported|specified|vowed|rejected|disputed)|(according\s+to)\s+[^,;:“”"]+,)/giu;
/** Where reported words stop: a quotation, a colon or semicolon, a clause that frames one. */
const INDIRECT_END =
  /[“"«;:]|,\s+(?:and\s+)?(?:\p{Ll}+ing|who|which|while|but|according)\b|,?\s+(?:and|then|but|and\s+then)\s+(?:later\s+|also\s+)?(?:added|said|told|warned|insisted|called|described|urged|asked|stated|declared|went\s+on)\b|[.!?]["”’»]?\s*$/u;
const STARTS_CIRCUMSTANCE =
  /^(?:on|in|at|of|about|during|after|before|outside|inside|near|ahead|amid|despite|within|without|under|over|through|behind|beside|late|early|last|this|yesterday|today|to|with|for|from|by|as|when|while|again|also|later|then|publicly|privately)\b/i;

/**
 * The indirect speech of a sentence that also quotes: after each reporting verb outside the
 * quotation marks (its object skipped after "told", "that" skipped), the words up to the next
 * quotation, colon, "-ing" clause or end, when they are three words or more.
 */
function indirectSpeech(
  s: string,
  offset: number,
  inQuote: (at: number) => boolean,
): { span: Span; cue: string; according: boolean }[] {
  const out: { span: Span; cue: string; according: boolean }[] = [];
  INDIRECT.lastIndex = 0;
  for (let m = INDIRECT.exec(s); m !== null; m = INDIRECT.exec(s)) {
    if (inQuote(m.index)) continue;
    const before = s.slice(0, m.index);
    if (PASSIVE_BEFORE.test(before) || NOT_SAID.test(before)) continue;
    if (m[1] && inRelativeClause(before, s.slice(m.index + m[0].length))) continue;
    const according = m[2] !== undefined;
    // "…,” said Dr. Ingrid Sommer": after an inverted verb comes its speaker, not its words.
    if (!according && /(?:^|[”"»])[\s,.;:]*$/.test(before)) continue;
    let from = m.index + m[0].length;
    if (!according) {
      let rest = s.slice(from);
      if (/^tell|^told/i.test(m[1] as string)) {
        const object = /^\s+(?:the\s+)?[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*/u.exec(rest);
        if (object) {
          from += object[0].length;
          rest = s.slice(from);
        }
      }
      const that = /^(?:\s+[^,:;“”"]{0,40}?)?\s+that\s+/u.exec(rest);
      if (that) from += that[0].length;
      // After a quotation ("“…,” Brenner told reporters outside the hall") the verb's words
      // are the quotation: only "that" opens more.
      else if (
        STARTS_CIRCUMSTANCE.test(rest.trimStart()) ||
        !/^\s+\p{L}/u.test(rest) ||
        /[”"»][^“”"«]*$/.test(before)
      )
        continue;
    }
    const tail = s.slice(from);
    // A quotation inside the reported clause ("said the plan was “a gift to the bankers” and
    // would fail") is part of it: the words go on after the closing mark.
    let cut = tail.length;
    for (let searched = 0; searched < tail.length; ) {
      const stop = INDIRECT_END.exec(tail.slice(searched));
      if (!stop) break;
      const at = searched + stop.index;
      const close = tail.slice(at + 1).search(/[”"»]/);
      if (!/^[“"«]$/.test(stop[0]) || /(?:^|[,:])\s*$/.test(tail.slice(0, at)) || close < 0) {
        cut = at;
        break;
      }
      searched = at + close + 2;
    }
    const words = tail.slice(0, cut).replace(/[\s,]+$/, '');
    if (words.trim().split(/\s+/).length < 3 || !/^\s*[\p{L}\p{N}]/u.test(words)) continue;
    // A quotation that ends the reported words carries them ("said the decision “was made
    // before …”"); only words after it ("… and would fail") are reported beyond it.
    const lastClose = Math.max(
      words.lastIndexOf('”'),
      words.lastIndexOf('"'),
      words.lastIndexOf('»'),
    );
    if (
      lastClose >= 0 &&
      words
        .slice(lastClose + 1)
        .trim()
        .split(/\s+/)
        .filter(Boolean).length < 3
    )
      continue;
    // From the speaker or cue after the last quotation before it, to the end of the words.
    const quoteEnd = Math.max(
      before.lastIndexOf('”'),
      before.lastIndexOf('"'),
      before.lastIndexOf('»'),
    );
    let start = quoteEnd + 1;
    while (start < m.index && /[\s,.;:]/.test(s[start] as string)) start++;
    const end = from + words.length;
    const cue = according ? (m[2] as string) : (m[1] as string);
    out.push({ span: { start: offset + start, end: offset + end }, cue, according });
  }
  return out;
}

function hedged(a: Attribution, hedge: string | undefined): Attribution {
  if (!hedge) return a;
  // The hedged verb's own indirect words carry the hedge in their cue too.
  const verb = a.cue?.slice(hedge.length + 1).split(' ')[0];
  const reported = a.reported?.map((r) =>
    r.cue === verb ? { ...r, cue: `${hedge} ${r.cue}` } : r,
  );
  return { ...a, hedge, ...(reported ? { reported } : {}) };
}

function kindOf(verb: string, speaker: FoundEntity, sentence: string): ClaimKind {
  if (DENIAL.test(verb)) return 'denial';
  // "However, X specified that … would not …": a rebuttal of what came before.
  if (
    /^(?:However|But|Yet)\b/.test(sentence) &&
    /\b(?:not|no|never|neither|nor)\b|n['’]t\b/.test(sentence)
  )
    return 'denial';
  if (REPORT.test(verb) || speaker.type === 'Media') return 'report';
  // A paper reports what its authors found or allege.
  if (
    speaker.type === 'Group' &&
    (DOCUMENT_LAST.test(speaker.name) || DOCUMENT_HEAD.test(speaker.name))
  )
    return 'report';
  return 'statement';
}

/** The writer's own sentence: evaluative, a past event, or a standing fact. */
export function authorKind(s: string): ClaimKind {
  if (EVALUATIVE.test(s)) return 'assessment';
  if ((IRREGULAR_PAST.test(s) || REGULAR_PAST.test(s)) && !/^\s*\S+\s+(has|have)\b/i.test(s))
    return 'event';
  if (PERFECT_OR_PRESENT.test(s)) return 'background';
  return 'background';
}

/**
 * Resolves a subject phrase to a speaker: an entity named at its start, a pronoun's most
 * recent speaker, an office ("the minister"), a spokesperson's body, or else a group named
 * by the phrase itself ("CivilNet’s sources in Armenia’s Government").
 */
function speakerOf(
  whole: string,
  wholeAt: number,
  mentions: Mention[],
  finder: EntityFinder,
  previous: FoundEntity | undefined,
  quotes: Span[] = [],
): FoundEntity | undefined {
  let raw = whole;
  let at = wholeAt;
  // "The defence, led by lawyer Mara Quist, said": a name in an aside is not the subject.
  const aside = ASIDE.exec(raw);
  // Whether the phrase was cut at an aside: "Acme's chief, Anna Berg, appointed in May," ends
  // in its apposition.
  let cut = false;
  if (aside && aside.index > 0) {
    const head = raw.slice(0, aside.index);
    const scene = head.trim();
    if (!PREPOSITION_OPENER.test(scene) && !SCENE_WORDS.test(scene) && !OPENER_HEAD.test(scene)) {
      raw = head;
      cut = true;
    } else {
      // "In Brightwater, where Olaf Berg lives, officials said", "Later, asked on Tuesday,
      // Berg said": the subject follows the aside.
      const last = raw.replace(/[\s,]+$/, '').lastIndexOf(',');
      const opener = head.lastIndexOf(',');
      if (last > aside.index) {
        at += last + 1;
        raw = raw.slice(last + 1);
      } else if (opener >= 0) {
        // "In Oslo, police, called in by the mayor, said": it is between the opener and the aside.
        at += opener + 1;
        raw = head.slice(opener + 1);
      }
    }
  }
  // "The mayor of Springfield, Jane Roe, said": the person set off by commas speaks.
  const apposed = mentions.find((m) => {
    if (m.start < at || m.end > at + raw.length) return false;
    const rel = m.start - at;
    const after = raw.slice(m.end - at);
    if (!/,\s*$/.test(raw.slice(0, rel)) || !(/^\s*,\s*$/.test(after) || (cut && after === '')))
      return false;
    // "Its German supplier, Keller Optik AG, said": a body set off by commas after a
    // description of it speaks too; a country or place there is a circumstance.
    return (
      m.entity.type === 'Person' ||
      (m.entity.type !== 'Country' &&
        m.entity.type !== 'Place' &&
        DESCRIBED.test(`${raw.slice(0, rel).replace(/,\s*$/, '')} `))
    );
  });
  if (apposed) return apposed.entity;
  let phrase = raw;
  let offset = at;
  // Drop openers ("However,", "On Monday,") whose part before the comma names nobody, and
  // those that name someone who does not speak: a scene ("In Oslo, police said", "Unlike
  // Berg, Holt said") or a subordinate clause ("After Berg resigned, Holt said").
  let subordinate: 'preposition' | 'conjunction' | undefined;
  for (;;) {
    const lead = LEADING.exec(phrase);
    if (lead && lead[0].length > 0) {
      const word = SUBORDINATOR.exec(lead[0])?.[0].toLowerCase();
      if (word)
        subordinate = /^(?:after|before|since|until|as)$/.test(word)
          ? 'preposition'
          : 'conjunction';
      phrase = phrase.slice(lead[0].length);
      offset += lead[0].length;
      continue;
    }
    const comma = phrase.indexOf(',');
    if (comma < 0) break;
    // "Critics, including the union, warned": the part before the comma is the subject.
    if (/^\s*(?:including|such as|among them|notably)\b/i.test(phrase.slice(comma + 1))) break;
    const named = mentions.filter((m) => m.start >= offset && m.start < offset + comma);
    // "When Anna Berg, the mayor, said", "Because Acme’s lawyers, X and Y, said": after a
    // conjunction a name or a noun with no verb is the subject; "After X resigned," and "As
    // X's chief," are not.
    const words = named
      .reduceRight(
        (head, m) => head.slice(0, m.start - offset) + head.slice(m.end - offset),
        phrase.slice(0, comma),
      )
      .replace(/['’]s?\b/g, '')
      .split(/\s+/);
    const clause =
      subordinate === 'preposition'
        ? words.some((w) => /^\p{Ll}{2,}$/u.test(w))
        : subordinate === 'conjunction' && words.some((w) => FINITE.test(w));
    // "Under Armour, the sportswear maker, said": a name that opens with such a word is no scene.
    const scene =
      OPENER_HEAD.test(phrase) &&
      !named.some((m) => m.start === offset) &&
      !/^[Uu]nder\s+(?:\p{Lu}[\p{L}&.'’-]*\s*)+$/u.test(phrase.slice(0, comma));
    if (named.length > 0 && !scene && !SCENE_WORDS.test(phrase.slice(0, comma)) && !clause) break;
    subordinate = undefined;
    const cut = comma + 1 + (/^\s*/.exec(phrase.slice(comma + 1))?.[0].length ?? 0);
    phrase = phrase.slice(cut);
    offset += cut;
  }
  // Appositions and trailing words: "Jane Roe, the mayor," / "Shoygu also".
  phrase = phrase.replace(/,.*$/s, '');
  for (let prev = ''; prev !== phrase; ) {
    prev = phrase;
    phrase = phrase.trimEnd().replace(TRAILING, '').replace(TRAILING_ADVERB, '');
  }
  phrase = phrase.trim().replace(PAPER_TIME, '$1');
  if (phrase === '' || phrase.split(/\s+/).length > 12) return undefined;
  // The person named last before the phrase: not one named after it in the sentence ("He said
  // Anna Berg lied" is not Anna Berg's), nor in its quotation ("“Berg lied,” he said").
  const later = new Set(
    mentions
      .filter((m) => m.start >= offset || quotes.some((q) => m.start >= q.start && m.start < q.end))
      .map((m) => m.entity),
  );
  const lastPerson = () => finder.lastPerson((e) => !later.has(e));
  if (PRONOUN.test(phrase)) return previous ?? lastPerson();
  const own = OWN_PAPER.exec(phrase);
  if (own) {
    // "His letter", "her report": the last speaker's if a person and no one was named since,
    // else, with no person speaking, the last person named; "its website", "their statement":
    // the last speaker's when it is no person ("their" is rarely one person's). Else the
    // paper is a group of its own, as "The letter" is.
    const whose = (own[1] as string).toLowerCase();
    const last = lastPerson();
    const owner =
      whose === 'its' || whose === 'their'
        ? previous?.type === 'Person'
          ? undefined
          : previous
        : previous?.type === 'Person'
          ? previous === last
            ? previous
            : undefined
          : last;
    if (owner) return owner;
  }
  const inPhrase = mentions.filter((m) => m.start >= offset && m.start < offset + phrase.length);
  // A person named in the phrase speaks; bodies beside the name are affiliations
  // ("Veltrix chief executive Hanna Lindqvist", "Pashinyan … in an interview with Kommersant").
  // "Ms Whitcombe’s spokesman": a name with a possessive before a noun is whose, not who.
  const owner = (m: Mention) => /^['’]s?\s+\p{Ll}/u.test(text(m));
  const text = (m: Mention) => phrase.slice(m.end - offset);
  const person = inPhrase.find((m) => m.entity.type === 'Person' && !owner(m));
  if (person && !/^(?:a|an|the)\s/i.test(phrase)) return person.entity;
  // The first mention; of two that start together ("European" and "European Commission"), the longer.
  let first = inPhrase.reduce<Mention | undefined>(
    (best, m) =>
      !best || m.start < best.start || (m.start === best.start && m.end > best.end) ? m : best,
    undefined,
  );
  // "Russian Kommersant daily": a demonym before a name qualifies it.
  if (
    first &&
    inPhrase[1] &&
    first.entity.type === 'Country' &&
    first.end + 1 === inPhrase[1].start
  )
    first = { ...inPhrase[1], start: first.start };
  // A demonym and a descriptor before the name: "the Swedish newspaper Dagens Nyheter".
  if (
    first &&
    first.entity.type === 'Country' &&
    inPhrase[1] &&
    DESCRIBED.test(phrase.slice(first.end - offset, inPhrase[1].start - offset))
  )
    first = inPhrase[1];
  // A title, an article or a descriptor before the name ("Council Leader Tomas Brenner", "Dr.
  // Adeyemi", "the Courier", "local newspaper Göteborgs-Posten", "a report by Amnesty").
  const lead = first ? phrase.slice(0, first.start - offset) : '';
  // "The story in the Times (about Anna Berg) claimed": the publication's, not its subject's.
  if (
    first?.entity.type === 'Media' &&
    PIECE_IN.test(lead) &&
    /^(?:\s+(?:about|on|into|over)\s.*)?$/su.test(phrase.slice(first.end - offset))
  )
    return first.entity;
  // "Beverly Hills police said": the people of a place speak, as "Springfield residents" do.
  if (
    first?.entity.type === 'Place' &&
    lead === '' &&
    PEOPLE_ONLY.test(phrase.slice(first.end - offset))
  )
    return finder.group(phrase);
  if (first && (/^(?:the\s+)?(?:\p{Lu}[\p{L}.]*\s+)*$/u.test(lead) || DESCRIBED.test(lead))) {
    const after = phrase.slice(first.end - offset);
    // "CivilNet’s sources in …": the possessive names whose sources, not who speaks; "Le
    // Monde's website" is Le Monde's own words.
    if (!/^['’]s?\s+\p{Ll}/u.test(after) || OWN_WORDS.test(after)) return first.entity;
  }
  // "The minister", "the chief executive", "The CEO": whoever holds the office, named before.
  const office = /^[Tt]he\s+([\p{Ll}-]+(?:\s+[\p{Ll}-]+)?|C[EFOTIM]O|[SE]?VP)$/u.exec(phrase);
  if (office) {
    const head = (office[1] as string).split(/\s+/).slice(-1)[0] as string;
    const person = finder.byOffice(head);
    if (person) return person;
    const body = mentions.find((m) => m.start >= offset && m.start < offset + phrase.length);
    if (body) return body.entity;
  }
  const spokes = SPOKES.exec(phrase);
  if (spokes) {
    const body = mentions.find(
      (m) => m.start >= offset + phrase.length - (spokes[1] as string).length,
    );
    if (body) return body.entity;
  }
  if (!/^[\p{L}\p{N}“"‘']/u.test(phrase) || phrase.split(/\s+/).length > 8) return undefined;
  // Only a phrase naming people who can speak ("officials", "CivilNet’s sources in …",
  // "the mayor of Springfield"), or a paper that speaks for its authors ("the indictment", "a
  // court filing"), becomes a group; "the plan" or "the data" is no source.
  const lower = phrase.charAt(0).toLowerCase() + phrase.slice(1);
  const m = new RegExp(
    `^(?:(?:the|a|an|some|several|many|two|three|local|senior|other|[\\p{L}\\p{M}.-]+['’]s?|\\p{L}[\\p{L}\\p{M}.-]*(?=(?:\\s+\\p{Lu}[\\p{L}\\p{M}.-]*)*['’]s?\\s))\\s+){0,3}(?:[\\p{Ll}-]+\\s+){0,2}(${SOURCE_NOUNS.source}|${DOCUMENT_NOUNS.source})(?:\\s+(?:in|of|at|for|from|with|close to|by|against)\\s+.+)?$`,
    'u',
  ).exec(lower);
  if (!m) return undefined;
  return finder.group(phrase);
}

/** A turn's role in a question-and-answer interview. */
export type TurnRole = 'question' | 'answer';

/** A body laid out as an interview: labelled questions and answers after an introduction. */
export interface Interview {
  /** Where the first labelled turn begins: what comes before is the writer's introduction. */
  firstTurn: number;
  /** The sentences of a paragraph, each with its role in the interview (none for the writer's). */
  sentencesIn(para: Span): { span: Span; role?: TurnRole }[];
}

/** A label opening a line: "Q:", "A:", "Q.", "Question:", "Answer —". */
const TURN_LABEL = /(^|\n)[ \t]*(Q|A|Question|Answer)[ \t]*[:.)\u2013\u2014-][ \t]+/g;

/**
 * Reads a body laid out as a Q/A interview. It is one only when lines open with both a
 * question label and an answer label. An unlabelled paragraph after an answer goes on with it
 * while another question follows; after the last answer it is the writer's again.
 */
export function readInterview(text: string, paras: Span[]): Interview | undefined {
  type Part = { span: Span; role?: TurnRole; labelled: boolean };
  const parts: Part[][] = paras.map((para) => {
    const slice = text.slice(para.start, para.end);
    const labels = [...slice.matchAll(TURN_LABEL)];
    if (labels.length === 0) return [{ span: para, labelled: false }];
    const out: Part[] = [];
    const firstAt = para.start + (labels[0]?.index ?? 0);
    if (firstAt > para.start)
      out.push({ span: { start: para.start, end: firstAt }, labelled: false });
    labels.forEach((m, i) => {
      const next = labels[i + 1];
      out.push({
        span: {
          start: para.start + m.index + m[0].length,
          end: next ? para.start + next.index + (next[1] as string).length : para.end,
        },
        role: /^Q/.test(m[2] as string) ? 'question' : 'answer',
        labelled: true,
      });
    });
    return out;
  });
  const flat = parts.flat();
  const labelled = flat.filter((p) => p.labelled);
  if (!labelled.some((p) => p.role === 'question') || !labelled.some((p) => p.role === 'answer'))
    return undefined;
  // Unlabelled text after the first turn goes on with the turn before it, unless it follows the
  // last answer with no question after it (a closing note of the writer's).
  let role: TurnRole | undefined;
  flat.forEach((p, i) => {
    if (p.labelled) {
      role = p.role;
      return;
    }
    if (role === undefined) return;
    const later = flat.slice(i + 1).some((q) => q.labelled && q.role === 'question');
    if (role === 'question' || later) p.role = role;
  });
  const byPara = new Map(paras.map((para, i) => [para.start, parts[i] as Part[]]));
  return {
    firstTurn: (labelled[0] as Part).span.start,
    sentencesIn(para) {
      return (byPara.get(para.start) ?? [{ span: para, labelled: false }]).flatMap((p) =>
        splitSentences(text, p.span.start, p.span.end).map((span) => ({
          span,
          ...(p.role ? { role: p.role } : {}),
        })),
      );
    },
  };
}

const INTERVIEW_WORDS =
  /\b(?:interview\w*|spoke|speaks|talked|talks|sat\s+down|answered|answers|questions|asked)\b/i;

/** A label before the headline's name: "Interview: Ivo Sand on …", "Q&A — …". */
const HEADLINE_LABEL = /^\s*(?:interview|q\s*&\s*a|in\s+conversation)\s*[:|\u2013\u2014-]\s*/i;

/**
 * Who answers in an interview: the subject of the introduction's sentence about the interview
 * ("Anna Berg, chief executive of …, spoke to the Courier"), else the person named next to its
 * words ("an interview with Anna Berg"), else the first person the introduction names, else the
 * first the headline names (past a label such as "Interview:"), else a group, "the interviewee".
 */
export function findInterviewee(
  intro: { sentence: Span; mentions: Mention[] }[],
  text: string,
  finder: EntityFinder,
  headline: Span | undefined,
): FoundEntity {
  const people = (ms: Mention[]) => ms.filter((m) => m.entity.type === 'Person');
  for (const s of intro) {
    const words = INTERVIEW_WORDS.exec(text.slice(s.sentence.start, s.sentence.end));
    const found = people(s.mentions);
    if (!words || found.length === 0) continue;
    const at = s.sentence.start + words.index;
    const subject = speakerOf(
      text.slice(s.sentence.start, at),
      s.sentence.start,
      s.mentions,
      finder,
      undefined,
    );
    if (subject?.type === 'Person') return subject;
    const before = found.filter((m) => m.end <= at).pop();
    return (before ?? found.find((m) => m.start >= at) ?? (found[0] as Mention)).entity;
  }
  for (const s of intro) {
    const first = people(s.mentions)[0];
    if (first) return first.entity;
  }
  if (headline) {
    const label = HEADLINE_LABEL.exec(text.slice(headline.start, headline.end));
    const from = headline.start + (label ? label[0].length : 0);
    const first = people(finder.mentionsIn(text, from, headline.end))[0];
    if (first) return first.entity;
  }
  return finder.group('the interviewee');
}
