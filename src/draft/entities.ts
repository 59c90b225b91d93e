import type { EntityType } from '../core/model/types.js';
import { SOURCE_NOUNS } from './attribution.js';
import { PLACE_BY_NAME } from './gazetteer.js';

/**
 * Named-entity finding for `armru draft`, by rules over capitalised words: titles are
 * stripped from people's names ("Armenian Defense Minister Davit Tonoyan" is Davit Tonoyan,
 * and Armenia is mentioned), a surname after a full mention is that person, "the ministry"
 * after "Russian Defense Ministry" is that ministry, demonyms are their country, and words
 * inside the name ("Ministry", "Base", "daily") give the type.
 */

/** An entity the draft has found, with the names the text gives it. */
export interface FoundEntity {
  id: string;
  type: EntityType;
  name: string;
  /** Other names the text uses for it, as written. */
  aliases: string[];
  /** Offices the text gives the person ("Defense Minister"), lower-case head words. */
  titles: string[];
  /** The title as written at the first mention, for the description. */
  title?: string;
}

/** Where the text names an entity (UTF-16 indices into the article). */
export interface Mention {
  start: number;
  end: number;
  entity: FoundEntity;
}

const TITLE_HEADS = new Set(
  'Minister Premier President Chancellor Secretary General Mayor Governor Senator Ambassador Spokesman Spokeswoman Spokesperson Director Chairman Chairwoman Chair Chief Commander Colonel Captain Lieutenant Sergeant Admiral Judge Prosecutor King Queen Prince Princess Pope Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Prof Prof. Professor Sheriff Councillor Councilor Councilwoman Councilman CEO Officer Inspector Detective Representative Rep. Sen. Gov. Gen. Col. Lt. Capt. Sir Dame Lord Lady Rabbi Bishop Archbishop Imam Superintendent Constable Commissioner Minister-President Deputy Vice Speaker Leader Head Manager Founder Editor Correspondent Researcher Economist Analyst Spokesperson Lawmaker Legislator Coach Attorney Lawyer Counsel Justice Magistrate Treasurer Auditor Ombudsman Trustee Envoy Consul Administrator Controller Comptroller Provost Rector CEO CFO COO CTO CIO CMO CHRO CCO CDO CSO VP SVP EVP MP MEP'.split(
    ' ',
  ),
);
// Words that follow a title's head inside the title: "Chief Executive", "President Emeritus".
const TITLE_FOLLOWERS = new Set(['Executive', 'Emeritus', 'Designate', 'General']);
// What an office is "of" or "for": "Vice President of Sales", "Minister for Foreign Affairs".
const DEPARTMENTS = new Set(
  'Sales Marketing Operations Engineering Staff Products Policy Strategy Technology Communications Human Resources Investor Relations Security Affairs Development Innovation Procurement Compliance Risk Audit Legal Infrastructure Services Supply Chain Digital Data Growth Customer Business'.split(
    ' ',
  ),
);
const TITLE_MODIFIERS = new Set(
  'Prime Council Party Opposition Defense Defence Foreign Interior Home Finance Health Economy Economic Education Justice Trade Energy Transport Environment Agriculture Acting Executive Attorney State Culture Deputy Vice First Chief Senior Assistant Associate Former Press Communications Public Financial Operating Technical Managing Science Research Emergency Labour Labor Water Regional City Police Fire Fleet District Supreme Lead'.split(
    ' ',
  ),
);
// Capitalised only because they open a sentence or a quotation, or never names.
const STOP = new Set(
  'The A An And But Or So Anyone Everyone Someone Nobody Everybody Somebody Anything Everything Nothing Something Yet However Hence Thus Therefore Meanwhile Moreover Furthermore Also Still With Without In On At For From To Of By As If When While Since Until After Before During Unlike Like According Although Though Because This That These Those There Here It Its He She They We I You His Her Their Our My Your Both Some Many Most Several Few All Any Each Every No Not None One Two Three Four Five Ten First Second Last Next Then Now Today Yesterday Tomorrow Tonight What Which Who Whom Whose Where Why How Yes Despite Under Over Between Among Across Through Instead Indeed Perhaps Even Only Just Such Other Another More Less Much Asked Speaking Once Later Earlier Officials Residents Critics Experts Analysts Sources Police Ministers Workers Nor Will Would Can Could Should Must May Might Let'.split(
    ' ',
  ),
);
/**
 * Sentence adverbs, capitalised only because they open a sentence ("Additionally, Acme said",
 * "Nevertheless, the mayor said"): no entity, and no speaker. A list of the common ones, and
 * the long adverbs of a few endings (at least four letters before it, so "Sally", "Kelly" or
 * "Italy" is no adverb).
 */
const SENTENCE_ADVERBS = new Set(
  'Nevertheless Nonetheless Elsewhere Afterwards Afterward Otherwise Likewise Besides Overall Regardless Thereafter Further Finally Lastly Firstly Secondly Thirdly Separately Similarly Alternatively Ultimately Notably Specifically Frankly Crucially Initially Originally Previously Recently Currently Eventually Additionally Conversely Consequently Accordingly Admittedly Apparently Reportedly Allegedly Interestingly Ironically Importantly Unfortunately Fortunately Surprisingly Understandably'.split(
    ' ',
  ),
);
const ADVERB_ENDING =
  /^\p{Lu}\p{Ll}{3,}(?:ally|ately|ently|antly|ively|ously|edly|ingly|arly|fully|lessly|ibly|ably)$/u;

