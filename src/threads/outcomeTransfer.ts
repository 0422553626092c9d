import type { Severity } from '../core/validate';
import type { CheckedTerm, FileOutcome } from '../cli/checkFile';
import type { CliProblem } from '../cli/formats';

/**
 * A worker's outcomes for one batch, packed for `postMessage`. A 10k-post site has some 100k
 * taxonomy terms; as objects, cloning them (with their seven property names each) cost the
 * workers about a fifth of their time. Packed, their numbers travel in one transferred buffer
 * and each distinct string once per batch.
 */
export interface PackedOutcomes {
  posts: { problems: CliProblem[]; spellingSeverity: Severity; termCount: number }[];
  strings: string[];
  /** Seven numbers per term: taxonomy, spelling and key (indexes into `strings`), line, column, endLine, endColumn. */
  terms: Int32Array;
}

const PER_TERM = 7;

export function packOutcomes(outcomes: readonly FileOutcome[]): PackedOutcomes {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let n = ids.get(s);
    if (n === undefined) {
      ids.set(s, (n = strings.length));
      strings.push(s);
    }
    return n;
  };
  const termCount = outcomes.reduce((n, o) => n + o.terms.length, 0);
  const terms = new Int32Array(termCount * PER_TERM);
  let at = 0;
  for (const o of outcomes) {
    for (const t of o.terms) {
      terms[at++] = id(t.taxonomy);
      terms[at++] = id(t.spelling);
      terms[at++] = id(t.key);
      terms[at++] = t.line;
      terms[at++] = t.column;
      terms[at++] = t.endLine;
      terms[at++] = t.endColumn;
    }
  }
  const posts = outcomes.map((o) => ({ problems: o.problems, spellingSeverity: o.spellingSeverity, termCount: o.terms.length }));
  return { posts, strings, terms };
}

export function unpackOutcomes(packed: PackedOutcomes): FileOutcome[] {
  const { strings, terms } = packed;
  let at = 0;
  return packed.posts.map((p) => {
    const list: CheckedTerm[] = new Array(p.termCount);
    for (let i = 0; i < p.termCount; i++, at += PER_TERM) {
      list[i] = {
        taxonomy: strings[terms[at]],
        spelling: strings[terms[at + 1]],
        key: strings[terms[at + 2]],
        line: terms[at + 3],
        column: terms[at + 4],
        endLine: terms[at + 5],
        endColumn: terms[at + 6],
      };
    }
    return { problems: p.problems, terms: list, spellingSeverity: p.spellingSeverity };
  });
}
