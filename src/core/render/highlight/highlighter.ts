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
import type { HLJSApi, LanguageFn } from 'highlight.js';
import { escapeHtml } from '../escape';
import { hcl } from './hcl';
import { GRAMMAR_OF, grammarFor } from './languages';

/**
 * Syntax highlighting with highlight.js, for the languages in languages.ts only (the full set
 * would add about 900 KB); other languages stay escaped plain text, never auto-detected
 * (detection runs every grammar: slow). Used by the webview and the CLI, not the extension host.
 */
const GRAMMARS: Record<string, LanguageFn> = { bash, shell, dockerfile, yaml, json, ini, go, python, hcl, diff, plaintext };

let instance: HLJSApi | undefined;

function hljs(): HLJSApi {
  if (!instance) {
    // A private instance: another bundle's highlight.js configuration cannot leak into ours.
    const h = hljsCore.newInstance();
    for (const [name, grammar] of Object.entries(GRAMMARS)) h.registerLanguage(name, grammar);
    for (const [alias, name] of Object.entries(GRAMMAR_OF)) if (alias !== name) h.registerAliases(alias, { languageName: name });
    instance = h;
  }
  return instance;
}

/** Highlighted HTML for `code` (escaped plain text when the language is unknown). */
export function highlightCode(code: string, lang: string): string {
  const grammar = grammarFor(lang);
  if (!grammar) return escapeHtml(code);
  try {
    return hljs().highlight(code, { language: grammar, ignoreIllegals: true }).value;
  } catch {
    // A grammar bug must not cost the reader the code itself.
    return escapeHtml(code);
  }
}

/** Whether highlight.js knows every language of the table (the unit tests check this). */
export function registeredLanguage(lang: string): string | undefined {
  return hljs().getLanguage(lang)?.name;
}
