import { parseFrontMatter } from '../frontmatter';
import type { SnippetLanguage } from './catalog';
import { codeBlockAt, fenceInfoFor, languageOfInfo } from './fences';

/** Where the cursor is, as far as inserting a command snippet is concerned. */
export type InsertionContext =
  /** A Dockerfile, shell script, YAML file or any other non-Markdown document. */
  | { kind: 'file'; language?: SnippetLanguage }
  /** Markdown prose: code snippets get wrapped in a new fence. */
  | { kind: 'prose' }
  /** Inside a fenced block of a Markdown note; `language` is undefined for fences we do not map. */
  | { kind: 'fence'; language?: SnippetLanguage; info: string }
  /** Inside a Markdown note's front matter. */
  | { kind: 'frontMatter' };

const FILE_LANGUAGES: Record<string, SnippetLanguage> = {
  dockerfile: 'dockerfile',
  shellscript: 'shellscript',
  yaml: 'yaml',
  markdown: 'markdown',
};

/** Works out the insertion context from the document's language id, its text and the cursor offset. */
export function insertionContext(languageId: string, text: string, offset: number): InsertionContext {
  if (languageId !== 'markdown') return { kind: 'file', language: FILE_LANGUAGES[languageId] };
  const fm = parseFrontMatter(text);
  if (fm.format && offset >= fm.blockStart && offset < fm.bodyStart) return { kind: 'frontMatter' };
  const block = codeBlockAt(text, offset, fm.bodyStart);
  if (!block) return { kind: 'prose' };
  return { kind: 'fence', language: languageOfInfo(block.info), info: block.info };
}

/**
 * Which snippet languages make sense at the cursor: a Dockerfile wants Dockerfile snippets, a
 * CI YAML file wants YAML and the shell commands of its `script:`, prose can take anything
 * (it gets wrapped in a fence). `undefined` means no filter.
 */
export function applicableLanguages(ctx: InsertionContext): readonly SnippetLanguage[] | undefined {
  const language = ctx.kind === 'file' || ctx.kind === 'fence' ? ctx.language : undefined;
  switch (language) {
    case 'dockerfile': return ['dockerfile'];
    case 'shellscript': return ['shellscript'];
    case 'yaml': return ['yaml', 'shellscript'];
    case 'markdown': return undefined;
    default: return ctx.kind === 'prose' ? ['dockerfile', 'shellscript', 'yaml', 'markdown'] : undefined;
  }
}

/**
 * The snippet text to insert for `body` (snippet syntax) of `language` at the cursor. In prose a
 * code snippet becomes a fenced block on lines of its own; everywhere else it goes in as is.
 * `before`/`after` are the text of the cursor's line on either side of it.
 */
export function planInsertion(ctx: InsertionContext, language: SnippetLanguage, body: string, before: string, after: string): string {
  if (ctx.kind === 'prose' && language !== 'markdown') {
    const fence = fenceFor(body);
    const lead = before.trim() ? '\n' : '';
    const trail = after.trim() ? '\n' : '';
    return `${lead}${fence}${fenceInfoFor(language)}\n${body}\n${fence}${trail}`;
  }
  // At the very start of a closing fence line, keep the fence on a line of its own.
  if (ctx.kind === 'fence' && /^\s*(```|~~~)/.test(after) && !before.trim()) return `${body}\n`;
  return body;
}

/** A backtick fence longer than any backtick run that starts a line of the body. */
function fenceFor(body: string): string {
  let longest = 2;
  for (const m of body.matchAll(/^\s*(`{3,})/gm)) longest = Math.max(longest, m[1].length);
  return '`'.repeat(longest + 1);
}