/** A sentence adverb's shape: capitalised only where it opens a sentence or a quotation. */
function adverbShaped(word: string): boolean {
  return SENTENCE_ADVERBS.has(word) || ADVERB_ENDING.test(word);
}

/**
 * How many name particles (NAME_PARTICLES) begin at toks[k], one space apart, when a
 * capitalised word follows them: 0 when none do.
 */
function particlesAt(toks: readonly Token[], k: number, text: string): number {
  let n = 0;
  while (n < 3 && NAME_PARTICLES.has(toks[k + n]?.text ?? '')) {
    const next = toks[k + n + 1];
    if (!next || text.slice((toks[k + n] as Token).end, next.start) !== ' ') return 0;
    n++;
  }
  const after = toks[k + n];
  return n > 0 && after !== undefined && isCap(after.text) ? n : 0;
}

/**
 * A person's name in shape: two to four capitalised words ("Anna Berg"), or capitalised
 * words with name particles between them ("Charles de Gaulle", "Ursula von der Leyen").
 */
function personShaped(run: readonly Token[]): boolean {
  const named = (x: Token) => /^\p{Lu}\p{Ll}/u.test(x.text);
  const words = run.filter(named).length;
  if (words < 2 || words > 4 || run.length > 6) return false;
  if (!named(run[0] as Token) || !named(run[run.length - 1] as Token)) return false;
  return run.every((x) => named(x) || NAME_PARTICLES.has(x.text));
}

/** Capitals that name a measure, a disease or a thing, never an actor: "GDP grew", "COVID cases". */
const NO_ACTOR = new Set(
  'GDP GNP CPI PMI COVID COVID-19 Covid Covid-19 SARS HIV AIDS IPO AI VAT PPE DNA GMT BST CET EST PST UTC'.split(
    ' ',
  ),
);
/** A whole word that is a noun for people who speak (attribution.ts's SOURCE_NOUNS). */
const PEOPLE_NOUN = new RegExp(`^(?:${SOURCE_NOUNS.source})$`);
const CALENDAR = new Set(
  'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec'.split(
    ' ',
  ),
);
// Capitalised nouns that name no entity on their own ("Revolution", a lone "Government").
const GENERIC = new Set(
  'Revolution Government Governments Ministry Ministries President Minister Parliament Army Union Council Committee Agency Base Company Court Police State States Republic City Region Province Day War Treaty Agreement Memorandum Summit Plan Act Law Bill Mr Mrs Ms Dr'.split(
    ' ',
  ),
);
const EVENTS =
  /\b(?:Revolution|War|Summit|Day|Plan|Act|Law|Bill|Treaty|Agreement|Accords?|Memorandum|Games|Cup|Olympics|Election|Crisis)$/;
/**
 * Lower-case particles inside a person's name ("Ursula von der Leyen", "Charles de Gaulle",
 * "Erik ten Hag", "Mohammed bin Salman"): up to three of them join the capitalised words on
 * either side into one name.
 */
const NAME_PARTICLES = new Set(
  'de del della der den des di da das dos du von van ten ter bin bint ibn al el le la'.split(' '),
);
const CONNECTORS = new Set(['of', 'for', ...NAME_PARTICLES]);

const KEYWORD_TYPES: [RegExp, EntityType][] = [
  [
    /\b(Ministry|Ministries|Government|Governments|Cabinet|Kremlin|Parliament|Administration|Department|Congress|Senate|White House|Duma|Presidency|Council of Ministers)\b/,
    'Government',
  ],
  [
    /\b(Base|Brigade|Division|Regiment|Battalion|Army|Navy|Air Force|Forces|Military|Guard|Fleet|Corps|Command|Marines)\b/,
    'MilitaryUnit',
  ],
  [
    /\b(Times|News|Post|Journal|Gazette|Tribune|Herald|Radio|Television|TV|Press|Reuters|Bloomberg|Telegraph|Guardian|Observer|Chronicle|Courier|Mirror|Express|Monitor|Magazine|Wire|Daily|Weekly|Broadcasting|Network)\b/,
    'Media',
  ],
  [
    /\b(Union|Organization|Organisation|Council|Bank|Party|Company|Corporation|Corp\.?|Inc\.?|Ltd\.?|LLC|Group|University|College|School|Hospital|Committee|Association|Institute|Fund|Foundation|Alliance|League|Federation|Society|Commission|Agency|Authority|Board|Office|Court|Church|Club|Bloc|Coalition|Movement|Front|Trust|Utility|Utilities|Cooperative|Co-op|Works|Industries|Systems|Laboratories|Labs|Center|Centre|Museum|Library|Service|Services|Water|Power|Energy|Electric|Gas|Telecom|Airlines|Airways|Motors|Foods|Pharma|Partners|Holdings|Friends|Shipping|Logistics|Freight|Lines|Ferries|Railways?|Transport|Mining|Steel|Metals|Chemicals|Textiles|Mills|Construction|Builders|Capital|Insurance|Investments|Securities|Technologies|Solutions|Networks|Communications|Media|Publishing|Studios|Entertainment|Hotels|Resorts|Retail|Stores|Markets|Farms|Dairies|Brewery|Breweries|Shipyards?|Petroleum|Oil|Resources|Anglers|Rangers|United|AG|SA|SARL|GmbH|plc|PLC|NV|BV|SpA|ASA|Oy|Oyj)\b/,
    'Organization',
  ],
  [
    /\b(Street|Road|Avenue|Square|River|Lake|Mountain|Mountains|Mount|Valley|Bay|Sea|Ocean|Island|Islands|Province|Region|District|County|City|Border|Airport|Port|Harbour|Harbor|Bridge|Park|Plant|Dam|Station|Coast|Peninsula|Strait|Gulf|Desert|Forest|Canal|Quarter|Town|Village)\b/,
    'Place',
  ],
];
const MEDIA_NOUNS =
  /^\s+(daily|newspaper|news agency|agency|broadcaster|weekly|magazine|website|outlet|channel|television|radio|tabloid|paper)\b/;
