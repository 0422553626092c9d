/**
 * How long a tag rename's plan takes on a generated site, as the extension computes it since
 * issue 21: the live index names the posts, their bytes are read 16 at a time and the edits
 * (with line/character ranges) come from computeFileTermEdits. Prints the median of 5 runs.
 *
 *   npx tsx bench/renamePlan.ts [posts=10000]      (generates the site if needed)
 */
import { DEFAULT_TAXONOMIES, displaySpelling, findPostFiles, forEachLimited, indexFiles, PostIndex } from '../src/core/index';
import { computeFileTermEdits } from '../src/core/tags/fileTermEdits';
import { nodeFileSystem } from '../src/node/nodeFileSystem';
import { ensureSite } from './generate';

async function main(): Promise<void> {
  const posts = Number(process.argv[2] ?? 10000);
  const { dir } = ensureSite(posts);
  const index = new PostIndex(DEFAULT_TAXONOMIES);
  const files = await findPostFiles(nodeFileSystem, dir);
  await indexFiles(nodeFileSystem, index, files);
  // The term closest to 663 posts (the term the issue measured at 10k).
  const term = [...index.terms('tags')].sort((a, b) => Math.abs(a.postCount - 663) - Math.abs(b.postCount - 663))[0];
  const paths = [...term.posts].sort();
  const change = { kind: 'rename' as const, taxonomy: 'tags', from: term.key, to: `${displaySpelling(term)}-renamed` };
  const times: number[] = [];
  let edited = 0;
  let skipped = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    edited = 0;
    skipped = 0;
    await forEachLimited(paths, 16, async (path) => {
      const result = computeFileTermEdits(await nodeFileSystem.readFile(path), change, index.hugo);
      if (result.skipped) skipped++;
      else if (result.edits.length) edited++;
    });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${posts} posts, tag "${displaySpelling(term)}" on ${paths.length}: plan ${Math.round(times[2])} ms median of 5 (min ${Math.round(times[0])}, max ${Math.round(times[4])}); ${edited} files to edit, ${skipped} left alone`,
  );
}

void main();
