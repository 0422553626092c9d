import { parseFrontMatter } from '../frontmatter';
import type { SnippetLanguage } from './catalog';
import { isTranscriptInfo, languageOfInfo, scanCodeBlocks } from './fences';
import { escapeSnippetText } from './snippetSyntax';

/** Where a harvested block was found. */
export interface HarvestSource {
  /** The post's path or URI string, as given to `harvestPost`. */
  path: string;
  title: string;
  heading?: string;
  /** Zero-based line of the opening fence. */
  line: number;
}

/** A command block from the user's own notes, ready to offer as a snippet. */
export interface HarvestedSnippet {
  /** Stable across runs: derived from the language and the normalized text. */
  id: string;
  language: Exclude<SnippetLanguage, 'markdown'>;
  /** The commands as they should be inserted (prompts and output removed). */
  text: string;
  /** `text` escaped for a SnippetString, ending in the final tab stop. */
  snippet: string;
  /** A short label: the first command line. */
  label: string;
  /** Every place the same block appears; the first one names it. */
  sources: HarvestSource[];
}

export interface HarvestOptions {
  /** Blocks shorter than this many non-space characters are not worth a snippet. */
  minChars?: number;
  /** Blocks longer than this are pasted logs or whole files, not commands. */
  maxLines?: number;
  maxChars?: number;
}

const DEFAULTS: Required<HarvestOptions> = { minChars: 6, maxLines: 60, maxChars: 6000 };

/**
 * Harvests the fenced shell, console, Dockerfile and YAML blocks (and Hugo `highlight` blocks)
 * of one post. `fallbackTitle` names the post when its front matter has no title.
 */
export function harvestPost(text: string, path: string, fallbackTitle: string, options: HarvestOptions = {}): HarvestedSnippet[] {
  const opts = { ...DEFAULTS, ...options };
  const fm = parseFrontMatter(text);
  // Hugo lowercases front matter keys, so `Title:` names the post too.
  const rawTitle = Object.entries(fm.data).find(([key]) => key.toLowerCase() === 'title')?.[1];
  const title = typeof rawTitle === 'string' && rawTitle.trim() ? rawTitle.trim() : fallbackTitle;
  const out: HarvestedSnippet[] = [];
  for (const block of scanCodeBlocks(text, fm.bodyStart)) {
    const language = languageOfInfo(block.info);
    if (!language || language === 'markdown') continue;
    const commands = language === 'shellscript' ? shellCommands(block.content, isTranscriptInfo(block.info)) : tidy(block.content);
    if (!worthKeeping(commands, opts)) continue;
    out.push(makeSnippet(language, commands, { path, title, heading: block.heading, line: block.openLine }));
  }
  return mergeHarvested([out]);
}

/** Merges the harvests of several posts: blocks with the same normalized text become one. */
export function mergeHarvested(perPost: readonly (readonly HarvestedSnippet[])[]): HarvestedSnippet[] {
  const byId = new Map<string, HarvestedSnippet>();
  for (const list of perPost) {
    for (const item of list) {
      const seen = byId.get(item.id);
      if (seen) seen.sources.push(...item.sources);
      else byId.set(item.id, { ...item, sources: [...item.sources] });
    }
  }
  return [...byId.values()];
}