const LOCATIVE =
  /\b(in|at|near|from|to|across|outside|inside|towards|toward|into|around|through|via|over|under)\s+(?:the\s+)?$/;
const SPEECH_AFTER =
  /^\s*(?:himself|herself|also|later|again|then|,)?\s*(said|says|told|tells|stated|announced|argued|claimed|warned|denied|rejected|added|noted|insisted|explained|confirmed|wrote|declared)\b/;
/**
 * After a name opening a sentence, a verb that reports ("Reuters reported", "Bloomberg
 * revealed"): the word is a source, not a common noun capitalised as the sentence opens.
 */
const REPORT_AFTER =
  /^\s*(?:also\s+)?(?:reported|reports|revealed|reveals|published|publishes|alleged|alleges|accused|accuses|quoted|quotes|cited|cites|disclosed|discloses|admitted|admits|acknowledged|acknowledges|urged|urges)\b/;
/** Modal verbs that are also given names ("Will Smith", "May Berg"). */
const GIVEN_MODALS = new Set(['Will', 'May']);
/** What follows a name that speaks: a verb of speech, or an apposition ("…, the mayor,"). */
const APPOSITION_OR_SPEECH = new RegExp(`${SPEECH_AFTER.source}|^,\\s+(?:the|a|an|who|whose)\\s`);

/** A plural noun for people right after a name ("… police said", "… employees said"). */
const PEOPLE_AFTER =
  /^\s+(police|officials|authorities|residents|voters|firefighters|lawmakers|councillors|councilors|prosecutors|officers|employees|workers|staff|executives|shareholders|investors|students|fans|players|supporters)\b/;
/** Those of them who are a place's. */
const LOCAL_PEOPLE =
  /^(?:police|officials|authorities|residents|voters|firefighters|lawmakers|councillors|councilors|prosecutors|officers)$/;
const GROUP_NOUNS =
  /^\s+(military|army|navy|troops|forces|government|authorities|parliament|embassy|police)\b/;
const ANAPHORA =
  /\b(the)\s+(ministry|government|company|agency|army|council|union|committee|bank|party|base|newspaper|daily|utility|university|court|organisation|organization|commission|board|authority|department|firm|group)\b/gi;

const fold = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    .trim();

/** Turns a name into an id: ASCII letters and digits joined by hyphens. */
export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

interface Token {
  text: string;
  start: number;
  end: number;
  possessive: boolean;
}

const TOKEN = /[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}.&'’-]*[\p{L}\p{M}\p{N}.])?/gu;

function tokens(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  const slice = text.slice(from, to);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m !== null; m = TOKEN.exec(slice)) {
    let word = m[0];
    // A full stop belongs to the word only in abbreviations (U.S., Dr., Inc.).
    if (
      word.endsWith('.') &&
      !/^(?:\p{L}\.)+$|^(?:Dr|Mr|Mrs|Ms|Prof|Rep|Sen|Gov|Gen|Col|Lt|Capt|St|Inc|Corp|Ltd|Co|Jr|Sr)\.$/u.test(
        word,
      )
    )
      word = word.slice(0, -1);
    let possessive = false;
    const pm = /['’]s?$/.exec(word);
    if (pm && word.length > pm[0].length && (pm[0].length === 2 || /s$/.test(word.slice(0, -1)))) {
      possessive = true;
      word = word.slice(0, -pm[0].length);
    }
    const start = from + m.index;
    out.push({ text: word, start, end: start + word.length, possessive });
  }
  return out;
}

const isAllCaps = (w: string) => /^[\p{Lu}\d&.-]{2,}$/u.test(w);
const isCap = (w: string) => /^[\p{Lu}\p{Lt}]/u.test(w);
const isOrdinal = (w: string) => /^\d+(?:st|nd|rd|th)$/.test(w);

/**
 * Finds and resolves entity mentions sentence by sentence, in article order, so that a
 * surname or "the ministry" resolves to what came before it.
 */
export class EntityFinder {
  readonly entities: FoundEntity[] = [];
  private readonly byKey = new Map<string, FoundEntity>();
  private readonly ids = new Set<string>(['author']);
  private readonly nextNumber = new Map<string, number>();
  private readonly nameWords = new WeakMap<FoundEntity, string[]>();
  private readonly aliasWords = new WeakMap<FoundEntity, Set<string>>();
  private readonly recent: FoundEntity[] = [];
  /** Words the text also writes in lower case: capitalised at a sentence's start, not names. */
  private readonly lowerWords = new Set<string>();

  /** Capitalised words the text writes on their own, not followed by another capitalised word. */
  private readonly aloneWords = new Set<string>();

  /**
   * Capitalised words the text writes after a word all in lower case ("in Grammarly"): names
   * (not after "Acme" in a headline in title case, "Acme Finally Signs Deal").
   */
  private readonly midWords = new Set<string>();

  /**
   * The last words of people's names and the first words of bodies' names of two words or
   * more, as found so far: `knows` asks of every capitalised run whether it is one, and
   * scanning every entity for it made drafting cost names times text.
   */
  private readonly surnames = new Set<string>();
  private readonly firstWords = new Set<string>();

