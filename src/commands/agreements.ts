import { type AgreementFilterInput, findAgreements } from '../core/browse/agreements.js';
import { loadCorpus } from '../core/store/load.js';
import { printAgreements } from '../render/browse.js';
import { type CommandContext, listed, type Outcome } from './context.js';

/** `armru agreements`: agreements passing --status and --party. */
export async function agreementsCommand(
  ctx: CommandContext,
  options: AgreementFilterInput,
): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const found = findAgreements(corpus, options);
  printAgreements(ctx.view, corpus, found);
  return listed(found.length, 'agreements match these filters');
}
