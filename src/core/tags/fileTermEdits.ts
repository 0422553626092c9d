import type { YamlVersion } from '../frontmatter';
import { decodeUtf8, isValidUtf8 } from '../fs';
import type { TermKeyStyle } from './termKey';
import { LineIndex, type Range } from '../text/lineIndex';
import { computeTermEdits, type TermChange, type TermEditResult, type TextEdit } from './termEdits';

/** An edit with its range in the document VS Code makes of the file (line/character). */
export interface PositionedEdit extends TextEdit {
  range: Range;
}

/** The edits for a file as it is on disk, or why it is left alone (`edits` is then empty). */
export interface FileTermEditResult {
  edits: PositionedEdit[];
  skipped?: string;
}

/**
 * The edits that apply `change` to a post that is not open in an editor, from its bytes: what
 * {@link computeTermEdits} finds on the text VS Code will load, with line/character ranges for
 * that text, so the file need not be opened to plan a rename. Files VS Code would rewrite beyond
 * the edit when it opens and saves them are left alone, with the reason: it makes a file's line
 * endings uniform (an edit to a file that mixes CRLF and LF would rewrite every line), and it
 * turns bytes that are not UTF-8 into U+FFFD.
 */
export function computeFileTermEdits(bytes: Uint8Array, change: TermChange, hugo?: { termKeys: TermKeyStyle; yaml: YamlVersion }): FileTermEditResult {
  if (!isValidUtf8(bytes)) return { edits: [], skipped: 'it is not valid UTF-8 (VS Code would replace those bytes when saving it); fix its encoding first' };
  let text = decodeUtf8(bytes);
  if (mixesLineEndings(text)) return { edits: [], skipped: 'it mixes line endings (VS Code would change all of them); make them uniform first' };
  // VS Code's document has no BOM (it keeps it aside and writes it back): offsets count without it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return positioned(text, computeTermEdits(text, change, hugo));
}

/** True when the text uses more than one of CRLF, LF and a lone CR. */
export function mixesLineEndings(text: string): boolean {
  const crlf = text.includes('\r\n');
  const lf = /(^|[^\r])\n/.test(text);
  const cr = /\r(?!\n)/.test(text);
  return [crlf, lf, cr].filter(Boolean).length > 1;
}

function positioned(text: string, result: TermEditResult): FileTermEditResult {
  if (result.edits.length === 0) return { edits: [], skipped: result.skipped };
  const lines = new LineIndex(text);
  return { edits: result.edits.map((e) => ({ ...e, range: lines.rangeOf(e.start, e.end) })) };
}