  /** Whether the text contains a name, asked once per name (each answer reads the whole text). */
  private readonly inText = new Map<string, boolean>();

  private readonly source: string;

  constructor(text: string) {
    this.source = text;
    for (const m of text.matchAll(/(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*/gu))
      this.lowerWords.add(m[0]);
    for (const m of text.matchAll(
      /(?<![\p{L}\p{M}'’-])\p{Lu}[\p{L}\p{M}]*(?![\p{L}\p{M}-]|\s+\p{Lu})/gu,
    ))
      this.aloneWords.add(m[0]);
    for (const m of text.matchAll(/(?<=(?<![\p{L}\p{M}])\p{Ll}+[ \t]+)\p{Lu}[\p{L}\p{M}]*/gu))
      this.midWords.add(m[0]);
  }

  /** The place a dateline names ("GOTHENBURG, March 3 —"): a place, like "in Gothenburg". */
  datelinePlace(name: string): FoundEntity {
    const known = this.lookup(name);
    if (known) return known;
    const place = PLACE_BY_NAME.get(name.toLowerCase());
    return place ? this.place(place.place.name, place.place.type, name) : this.add('Place', name);
  }

  /** The outlet a dateline names ("(Reuters)", "/PRNewswire/"): a medium, named as written. */
  datelineOutlet(name: string): FoundEntity {
    return this.lookup(name) ?? this.add('Media', name);
  }

  /** Whether a single word names something already found: a name, a surname, a body's first word. */
  private knows(word: string): boolean {
    if (this.lookup(word) || PLACE_BY_NAME.has(word.toLowerCase())) return true;
    return this.surnames.has(word) || this.firstWords.has(word);
  }

  /** Whether the article names a country or region on its own, not only by its demonym. */
  private namedAlone(place: { name: string; others: string[] }): boolean {
    if (this.lookup(place.name)) return true;
    return [place.name.replace(/^the /, ''), ...place.others].some((n) =>
      n.includes(' ') ? this.textHas(n) : this.aloneWords.has(n),
    );
  }

  private textHas(name: string): boolean {
    let has = this.inText.get(name);
    if (has === undefined) {
      has = this.source.includes(name);
      this.inText.set(name, has);
    }
    return has;
  }

  /** The entity with this name or alias, if any. */
  lookup(name: string): FoundEntity | undefined {
    return this.byKey.get(fold(name));
  }

  /** Every mention in the sentence `text[from, to)`. */
  mentionsIn(text: string, from: number, to: number): Mention[] {
    const toks = tokens(text, from, to);
    const mentions: Mention[] = [];
    let i = 0;
    while (i < toks.length) {
      const t = toks[i] as Token;
      if (
        !(isCap(t.text) || (isOrdinal(t.text) && toks[i + 1] && isCap((toks[i + 1] as Token).text)))
      ) {
        i++;
        continue;
      }
      // A run of capitalised words, joined by single spaces or connectors ("Ministry of Defense").
      // A hyphenated word ("Russian-led", "Turkish-Armenian") stands alone.
      const hyphen = (x: Token | undefined) => x !== undefined && splitsAtHyphen(x.text);
      let j = i;
      while (j + 1 < toks.length && !(toks[j] as Token).possessive && !hyphen(toks[j])) {
        const next = toks[j + 1] as Token;
        if (hyphen(next)) break;
        const gap = text.slice((toks[j] as Token).end, next.start);
        if (gap !== ' ') break;
        if (isCap(next.text)) {
          j++;
          continue;
        }
        // "Ministry of Defense", "Friends of the Kestrel".
        const the = toks[j + 2]?.text === 'the' ? 1 : 0;
        const after = toks[j + 2 + the];
        if (
          CONNECTORS.has(next.text) &&
          after &&
          isCap(after.text) &&
          text.slice(next.end, after.start) === (the ? ' the ' : ' ')
        ) {
          j += 2 + the;
          continue;
        }
        // "von der Leyen", "van den Berg": a name's particles, two or three in a row.
        const particles = particlesAt(toks, j + 1, text);
        if (particles > 1) {
          j += particles + 1;
          continue;
        }
        break;
      }
      // "Pashinyan’s Government": a possessive joined to an office or body.
      const last = toks[j] as Token;
      const follow = toks[j + 1];
      if (
        last.possessive &&
        follow &&
        /^(Government|Ministry|Cabinet|Army|Administration|Office)$/.test(follow.text)
      )
        j++;
      let run = toks.slice(i, j + 1);
      // The sentence's (or a quotation's) first word: a common word the text writes in lower case elsewhere.
      const opener = i === 0 || /[“"‘(]\s*$/.test(text.slice(from, t.start));
      const head = run[0] as Token;
      const known = this.knows(head.text);
      const nextWords = text.slice(head.end, Math.min(to, head.end + 60));
      if (
        opener &&
        !head.possessive &&
        !known &&
        // "Chief Executive Anna Holm said …, the chief executive …": the office before a name
        // stays whole, not "Executive Anna Holm".
        !(run.length > 2 && isTitleHead(head.text) && TITLE_FOLLOWERS.has(run[1]?.text ?? '')) &&
        (this.lowerWords.has(head.text.toLowerCase()) ||
          // "Regulators in …", "Security researcher Paul Mendes": a common noun before a lower-case word.
          (run.length === 1 &&
            /^\s+\p{Ll}/u.test(nextWords) &&
            !SPEECH_AFTER.test(nextWords) &&
            !REPORT_AFTER.test(nextWords) &&
            !isAllCaps(head.text)))
      )
        run = run.slice(1);
      // "Finally, Anna Berg said", "Additionally, Acme said": a sentence adverb opening the
      // sentence is no entity. Only there: "the charity Finally Free Foundation", "in
      // Grammarly" and "Grammarly said" (a verb of speech after it) are names, and so is the
      // word wherever the text writes it capitalised after a lower-case word.
      else if (
        (opener || /(?:\s[—–-]|:)\s+$/.test(text.slice(from, t.start))) &&
        !head.possessive &&
        !known &&
        adverbShaped(head.text) &&
        !this.midWords.has(head.text) &&
        !(run.length === 1 && SPEECH_AFTER.test(nextWords)) &&
        // "Lastly Ltd": a company's suffix names nothing alone.
        !(
          run.length === 2 &&
          /^(?:Ltd|Inc|Corp|Co|LLC|plc|PLC|AG|SA|GmbH)\.?$/.test(run[1]?.text ?? '')
        )
      )
        run = run.slice(1);
      this.resolveRun(text, run, from, mentions);
      i = j + 1;
    }
    this.lowercaseMentions(text, from, to, mentions);
    mentions.sort((a, b) => a.start - b.start);
    return mentions;
  }

  private resolveRun(text: string, run: Token[], from: number, out: Mention[]): void {
    // Words capitalised only because they open the sentence or the clause.
    // ("Police Chief Omar Said" keeps "Police": it is part of the title.)
    // "Will Smith said", "May Berg, the mayor, said": a modal that is also a given name opens
    // a name when a verb of speech or an apposition follows (a question would have a bare verb).
    const given =
      run.length >= 2 &&
      GIVEN_MODALS.has((run[0] as Token).text) &&
      /^\p{Lu}\p{Ll}/u.test((run[1] as Token).text) &&
      APPOSITION_OR_SPEECH.test(text.slice((run[run.length - 1] as Token).end));
    while (
      !given &&
      run.length > 0 &&
      (STOP.has((run[0] as Token).text) || CONNECTORS.has((run[0] as Token).text)) &&
      !(TITLE_MODIFIERS.has((run[0] as Token).text) && isTitleHead(run[1]?.text ?? ''))
    )
      run = run.slice(1);
    while (run.length > 0 && CALENDAR.has((run[run.length - 1] as Token).text))
      run = run.slice(0, -1);
    if (run.length === 0) return;
    // Hyphenated words: "Russian-led" names Russia; "Turkish-Armenian" names two countries.
    if (run.length === 1 && splitsAtHyphen((run[0] as Token).text)) {
      const t = run[0] as Token;
      let offset = t.start;
      for (const part of t.text.split(/[-‐]/)) {
        const known = PLACE_BY_NAME.get(part.toLowerCase()) ?? undefined;
        const entity = known
          ? this.place(known.place.name, known.place.type, part)
          : this.lookup(part);
        if (entity && isCap(part)) out.push({ start: offset, end: offset + part.length, entity });
        offset += part.length + 1;
      }
      return;
    }
    // A title inside the run: what follows it is a person's name, what precedes it is separate.
    let t = -1;
    for (let k = run.length - 2; k >= 0; k--) {
      if (isTitleHead((run[k] as Token).text)) {
        t = k;
        break;
      }
    }
    if (t >= 0) {
      let s = t;
      while (
        s > 0 &&
        (TITLE_MODIFIERS.has((run[s - 1] as Token).text) || isTitleHead((run[s - 1] as Token).text))
      )
        s--;
      // The title goes on past its head ("Chief Executive Anna Holm", "Vice President of Sales
      // Jonas Wik"), leaving the name at least one word.
      for (;;) {
        const next = run[t + 1]?.text ?? '';
        if (t + 2 < run.length && TITLE_FOLLOWERS.has(next)) {
          t++;
          continue;
        }
        if (next !== 'of' && next !== 'for') break;
        let d = t + 2;
        if (run[d]?.text === 'the') d++;
        const first = d;
        while (d < run.length - 1 && isDepartment((run[d] as Token).text)) d++;
        if (d === first) break;
        t = d - 1;
      }
      // The name ends before "of" or "for": "CEO Anna Holm of Veltrix Systems" is Anna Holm,
      // and Veltrix Systems is named too.
      let end = t + 1;
      while (end < run.length && !/^(?:of|for)$/.test((run[end] as Token).text)) end++;
      const nameToks = run.slice(t + 1, end);
      const name = text.slice(
        (nameToks[0] as Token).start,
        (nameToks[nameToks.length - 1] as Token).end,
      );
      // Unless those words name a body: "Justice Ministry", "Coach Company".
      if (nameToks.length > 0 && typeByKeyword(name) === undefined && !GENERIC.has(name)) {
        if (s > 0) this.resolveRun(text, run.slice(0, s), from, out);
        // The office as written, with a demonym before it ("Armenian Defense Minister").
        const demonyms = run
          .slice(0, s)
          .every((x) => PLACE_BY_NAME.get(x.text.toLowerCase())?.via === 'demonym');
        const title = text.slice((run[demonyms ? 0 : s] as Token).start, (run[t] as Token).end);
        const entity = this.person(nameToks, text, title);
        out.push({
          start: (nameToks[0] as Token).start,
          end: (nameToks[nameToks.length - 1] as Token).end,
          entity,
        });
        let after = end + 1;
        if (run[after]?.text === 'the') after++;
        if (after < run.length) this.resolveRun(text, run.slice(after), from, out);
        return;
      }
    }
    // A leading demonym or country before a name: "Russian Kommersant", "Armenian Government".
    const first = run[0] as Token;
    const name = text.slice(first.start, (run[run.length - 1] as Token).end);
    const start = first.start;
    const end = (run[run.length - 1] as Token).end;
    const known = this.lookup(name);
    if (known) {
      this.touch(known);
      out.push({ start, end, entity: known });
      return;
    }
    const place = PLACE_BY_NAME.get(name.toLowerCase());
    if (place) {
      out.push({ start, end, entity: this.place(place.place.name, place.place.type, name) });
      return;
    }
    const mediaNoun = MEDIA_NOUNS.exec(text.slice(end, end + 20));
    const lead = PLACE_BY_NAME.get(first.text.toLowerCase());
    if (run.length > 1 && lead?.via === 'demonym') {
      const rest = run.slice(1);
      const restName = text.slice((rest[0] as Token).start, end);
      const typed = typeByKeyword(name);
      // "Armenian Government" and "European Commission" are one name; "Russian Kommersant"
      // is Russia and Kommersant.
      if (typed === undefined || typed === 'Media' || mediaNoun) {
        out.push({
          start,
          end: first.end,
          entity: this.place(lead.place.name, lead.place.type, first.text),
        });
        this.resolveRun(text, rest, from, out);
        const media = this.lookup(restName);
        if (media && mediaNoun) this.alias(media, `${name}${mediaNoun[0]}`);
        return;
      }
      // Inside a longer name ("European Commission") the demonym names its country only
      // when the article also names the country on its own ("Armenian Government", Armenia).
      if (this.namedAlone(lead.place))
        out.push({
          start,
          end: first.end,
          entity: this.place(lead.place.name, lead.place.type, first.text),
        });
    }
    // A short form of a body named in full before: "the Commission" after "European
    // Commission", "the Port Authority" after "Gothenburg Port Authority".
    if (run.length <= 3 && !LOCATIVE.test(text.slice(Math.max(0, start - 30), start))) {
      const words = name.split(' ');
      const body = this.recent.find((e) => {
        if (e.type === 'Person' || e.type === 'Country' || e.type === 'Group') return false;
        const parts = this.words(e);
        return (
          parts.length > words.length &&
          parts.slice(-words.length).join(' ') === name &&
          (words.length > 1 ||
            typeByKeyword(name) !== undefined ||
            GENERIC.has(name) ||
            /\bthe\s+$/i.test(text.slice(Math.max(0, start - 4), start)))
        );
      });
      if (body) {
        this.alias(body, name);
        this.touch(body);
        out.push({ start, end, entity: body });
        return;
      }
    }
    // "the CEO", "the CFO": an office in capitals alone names no one ("the chief executive").
    if (
      run.length === 1 &&
      (GENERIC.has(name) ||
        STOP.has(name) ||
        NO_ACTOR.has(name) ||
        (isTitleHead(name) && isAllCaps(name)) ||
        // "Prosecutors said", "Drivers said": people named by a common noun, capitalised as the
        // sentence opens, are a group the attribution names, not a person called so.
        (/^\p{Lu}\p{Ll}+s$/u.test(name) && PEOPLE_NOUN.test(name.toLowerCase())))
    )
      return;
    // An adjective before a common noun ("Nordic ports", "Arctic waters") names nothing; a
    // surname of that shape (-yan, -ian: Pashinyan, Sarkissian) before a verb of speech, with
    // no article before it, is a name ("Pashinyan said", "Kocharyan denied").
    if (
      run.length === 1 &&
      ADJECTIVE.test(name) &&
      !this.knows(name) &&
      // "The Guardian reported": a publication's word, not an adjective in -ian.
      typeByKeyword(name) !== 'Media' &&
      /^\s+\p{Ll}/u.test(text.slice(end, end + 3)) &&
      !(
        SURNAME_SHAPE.test(name) &&
        !isTitleHead(name) &&
        SPEECH_AFTER.test(text.slice(end, end + 40)) &&
        !/\b(?:the|a|an)\s+$/i.test(text.slice(Math.max(0, start - 5), start))
      )
    )
      return;
    // Named events and documents ("Color Revolution", "Paris Agreement") are not entities.
    if (EVENTS.test(name)) return;
    // The first word of a body named in full before ("Veltrix" after "Veltrix Systems"), unless
    // it reads as a place ("to Aldermoor" is the town, not the Aldermoor District Council).
    if (run.length === 1 && !LOCATIVE.test(text.slice(Math.max(0, start - 30), start))) {
      const body = this.recent.find(
        (e) =>
          e.type !== 'Person' &&
          e.type !== 'Country' &&
          this.words(e).length > 1 &&
          this.words(e)[0] === name,
      );
      if (body) {
        this.alias(body, name);
        out.push({ start, end, entity: body });
        return;
      }
    }
    // A surname or first name alone: the person named in full before.
    if (run.length === 1) {
      const person = this.recent.find((e) => e.type === 'Person' && this.words(e).at(-1) === name);
      if (person) {
        this.alias(person, name);
        out.push({ start, end, entity: person });
        return;
      }
    }
    const before = text.slice(Math.max(0, start - 30), start);
    const after = text.slice(end, end + 40);
    // "the environmental group Clean Coast", "Clean Coast, a campaign group,": the
    // apposition's noun says what the name is, before the words inside the name do.
    let type = appositiveType(before, after) ?? typeByKeyword(name);
    if (!type && mediaNoun) type = 'Media';
    if (!type && /\b(according to|interview with|told)\s+(?:the\s+)?$/i.test(before))
      type = 'Media';
    // A dateline: "NAIROBI — Kenya's Energy Ministry …".
    if (
      !type &&
      /^[\p{Lu} .'-]+$/u.test(name) &&
      /^\s+[—–-]\s/.test(after) &&
      !text.slice(from, start).trim()
    )
      type = 'Place';
    if (!type && /^[\p{Lu}]{2,6}$/u.test(name)) type = 'Organization';
    if (!type && run.length === 1 && LOCATIVE.test(before)) type = 'Place';
    // "in New York", "near Le Havre": a name of a few words after "in" is a place too.
    if (
      !type &&
      run.length <= 3 &&
      /\b(?:in|near|outside|inside|across|around|throughout)\s+$/.test(before)
    )
      type = 'Place';
    // "Le Monde", "Der Standard", "El País": a name opening with an article is no person's.
    if (!type && run.length >= 2 && FOREIGN_ARTICLE.test((run[0] as Token).text))
      type = /^\s+(?:reported|reports|wrote|writes|published|revealed)\b/.test(after)
        ? 'Media'
        : 'Organization';
    // "Beverly Hills police", "New Jersey officials": a name before the people of a place is
    // the place's; before the people of a body ("Northwind Traders employees"), the body's.
    const people = PEOPLE_AFTER.exec(after)?.[1];
    if (!type && people) type = LOCAL_PEOPLE.test(people) ? 'Place' : 'Organization';
    if (!type && personShaped(run)) type = 'Person';
    if (!type && run.length === 1 && SPEECH_AFTER.test(after)) type = 'Person';
    type ??= 'Organization';
    if (type === 'Person') {
      out.push({ start, end, entity: this.person(run, text) });
      return;
    }
    const entity = this.add(type, name);
    if (mediaNoun) this.alias(entity, `${name}${mediaNoun[0]}`);
    out.push({ start, end, entity });
  }

  /** "Russian military", "the ministry", "the mayor": lower-case mentions. */
  private lowercaseMentions(text: string, from: number, to: number, out: Mention[]): void {
    const slice = text.slice(from, to);
    const taken = (s: number, e: number) => out.some((m) => s < m.end && m.start < e);
    for (const m of out.slice()) {
      if (m.entity.type !== 'Country') continue;
      const g = GROUP_NOUNS.exec(text.slice(m.end, Math.min(to, m.end + 20)));
      const demonym = text.slice(m.start, m.end);
      if (!g || PLACE_BY_NAME.get(demonym.toLowerCase())?.via !== 'demonym') continue;
      const noun = g[1] as string;
      const type: EntityType = /military|army|navy|troops|forces/.test(noun)
        ? 'MilitaryUnit'
        : noun === 'police'
          ? 'Organization'
          : 'Government';
      const name = `${demonym} ${noun}`;
      const entity = this.lookup(name) ?? this.add(type, name);
      const end = m.end + (g[0] as string).length;
      if (!taken(m.end + 1, end)) out.push({ start: m.end + 1, end, entity });
    }
    ANAPHORA.lastIndex = 0;
    for (let a = ANAPHORA.exec(slice); a !== null; a = ANAPHORA.exec(slice)) {
      const start = from + a.index;
      const end = start + a[0].length;
      if (taken(start, end)) continue;
      const head = (a[2] as string).toLowerCase();
      const entity = this.recent.find((e) =>
        head === 'newspaper' || head === 'daily'
          ? e.type === 'Media'
          : this.lowerNameWords(e).has(head),
      );
      if (!entity) continue;
      this.alias(entity, a[0].toLowerCase());
      out.push({ start, end, entity });
    }
  }

  /**
   * The words of an entity's name, split once: the lookups that resolve a short form ask it
   * of each of the recent entities for every capitalised run.
   */
  private words(e: FoundEntity): string[] {
    let words = this.nameWords.get(e);
    if (!words) {
      words = e.name.split(' ');
      this.nameWords.set(e, words);
    }
    return words;
  }

  /** The lower-case words of an entity's name and aliases, kept up to date by `alias`. */
  private lowerNameWords(e: FoundEntity): Set<string> {
    let words = this.aliasWords.get(e);
    if (!words) {
      words = new Set([e.name, ...e.aliases].flatMap((n) => n.toLowerCase().split(/\s+/)));
      this.aliasWords.set(e, words);
    }
    return words;
  }

  /** The person named most recently, of those `keep` keeps. */
  lastPerson(keep: (e: FoundEntity) => boolean = () => true): FoundEntity | undefined {
    return this.recent.find((e) => e.type === 'Person' && keep(e));
  }

  /** The person holding an office named lower-case ("the minister"), most recent first. */
  byOffice(office: string): FoundEntity | undefined {
    const head = office.toLowerCase();
    return this.recent.find((e) => e.type === 'Person' && e.titles.includes(head));
  }

  /** Records an office given after a name ("Jane Roe, the mayor of ..."). */
  addTitle(entity: FoundEntity, head: string): void {
    if (!entity.titles.includes(head)) entity.titles.push(head);
  }

  /** An entity for a group named by a phrase ("CivilNet’s sources in Armenia’s Government"). */
  group(phrase: string): FoundEntity {
    return this.lookup(phrase) ?? this.add('Group', phrase);
  }

  private person(nameToks: Token[], text: string, title?: string): FoundEntity {
    const first = nameToks[0] as Token;
    const last = nameToks[nameToks.length - 1] as Token;
    const name = text.slice(first.start, last.end);
    let entity = this.lookup(name);
    if (!entity && nameToks.length === 1) {
      entity = this.recent.find((e) => e.type === 'Person' && this.words(e).at(-1) === name);
      if (entity) this.alias(entity, name);
    }
    entity ??= this.add('Person', name);
    if (title) {
      entity.title ??= title;
      const head = title.split(' ').slice(-1)[0] as string;
      this.addTitle(entity, head.toLowerCase().replace(/\.$/, ''));
    }
    this.touch(entity);
    return entity;
  }

  private place(canonical: string, type: EntityType, asWritten: string): FoundEntity {
    const entity = this.lookup(canonical) ?? this.add(type, canonical);
    if (fold(asWritten) !== fold(canonical)) this.alias(entity, asWritten);
    this.touch(entity);
    return entity;
  }

  private add(type: EntityType, name: string): FoundEntity {
    const base = slug(name) || 'entity';
    let id = base;
    // Counting on from the last number given to this base, not from 2 each time: names
    // that slug alike (long names cut at 48 letters) would otherwise cost their count squared.
    for (let n = this.nextNumber.get(base) ?? 2; this.ids.has(id); n++) {
      id = `${base}-${n}`;
      this.nextNumber.set(base, n + 1);
    }
    this.ids.add(id);
    const entity: FoundEntity = { id, type, name, aliases: [], titles: [] };
    this.entities.push(entity);
    this.byKey.set(fold(name), entity);
    const parts = name.split(' ');
    if (parts.length > 1)
      (type === 'Person' ? this.surnames : this.firstWords).add(
        (type === 'Person' ? parts[parts.length - 1] : parts[0]) as string,
      );
    this.touch(entity);
    return entity;
  }

  /** Adds a name the text uses for an entity, unless it is already one of its names. */
  alias(entity: FoundEntity, name: string): void {
    const key = fold(name);
    if (key === fold(entity.name) || entity.aliases.some((a) => fold(a) === key)) return;
    const other = this.byKey.get(key);
    if (other && other !== entity) return;
    entity.aliases.push(name);
    this.byKey.set(key, entity);
    for (const w of name.toLowerCase().split(/\s+/)) this.aliasWords.get(entity)?.add(w);
  }

  private touch(entity: FoundEntity): void {
    const at = this.recent.indexOf(entity);
    if (at >= 0) this.recent.splice(at, 1);
    this.recent.unshift(entity);
    if (this.recent.length > 64) this.recent.pop();
  }
}

const FOREIGN_ARTICLE = /^(?:Le|La|Les|El|Los|Las|Il|Der|Die|Das|De|Het|Den|Det)$/;
const ADJECTIVE = /^\p{Lu}\p{Ll}+(?:ic|ian|ean|ese|ish|ern|an)$/u;
/** The ending of a surname that reads like an adjective: Armenian -yan and -ian. */
const SURNAME_SHAPE = /\p{Ll}(?:yan|ian)$/u;
const ORG_NOUNS =
  'group|organi[sz]ation|company|firm|agency|party|charity|union|association|coalition|network|alliance|foundation|institute|bank|insurer|lender|retailer|carmaker|manufacturer|maker|operator|developer|startup|start-up|conglomerate|watchdog|regulator|NGO|non-profit|nonprofit|club|society|movement|utility|chain|airline|consultancy|think tank';
const MEDIA_APPOSITIVE =
  'newspaper|daily|weekly|broadcaster|news agency|news site|news website|website|magazine|tabloid|channel|outlet|paper|radio station|TV channel|television channel';
const APPOSITIVE_BEFORE = new RegExp(
  `\\b(?:(${MEDIA_APPOSITIVE})|(${ORG_NOUNS})|((?:city|town|village|region|province|county|state|district|island|port)\\s+of))\\s+(?:the\\s+)?$`,
);
const APPOSITIVE_AFTER = new RegExp(
  `^,\\s+(?:an?|the)\\s+(?:[\\p{Ll}-]+\\s+){0,3}?(?:(${MEDIA_APPOSITIVE})|(${ORG_NOUNS}))\\b(?![’'-])(?=\\s*[,.;)—–]|\\s+(?:of|for|in|based|which|that|founded|run|led)\\b)`,
  'u',
);

/** The type an apposition gives a name: "the group Clean Coast", "Clean Coast, a charity". */
function appositiveType(before: string, after: string): EntityType | undefined {
  const m = APPOSITIVE_BEFORE.exec(before) ?? APPOSITIVE_AFTER.exec(after);
  if (!m) return undefined;
  return m[1] ? 'Media' : m[3] ? 'Place' : 'Organization';
}

/**
 * Whether a hyphenated word is read part by part: "Russian-led" (Russia) and
 * "Turkish-Armenian" (Turkey, Armenia) are; "Göteborgs-Posten", "Al-Jazeera" and
 * "Jean-Pierre" are names whole.
 */
function splitsAtHyphen(word: string): boolean {
  if (!/[-‐]/.test(word)) return false;
  const parts = word.split(/[-‐]/);
  if (parts.some((p) => !isCap(p))) return true;
  return parts.every((p) => PLACE_BY_NAME.has(p.toLowerCase()));
}

/** A word that heads an office before a name: "Minister", "CFO", "Vice-President". */
function isTitleHead(word: string): boolean {
  return TITLE_HEADS.has(word) || TITLE_HEADS.has(word.split(/[-‐]/).at(-1) as string);
}

function isDepartment(word: string): boolean {
  return DEPARTMENTS.has(word) || TITLE_MODIFIERS.has(word) || word === 'and' || word === '&';
}

function typeByKeyword(name: string): EntityType | undefined {
  for (const [re, type] of KEYWORD_TYPES) if (re.test(name)) return type;
  return undefined;
}