// A prompt: optional `user@host:path` then `$`, `#` or `%` and a space (root and zsh prompts too).
const PROMPT = /^\s*(?:[\w.-]+@[\w.-]+(?::[^\s$#%]*)?\s?)?([$#%])\s(.*)$/;

/**
 * The commands of a shell block. A transcript (console) keeps only prompt lines and their
 * backslash continuations; a script keeps everything unless it, too, is written with `$ `
 * prompts, which people do in bash fences all the time.
 */
function shellCommands(content: string, transcript: boolean): string {
  const lines = content.split(/\r?\n/);
  const dollarPrompted = lines.filter((l) => /^\s*\$\s/.test(l)).length;
  const usePrompts = transcript ? lines.some((l) => PROMPT.test(l)) : dollarPrompted > 0;
  if (!usePrompts) return tidy(content);
  const kept: string[] = [];
  let continuing = false;
  for (const line of lines) {
    if (continuing) {
      kept.push(line);
      continuing = /\\\s*$/.test(line);
      continue;
    }
    const m = PROMPT.exec(line);
    // In a bash fence `# ` starts a comment, not a root prompt.
    if (m && (transcript || m[1] === '$')) {
      kept.push(m[2]);
      continuing = /\\\s*$/.test(m[2]);
    }
  }
  return tidy(kept.join('\n'));
}

/** Drops trailing spaces, surrounding blank lines and the common indentation. */
function tidy(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\s+$/, ''));
  while (lines.length && !lines[0]) lines.shift();
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  const indent = Math.min(...lines.filter((l) => l).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

function worthKeeping(text: string, opts: Required<HarvestOptions>): boolean {
  if (text.replace(/\s/g, '').length < opts.minChars) return false;
  if (text.length > opts.maxChars) return false;
  return text.split('\n').length <= opts.maxLines;
}

function makeSnippet(language: HarvestedSnippet['language'], text: string, source: HarvestSource): HarvestedSnippet {
  const firstCommand = text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? text.split('\n')[0];
  const label = firstCommand.trim().replace(/\s*\\$/, '');
  return {
    id: `note:${language}:${hash(normalize(text))}`,
    language,
    text,
    snippet: `${withTabStops(text)}$0`,
    label: label.length > 80 ? `${label.slice(0, 79)}…` : label,
    sources: [source],
  };
}

/** Shell and environment variables a note means literally: never a tab stop. */
const LITERAL_VARIABLES = new Set(['HOME', 'PATH', 'PWD', 'OLDPWD', 'USER', 'SHELL', 'HOSTNAME', 'RANDOM', 'UID', 'IFS', 'LANG', 'TERM', 'TMPDIR']);
// `<name>`, `<name=default>`, `${VAR}` and `$VAR` (not `$1`, `$@`, `$(…)`, nor a `<<EOF` heredoc).
const PLACEHOLDER = /<([A-Za-z][\w.-]*)(?:=([^<>\n]*))?>|\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g;

/**
 * The snippet body for a harvested block: the text escaped, with its placeholders as tab stops.
 * `<name>` and `$VAR` keep their text as the default (so accepting every default inserts the
 * block as written), `<name=default>` offers the default; the same name is one tab stop.
 */
export function withTabStops(text: string): string {
  const indexOf = new Map<string, number>();
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? m[3] ?? m[4];
    if ((m[3] || m[4]) && LITERAL_VARIABLES.has(name)) continue;
    // `<<EOF` is a heredoc and `a<b>c` is not a placeholder.
    if (m[1] && (text[m.index - 1] === '<' || /\w/.test(text[m.index - 1] ?? ''))) continue;
    let index = indexOf.get(name);
    if (index === undefined) indexOf.set(name, (index = indexOf.size + 1));
    const shown = m[2] !== undefined ? m[2] : m[0];
    out += escapeSnippetText(text.slice(last, m.index)) + `\${${index}:${escapeSnippetText(shown)}}`;
    last = m.index + m[0].length;
  }
  return out + escapeSnippetText(text.slice(last));
}

/** Whitespace and line-continuation differences do not make two blocks different. */
function normalize(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l)
    .join('\n');
}

/** FNV-1a, 32 bit, as 8 hex digits: short stable ids, no crypto needed. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A post's name from its path: `content/posts/x.md` → `x`; a page bundle's `…/my-post/index.md` → `my-post`. */
export function titleFromPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  const file = (parts.pop() ?? '').replace(/\.[^.]+$/, '');
  return /^_?index$/i.test(file) && parts.length ? parts[parts.length - 1] : file;
}
