import { AUTHOR } from '../core/dataset/verify.js';
import { allClaims, qualify } from '../core/model/corpus.js';
import { loadCorpus } from '../core/store/load.js';
import { sanitizeInline } from '../render/sanitize.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** What `__complete-ids` lists: claim ids, or what `--actor`, `--topic`, `--asserted-by` take. */
export type IdsKind = 'claims' | 'actors' | 'topics' | 'asserters';

/**
 * `armru __complete-ids [KIND]`: for shell completion, one value per line. Claim ids by default;
 * for `actors` and `topics` every id, name and alias (any of them is accepted), and for
 * `asserters` the same as actors plus `author`. Duplicates are dropped; control characters are
 * escaped, since the shell prints these.
 */
export async function idsCommand(ctx: CommandContext, kind: IdsKind = 'claims'): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  let values: string[];
  if (kind === 'claims') {
    values = allClaims(corpus).map((r) => qualify(corpus, r.dataset, r.claim.id));
  } else {
    const records = corpus.datasets.flatMap((d) =>
      kind === 'topics' ? d.doc.topics : d.doc.entities,
    );
    values = [
      ...(kind === 'asserters' ? [AUTHOR] : []),
      ...records.flatMap((r) => [r.id, r.name, ...r.aliases]),
    ];
  }
  const lines = [...new Set(values.map(sanitizeInline))].filter((v) => v !== '');
  ctx.view.write(lines.map((v) => `${v}\n`).join(''));
  return OK;
}
