/**
 * The tests every front matter subset reader (src/core/frontmatter/*Subset.ts) must pass: on
 * generated, broken, machine-written and real posts, whenever it accepts a block, it gives what
 * the full parser gives.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ensureSite } from '../../../bench/generate';
import { parseFrontMatter, type FieldNode, type FrontMatterFormat, type ParsedFrontMatter } from '../../../src/core/frontmatter';
import { applyMutation, generatedPost, mutation } from '../../properties/generators';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** Real posts: the demo site, the fixtures, a generated benchmark site. */
const CORPUS = ['demo', 'test/fixtures', 'bench/sites/1000'];
const RUNS = Number(process.env.DEVOPS_NOTES_PROP_RUNS) || 300;

export interface SubsetReaderSpec {
  format: FrontMatterFormat;
  /** The full parser, as test titles name it. */
  parser: string;
  /**
   * Runs the subset reader on the front matter `parseFrontMatter` found in `text`; when it
   * accepts, asserts that it agrees with the full parser. Returns whether it accepted.
   */
  agrees(text: string, parsed: ParsedFrontMatter): boolean;
  /** Generated posts, and how many of each kind (out of four times the property runs) must be accepted. */
  generated: { kind: string; posts: fc.Arbitrary<string>; least: number }[];
}

/**
 * Reads a typical block with the YAML or TOML subset reader, as the block between `delimiter`
 * lines at the top of a post: asserts that the reader accepts it, that `parseFrontMatter` gives
 * exactly the reader's fields, and that `agrees`. Returns the fields by key, for more checks.
 */
export function readTypical(
  delimiter: string,
  lines: string[],
  read: (content: string, base: number) => FieldNode[] | undefined,
  agrees: (content: string, base: number) => boolean,
): { content: string; base: number; byKey: Record<string, FieldNode> } {
  const content = `${lines.join('\n')}\n`;
  const base = delimiter.length + 1;
  const fields = read(content, base);
  assert.ok(fields, 'the subset reader accepts a typical post');
  assert.deepStrictEqual(parseFrontMatter(`${delimiter}\n${content}${delimiter}\nbody`).fields, fields);
  assert.ok(agrees(content, base));
  return { content, base, byKey: Object.fromEntries(fields.map((f) => [f.key, f])) };
}

/** Registers the shared tests of a subset reader (inside its `describe`). */
export function itAgreesWithFullParser(spec: SubsetReaderSpec): void {
  const agreesOn = (text: string): boolean => {
    const parsed = parseFrontMatter(text);
    return parsed.format === spec.format && spec.agrees(text, parsed);
  };

  for (const { kind, posts, least } of spec.generated) {
    it(`agrees with ${spec.parser} whenever it accepts a generated ${kind} post (and accepts many)`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(posts, (text) => {
          if (agreesOn(text)) accepted++;
        }),
        { numRuns: RUNS * 4 },
      );
      // A reader that declined everything would pass the property and speed up nothing.
      assert.ok(accepted >= least * (RUNS * 4), `the subset reader accepted only ${accepted} of ${RUNS * 4} ${kind} posts`);
    });
  }

  it(`agrees with ${spec.parser} on broken posts`, () => {
    const broken = fc.tuple(fc.oneof(...spec.generated.map((g) => g.posts)), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([t, ms]) => ms.reduce(applyMutation, t));
    fc.assert(
      fc.property(broken, (text) => {
        agreesOn(text);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it(`agrees with ${spec.parser} on posts a ${spec.format.toUpperCase()} library writes`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(generatedPost([spec.format]), (post) => {
        if (agreesOn(post.text)) accepted++;
      }),
      { numRuns: RUNS },
    );
    assert.ok(accepted > 0, 'the subset reader accepted none of them');
  });

  for (const dir of CORPUS) {
    it(`agrees with ${spec.parser} on every ${spec.format.toUpperCase()} front matter under ${dir}/`, function () {
      this.timeout(60_000);
      // The benchmark site is generated, not committed: made here (deterministic, into the ignored bench/sites/) when missing.
      const root = dir.startsWith('bench/sites/') ? ensureSite(Number(path.basename(dir))).dir : path.join(repoRoot, dir);
      let posts = 0;
      let accepted = 0;
      for (const file of markdownFiles(root)) {
        const text = readFileSync(file, 'utf8');
        const parsed = parseFrontMatter(text);
        if (parsed.format !== spec.format) continue;
        posts++;
        if (spec.agrees(text, parsed)) accepted++;
      }
      assert.ok(posts > 0, `no ${spec.format} front matter under ${dir}/`);
      // Broken posts are there on purpose (fixtures, the benchmark's); the rest must be read.
      assert.ok(accepted >= posts / 2, `${dir}/: the subset reader accepted only ${accepted} of ${posts} posts`);
    });
  }
}

function* markdownFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* markdownFiles(p);
    else if (/\.(md|markdown)$/i.test(e.name)) yield p;
  }
}
