/**
 * Fence languages we highlight, and the grammar each one uses. One table for the extension
 * (which only needs to know the names) and for the highlighter (which registers the grammars),
 * so the extension bundle does not carry highlight.js at all.
 */
export const GRAMMAR_OF: Readonly<Record<string, string>> = {
  bash: 'bash',
  sh: 'bash',
  zsh: 'bash',
  ksh: 'bash',
  shell: 'shell',
  console: 'shell',
  'shell-session': 'shell',
  shellsession: 'shell',
  terminal: 'shell',
  dockerfile: 'dockerfile',
  docker: 'dockerfile',
  containerfile: 'dockerfile',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  ini: 'ini',
  toml: 'ini',
  go: 'go',
  golang: 'go',
  python: 'python',
  py: 'python',
  gyp: 'python',
  hcl: 'hcl',
  terraform: 'hcl',
  tf: 'hcl',
  tfvars: 'hcl',
  hcl2: 'hcl',
  nomad: 'hcl',
  packer: 'hcl',
  diff: 'diff',
  patch: 'diff',
  plaintext: 'plaintext',
  text: 'plaintext',
  txt: 'plaintext',
  plain: 'plaintext',
};

/** The grammar for a fence language (`tf` → `hcl`), or undefined when we have none. */
export function grammarFor(lang: string): string | undefined {
  const key = lang.toLowerCase();
  return Object.prototype.hasOwnProperty.call(GRAMMAR_OF, key) ? GRAMMAR_OF[key] : undefined;
}

/** Languages whose blocks get a "send to terminal" button. */
const SHELL_LANGUAGES = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'shell-session', 'shellsession', 'terminal', 'ksh']);

export function isShellLanguage(lang: string): boolean {
  return SHELL_LANGUAGES.has(lang.toLowerCase());
}

/** Highlights `code` as `lang` and returns HTML in which all code text is escaped. */
export type Highlighter = (code: string, lang: string) => string;
