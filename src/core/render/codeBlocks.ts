import { attr, escapeHtml } from './escape';
import { grammarFor, isShellLanguage, type Highlighter } from './highlight/languages';
import { splitHighlightedLines } from './highlight/lines';
import { commandTextForTerminal } from './terminalText';

/** Hugo's code display options, from a fence's `{…}` attributes or the `highlight` shortcode. */
export interface CodeOptions {
  lineNumbers: boolean;
  lineNumberStart: number;
  /** 1-based line numbers (relative to the block) to emphasise. */
  highlightLines: Set<number>;
}

export interface CodeBlock {
  code: string;
  lang: string;
  options: CodeOptions;
  /** Whether "send to terminal" may be used (false in Restricted Mode). */
  terminalAllowed: boolean;
  /** `data-line` of the block (document line), for scroll sync. */
  dataLine?: number;
  /** Where the block came from, shown in the toolbar for shortcodes. */
  label?: string;
  /**
   * Highlight now (CLI, tests: pass the highlighter) or leave it to the webview, which
   * highlights blocks as they scroll into view with this same module: the extension host then
   * never runs highlight.js, the most expensive step of a render.
   */
  highlighter?: Highlighter;
}

const DEFAULT_OPTIONS: CodeOptions = { lineNumbers: false, lineNumberStart: 1, highlightLines: new Set() };
const MAX_HIGHLIGHTED_LINES = 100_000;

/** Splits a fence info string like `go {linenos=table, hl_lines=[2,"4-5"]}` into language and options. */
export function parseFenceInfo(info: string): { lang: string; options: CodeOptions } {
  const trimmed = info.trim();
  const brace = trimmed.indexOf('{');
  const head = brace === -1 ? trimmed : trimmed.slice(0, brace);
  const lang = head.split(/\s+/)[0] ?? '';
  const attrs = brace === -1 ? '' : trimmed.slice(brace + 1, trimmed.lastIndexOf('}') > brace ? trimmed.lastIndexOf('}') : undefined);
  return { lang, options: parseCodeOptions(attrs) };
}

/**
 * Reads `linenos=table,hl_lines=8 15-17,linenostart=199` (highlight shortcode) and
 * `linenos=true, hl_lines=[8,"15-17"]` (fence attributes).
 */
