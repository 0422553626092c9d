import type { SnippetLanguage } from './catalog';

/**
 * A fenced code block of a Markdown body (``` or ~~~), or a Hugo `{{< highlight lang >}}`
 * block, found by a line scanner. Offsets are absolute in the scanned text; `content` has the
 * fence's indentation removed the way CommonMark does (so blocks inside list items read right).
 */
export interface CodeBlock {
  /** Info string language, lowercased (`bash` from "```bash {linenos=true}"), '' when absent. */
  info: string;
  /** Zero-based line of the opening fence. */
  openLine: number;
  /** Zero-based line of the closing fence, or -1 when the block runs to the end of the text. */
  closeLine: number;
  /** Offset where the content starts (start of the line after the opening fence). */
  contentStart: number;
  /** Offset where the content ends (start of the closing fence line, or end of text). */
  contentEnd: number;
  content: string;
  /** The nearest heading above the block, if any. */
  heading?: string;
  kind: 'fence' | 'highlight';
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})\s*([^`\s{]*)?/;
const ATX_HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+\s*)?$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)\s*$/;
const HIGHLIGHT_OPEN = /^\s*\{\{[<%]\s*highlight\s+"?([\w+#.-]+)"?[^}]*[>%]\}\}\s*$/;
const HIGHLIGHT_CLOSE = /^\s*\{\{[<%]\s*\/\s*highlight\s*[>%]\}\}\s*$/;

/** Scans `text` from `start` (the body start, after front matter) and returns its code blocks. */
export function scanCodeBlocks(text: string, start = 0): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = splitLines(text);
  let heading: string | undefined;
  let open: { marker: string; indent: number; info: string; line: number; contentStart: number; kind: CodeBlock['kind'] } | undefined;
  let previousText: string | undefined;

  for (let i = 0; i < lines.length; i++) {
    const { text: line, start: lineStart, next } = lines[i];
    if (lineStart < start) continue;
    if (open) {
      const closes = open.kind === 'fence' ? closesFence(line, open.marker) : HIGHLIGHT_CLOSE.test(line);
      if (closes) {
        blocks.push(makeBlock(text, open, i, lineStart, heading));
        open = undefined;
      }
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    // A backtick fence's info string may not contain backticks (CommonMark), else it is inline code.
    if (fence && !(fence[2][0] === '`' && line.slice(fence[0].length).includes('`'))) {
      open = { marker: fence[2], indent: fence[1].length, info: (fence[3] ?? '').toLowerCase(), line: i, contentStart: next, kind: 'fence' };
      previousText = undefined;
      continue;
    }
    const highlight = HIGHLIGHT_OPEN.exec(line);
    if (highlight) {
      open = { marker: '', indent: 0, info: highlight[1].toLowerCase(), line: i, contentStart: next, kind: 'highlight' };
      previousText = undefined;
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      heading = cleanHeading(atx[2]);
      previousText = undefined;
      continue;
    }
    if (previousText !== undefined && SETEXT_UNDERLINE.test(line)) {
      heading = cleanHeading(previousText);
      previousText = undefined;
      continue;
    }
    previousText = line.trim() ? line.trim() : undefined;
  }
  if (open) blocks.push(makeBlock(text, open, -1, text.length, heading));
  return blocks;
}

/** The code block whose content contains `offset`, if any (the fence lines themselves are outside). */
export function codeBlockAt(text: string, offset: number, start = 0): CodeBlock | undefined {
  return scanCodeBlocks(text, start).find((b) => offset >= b.contentStart && offset <= b.contentEnd);
}

const LANGUAGE_BY_INFO: Record<string, SnippetLanguage> = {
  dockerfile: 'dockerfile', docker: 'dockerfile', containerfile: 'dockerfile',
  bash: 'shellscript', sh: 'shellscript', shell: 'shellscript', zsh: 'shellscript', shellscript: 'shellscript',
  console: 'shellscript', 'shell-session': 'shellscript', shellsession: 'shellscript', 'sh-session': 'shellscript', terminal: 'shellscript',
  yaml: 'yaml', yml: 'yaml',
};

/** Info strings whose blocks mix prompts, commands and output (a transcript, not a script). */
const TRANSCRIPT_INFOS = new Set(['console', 'shell-session', 'shellsession', 'sh-session', 'terminal']);

/** The snippet language of a fence info string, or undefined for languages we do not harvest. */
export function languageOfInfo(info: string): SnippetLanguage | undefined {
  return LANGUAGE_BY_INFO[info.toLowerCase()];
}

export function isTranscriptInfo(info: string): boolean {
  return TRANSCRIPT_INFOS.has(info.toLowerCase());
}

/** The info string to write when wrapping a snippet of `language` in a new fence. */
export function fenceInfoFor(language: SnippetLanguage): string {
  switch (language) {
    case 'dockerfile': return 'dockerfile';
    case 'shellscript': return 'bash';
    case 'yaml': return 'yaml';
    case 'markdown': return 'markdown';
  }
}

function makeBlock(
  text: string,
  open: { marker: string; indent: number; info: string; line: number; contentStart: number; kind: CodeBlock['kind'] },
  closeLine: number,
  contentEnd: number,
  heading: string | undefined,
): CodeBlock {
  const start = Math.min(open.contentStart, contentEnd);
  const raw = text.slice(start, contentEnd);
  return {
    info: open.info,
    openLine: open.line,
    closeLine,
    contentStart: start,
    contentEnd,
    content: stripIndent(raw, open.indent).replace(/\r?\n$/, ''),
    heading,
    kind: open.kind,
  };
}

function closesFence(line: string, marker: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return !!m && m[1][0] === marker[0] && m[1].length >= marker.length;
}

/** Removes up to `indent` leading spaces from each line, as CommonMark does for indented fences. */
function stripIndent(text: string, indent: number): string {
  if (!indent) return text;
  return text.replace(/^ +/gm, (spaces) => spaces.slice(Math.min(indent, spaces.length)));
}

function cleanHeading(raw: string): string {
  return raw.replace(/[*_`]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();
}

interface SourceLine {
  text: string;
  start: number;
  next: number;
}

function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const body = text.slice(start, end).replace(/\r$/, '');
    lines.push({ text: body, start, next: nl === -1 ? text.length : nl + 1 });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}
