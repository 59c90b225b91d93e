import { findTopicProfiles, topicProfiles } from '../core/browse/profiles.js';
import { loadCorpus } from '../core/store/load.js';
import { printTopics, topicProfilesDocument } from '../render/browse.js';
import { printDocument } from '../render/document.js';
import { type CommandContext, listed, OK, type Outcome } from './context.js';

/** `armru topics [NAME]`: all topics, or the profile of the ones NAME answers to. */
export async function topicsCommand(
  ctx: CommandContext,
  name: string | undefined,
): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  if (name === undefined) {
    const all = topicProfiles(corpus);
    printTopics(ctx.view, corpus, all);
    return listed(all.length, 'topics in this dataset');
  }
  const profiles = findTopicProfiles(corpus, name);
  printDocument(ctx.view, topicProfilesDocument(ctx.view, corpus, profiles), corpus);
  return OK;
}