export function parseCodeOptions(text: string): CodeOptions {
  const options: CodeOptions = { lineNumbers: false, lineNumberStart: 1, highlightLines: new Set() };
  if (!text.trim()) return options;
  for (const [key, value] of splitOptions(text)) {
    const k = key.toLowerCase();
    if (k === 'linenos') options.lineNumbers = !/^(?:false|0|)$/i.test(value);
    else if (k === 'linenostart') {
      const n = Number.parseInt(value, 10);
      if (Number.isFinite(n)) options.lineNumberStart = n;
    } else if (k === 'hl_lines') {
      for (const part of value.replace(/[[\]"']/g, ' ').split(/[\s,]+/)) {
        const m = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(part);
        if (!m) continue;
        const from = +m[1];
        const to = Math.min(m[2] ? +m[2] : from, from + MAX_HIGHLIGHTED_LINES);
        for (let n = from; n <= to && options.highlightLines.size < MAX_HIGHLIGHTED_LINES; n++) options.highlightLines.add(n);
      }
    }
  }
  return options;
}

/** `key=value` pairs separated by commas or spaces; brackets and quotes group a value. */
function splitOptions(text: string): [string, string][] {
  const out: [string, string][] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
    const keyStart = i;
    while (i < text.length && /[\w-]/.test(text[i])) i++;
    const key = text.slice(keyStart, i);
    while (i < text.length && text[i] === ' ') i++;
    if (!key || text[i] !== '=') {
      i = Math.max(i + 1, keyStart + 1);
      continue;
    }
    i++;
    while (i < text.length && text[i] === ' ') i++;
    const valueStart = i;
    const open = text[i];
    if (open === '[' || open === '"' || open === "'") {
      const close = text.indexOf(open === '[' ? ']' : open, i + 1);
      i = close === -1 ? text.length : close + 1;
    } else {
      // Unquoted values run to the next comma, or to the next `key=` (hl_lines=8 15-17 has spaces).
      while (i < text.length && text[i] !== ',' && !/^\s+[\w-]+\s*=/.test(text.slice(i, i + 40))) i++;
    }
    out.push([key, text.slice(valueStart, i).trim().replace(/^["']|["']$/g, '')]);
  }
  return out;
}

/** A code block with its toolbar: language label, copy, and send-to-terminal for shell code. */
export function renderCodeBlock(block: CodeBlock): string {
  const lang = block.lang.trim();
  const grammar = grammarFor(lang);
  const code = block.code.endsWith('\n') ? block.code.slice(0, -1) : block.code;
  const options = block.options ?? DEFAULT_OPTIONS;
  const body = codeBodyHtml(code, grammar ? lang : '', options, block.highlighter);
  const codeAttrs =
    (grammar ? ` class="hljs language-${escapeHtml(lang.toLowerCase())}"${attr('data-dn-lang', lang.toLowerCase())}` : ' class="hljs"') +
    (options.lineNumbers ? attr('data-dn-linenos', options.lineNumberStart) : '') +
    (options.highlightLines.size ? attr('data-dn-hl', [...options.highlightLines].join(',')) : '') +
    (grammar && block.highlighter ? ' data-dn-highlighted=""' : '');
  const shell = isShellLanguage(lang);
  let send = '';
  if (shell) {
    const command = commandTextForTerminal(block.code);
    send = block.terminalAllowed
      ? `<button type="button" class="dn-code-button" data-action="send-to-terminal"${attr('data-command', command)} title="Paste into the active terminal without running it">Send to terminal</button>`
      : `<button type="button" class="dn-code-button" data-action="send-to-terminal" disabled title="Not available in Restricted Mode: trust this workspace to paste commands into a terminal">Send to terminal</button>`;
  }
  const label = block.label ?? (lang || 'text');
  return (
    `<div class="dn-code${shell ? ' dn-code-shell' : ''}"${attr('data-line', block.dataLine)}${lang ? attr('data-lang', lang) : ''}>` +
    `<div class="dn-code-toolbar"><span class="dn-code-lang">${escapeHtml(label)}</span>` +
    `<button type="button" class="dn-code-button" data-action="copy" title="Copy the code">Copy</button>${send}</div>` +
    `<pre${options.lineNumbers ? ' class="dn-code-numbered"' : ''}><code${codeAttrs}>${body}</code></pre></div>\n`
  );
}

/**
 * The inside of a `<code>` element: the code, highlighted or escaped, split into numbered or
 * emphasised lines when asked. The webview calls this too when it highlights a deferred block,
 * so its DOM ends up exactly as the CLI prints it.
 */
export function codeBodyHtml(code: string, lang: string, options: CodeOptions, highlighter: Highlighter | undefined): string {
  const html = highlighter && lang ? highlighter(code, lang) : escapeHtml(code);
  return options.lineNumbers || options.highlightLines.size ? numberedLines(html, options) : html;
}

/** Options back from a `<code>` element's data attributes (the webview's side of `renderCodeBlock`). */
export function codeOptionsFromAttributes(lineNumbers: string | undefined, highlightLines: string | undefined): CodeOptions {
  const start = lineNumbers === undefined ? Number.NaN : Number.parseInt(lineNumbers, 10);
  const hl = new Set<number>();
  for (const n of (highlightLines ?? '').split(',')) if (/^\d{1,6}$/.test(n)) hl.add(+n);
  return { lineNumbers: Number.isFinite(start), lineNumberStart: Number.isFinite(start) ? start : 1, highlightLines: hl };
}

function numberedLines(html: string, options: CodeOptions): string {
  return splitHighlightedLines(html)
    .map((line, i) => {
      const n = i + 1;
      const hl = options.highlightLines.has(n) ? ' dn-hl' : '';
      // The number is CSS-generated content, so copying the block copies only the code.
      const number = options.lineNumbers ? `<span class="dn-ln" data-ln="${options.lineNumberStart + i}"></span>` : '';
      return `<span class="dn-line${hl}">${number}${line}</span>`;
    })
    .join('\n');
}
