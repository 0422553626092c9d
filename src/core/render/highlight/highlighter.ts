import hljsCore from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import json from 'highlight.js/lib/languages/json';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import yaml from 'highlight.js/lib/languages/yaml';
import type { HLJSApi } from 'highlight.js';
import { escapeHtml } from '../escape';
import { hcl } from './hcl';

/**
 * Syntax highlighting for the languages DevOps notes use. Only these grammars are bundled
 * (the full highlight.js set would add about 900 KB to the extension); other languages are
 * shown as escaped plain text, never auto-detected (detection runs every grammar: slow).
 */
let instance: HLJSApi | undefined;

function hljs(): HLJSApi {
  if (!instance) {
    // A private instance: another bundle's highlight.js configuration cannot leak into ours.
    const h = hljsCore.newInstance();
    h.configure({ classPrefix: 'hljs-' });
    h.registerLanguage('bash', bash);
    h.registerLanguage('shell', shell);
    h.registerLanguage('dockerfile', dockerfile);
    h.registerLanguage('yaml', yaml);
    h.registerLanguage('json', json);
    h.registerLanguage('ini', ini);
    h.registerLanguage('go', go);
    h.registerLanguage('python', python);
    h.registerLanguage('hcl', hcl);
    h.registerLanguage('diff', diff);
    h.registerLanguage('plaintext', plaintext);
    h.registerAliases(['zsh', 'sh', 'ksh'], { languageName: 'bash' });
    h.registerAliases(['console', 'shell-session', 'shellsession', 'terminal'], { languageName: 'shell' });
    h.registerAliases(['containerfile'], { languageName: 'dockerfile' });
    h.registerAliases(['text', 'txt', 'plain'], { languageName: 'plaintext' });
    instance = h;
  }
  return instance;
}

/** Languages whose blocks get a "send to terminal" button. */
const SHELL_LANGUAGES = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'shell-session', 'shellsession', 'terminal', 'ksh']);

export function isShellLanguage(lang: string): boolean {
  return SHELL_LANGUAGES.has(lang.toLowerCase());
}

/** The grammar name for a fence language (`tf` → `hcl`), or undefined when we have none. */
export function grammarFor(lang: string): string | undefined {
  if (!lang) return undefined;
  const language = hljs().getLanguage(lang.toLowerCase());
  return language ? (language.name ?? lang) : undefined;
}

/** Highlighted HTML for `code` (escaped plain text when the language is unknown). */
export function highlightCode(code: string, lang: string): string {
  const h = hljs();
  const key = lang.toLowerCase();
  if (!key || !h.getLanguage(key)) return escapeHtml(code);
  try {
    return h.highlight(code, { language: key, ignoreIllegals: true }).value;
  } catch {
    // A grammar bug must not cost the reader the code itself.
    return escapeHtml(code);
  }
}

/**
 * Splits highlighted HTML into one string per source line. highlight.js spans may cover
 * several lines (block comments, heredocs), so open spans are closed at each line end and
 * reopened on the next line. Its output holds only `<span class="…">`, `</span>` and escaped
 * text, which is what makes this simple scan safe.
 */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '<') {
      const close = html.indexOf('>', i);
      const tag = html.slice(i, close + 1);
      if (tag.startsWith('</')) open.pop();
      else open.push(tag);
      current += tag;
      i = close + 1;
    } else if (c === '\n') {
      lines.push(current + '</span>'.repeat(open.length));
      current = open.join('');
      i++;
    } else {
      const next = nextSpecial(html, i);
      current += html.slice(i, next);
      i = next;
    }
  }
  lines.push(current);
  return lines;
}

function nextSpecial(html: string, from: number): number {
  for (let j = from; j < html.length; j++) {
    const c = html.charCodeAt(j);
    if (c === 0x3c || c === 0x0a) return j;
  }
  return html.length;
}
