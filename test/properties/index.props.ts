/** Properties of the post index: incremental updates equal a rebuild; prefix reads equal whole reads. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeUtf8, looksBinary } from '../../src/core/fs';
import { DEFAULT_TAXONOMIES, PostIndex, PostReader, indexFolders, readerFor } from '../../src/core/index';
import { FORMATS, applyMutation, mutatedPost, mutation, postData, writePost, writeStyle } from './generators';
import { MemoryFileSystem } from './memoryFileSystem';
import type { NamedProperty } from './runner';

const ROOT = '/site';
const FOLDERS = ['/site/content/posts', '/site/content/posts/2024', '/site/content/notes', '/site/content/posts/bundle'];
const path = fc.tuple(fc.constantFrom(...FOLDERS), fc.integer({ min: 0, max: 7 })).map(([folder, n]) => `${folder}/p${n}.md`);

/** File contents: mostly posts (some broken), some not posts at all. */
const fileContent: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 8, arbitrary: mutatedPost(2).map((m) => m.text) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x3a, 0x20, 0xe9, 0xff, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a])) },
);

type Op =
  | { kind: 'write'; path: string; content: string | Uint8Array }
  | { kind: 'delete'; path: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'deleteFolder'; folder: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('write' as const), path, content: fileContent }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), from: path, to: path }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteFolder' as const), folder: fc.constantFrom(...FOLDERS.slice(1)) }) },
);

/** Applies one change to the files and, the way a file watcher would, to the index. */
async function applyOp(fs: MemoryFileSystem, index: PostIndex, reader: PostReader, o: Op): Promise<void> {
  switch (o.kind) {
    case 'write': {
      fs.write(o.path, o.content);
      const outcome = await reader.read(fs, o.path);
      if ('post' in outcome) index.set(outcome.post);
      else index.delete(o.path);
      return;
    }
    case 'delete':
      fs.delete(o.path);
      index.delete(o.path);
      return;
    case 'rename':
      if (!fs.files.has(o.from) || o.from === o.to) return;
      fs.rename(o.from, o.to);
      index.delete(o.to);
      index.rename(o.from, o.to);
      return;
    case 'deleteFolder':
      fs.deleteFolder(o.folder);
      index.deleteUnder(o.folder);
      return;
  }
}

/** A post whose front matter ends near the 4 KB first read, padded with 1- to 4-byte characters. */
const postNearPrefixEnd = fc
  .tuple(fc.constantFrom(...FORMATS), postData, writeStyle, fc.integer({ min: 3700, max: 4500 }), fc.constantFrom('a', 'é', '€', '🐳', 'a€🐳é'), fc.array(mutation, { maxLength: 2 }))
  .map(([format, data, style, bytes, unit, mutations]) => {
    const unitBytes = new TextEncoder().encode(unit).length;
    const padded = { zz_padding: unit.repeat(Math.floor(bytes / unitBytes)), ...data };
    return mutations.reduce(applyMutation, writePost(format, padded, 'Body text.\n', style));
  });

export function indexProperties(): NamedProperty[] {
  return [
    {
      name: 'index: after any sequence of writes, deletes, renames and folder removals, the incremental index equals a rebuild',
      cost: 20,
      property: fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const fs = new MemoryFileSystem();
        const index = new PostIndex(DEFAULT_TAXONOMIES);
        const reader = readerFor(index);
        for (const o of ops) await applyOp(fs, index, reader, o);
        const rebuilt = await indexFolders(fs, [ROOT]);
        assert.deepEqual(index.snapshot(), rebuilt.snapshot());
      }),
    },
    {
      name: 'index: reading a post from disk in prefixes gives what reading its whole text gives',
      cost: 3,
      property: fc.asyncProperty(fc.oneof(postNearPrefixEnd, mutatedPost().map((m) => m.text)), async (text) => {
        const fs = new MemoryFileSystem();
        fs.write('/site/content/p.md', text);
        const bytes = fs.files.get('/site/content/p.md')!;
        const reader = new PostReader(DEFAULT_TAXONOMIES);
        const outcome = await reader.read(fs, '/site/content/p.md');
        if ('skipped' in outcome) {
          assert.ok(looksBinary(bytes), `skipped only when binary: ${outcome.skipped}`);
          return;
        }
        assert.deepEqual(outcome.post, reader.fromText('/site/content/p.md', decodeUtf8(bytes)));
      }),
    },
  ];
}
