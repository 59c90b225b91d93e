import { datasetFileList } from '../core/dataset/files.js';
import { BUILTIN_DATASET, displayPath } from '../core/model/paths.js';
import { buildIndex } from '../core/store/index-build.js';
import { LARGE_INDEX_CLAIMS } from '../core/store/index-store.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/**
 * `armru index [PATH...]`: builds the on-disk index beside each dataset. Progress goes to
 * stderr while a large dataset's words are indexed.
 */
export async function indexCommand(ctx: CommandContext, paths: string[]): Promise<Outcome> {
  const given = paths.length > 0 ? paths : ctx.dataPaths;
  const files = given.length > 0 ? datasetFileList(given) : [displayPath(BUILTIN_DATASET)];
  for (const file of files) {
    const started = performance.now();
    let shown = -1;
    const report = await buildIndex(file, (done, total) => {
      if (total < LARGE_INDEX_CLAIMS) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === shown) return;
      shown = percent;
      ctx.progress(`indexing ${file}: ${done} of ${total} claims (${percent}%)`);
    });
    if (shown >= 0) ctx.progress('');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const words = report.words === undefined ? '' : `, ${report.words} words`;
    ctx.line(
      `${file}: indexed ${report.claims} claims${words} in ${seconds} s (${report.kind} index in ${report.dir})`,
    );
  }
  return OK;
}
