/**
 * Tokenises text with the real TextMate engine VS Code uses (vscode-textmate on the
 * vscode-oniguruma WASM regex engine) and our grammars from package.json `contributes.grammars`,
 * injections included. VS Code's own Markdown, Dockerfile and JSON grammars are not published
 * on the package registry, so small stand-ins of ours host the injections (support/grammars/).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** A grammar as package.json `contributes.grammars` declares it, with an absolute path. */
export interface GrammarSource {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

/** The grammars an extension folder contributes (ours, or a built-in one of VS Code). */
export function grammarsOf(extensionDir: string): GrammarSource[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: { scopeName?: string; path: string; injectTo?: string[] }[] };
  };
  return (pkg.contributes?.grammars ?? [])
    .filter((g): g is GrammarSource => typeof g.scopeName === 'string')
    .map((g) => ({ scopeName: g.scopeName, path: path.join(extensionDir, g.path), injectTo: g.injectTo }));
}

let onigReady: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  onigReady ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return onigReady;
}

export interface Token {
  line: number;
  text: string;
  scopes: string[];
}

/** A TextMate registry over a set of grammar files, resolving includes and injections as VS Code does. */
export class Tokenizer {
  private readonly registry: Registry;

  constructor(sources: GrammarSource[]) {
    const files = new Map(sources.map((g) => [g.scopeName, g.path]));
    this.registry = new Registry({
      onigLib: loadOniguruma().then(() => ({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      })),
      loadGrammar: async (scopeName) => {
        const file = files.get(scopeName);
        // Unknown scopes (source.toml when no TOML extension is installed) load as nothing, as in VS Code.
        return file ? parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scopeName) => sources.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
    });
  }

  /** Tokenises `text` (lines split on \n) with the grammar of `scopeName`. */
  async tokenize(scopeName: string, text: string): Promise<Token[]> {
    const grammar: IGrammar | null = await this.registry.loadGrammar(scopeName);
    if (!grammar) throw new Error(`no grammar for ${scopeName}`);
    const tokens: Token[] = [];
    let state: StateStack = INITIAL;
    text.split('\n').forEach((lineText, line) => {
      const result = grammar.tokenizeLine(lineText, state);
      for (const t of result.tokens) tokens.push({ line, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
      state = result.ruleStack;
    });
    return tokens;
  }
}

const HOST_GRAMMARS: GrammarSource[] = [
  { scopeName: 'text.html.markdown', path: path.join(__dirname, 'grammars', 'host-markdown.tmLanguage.json') },
  { scopeName: 'source.dockerfile', path: path.join(__dirname, 'grammars', 'host-dockerfile.tmLanguage.json') },
  { scopeName: 'source.json', path: path.join(__dirname, 'grammars', 'host-json.tmLanguage.json') },
];

let unitTokenizer: Tokenizer | undefined;

/** Tokenises with our contributed grammars over the stand-in host grammars. */
export function tokenize(scopeName: string, text: string): Promise<Token[]> {
  unitTokenizer ??= new Tokenizer([...HOST_GRAMMARS, ...grammarsOf(repoRoot)]);
  return unitTokenizer.tokenize(scopeName, text);
}

/**
 * The scopes of the token that starts `needle`'s first occurrence on `line` (or anywhere).
 * Fails loudly when the text was split so that no token starts there.
 */
export function scopesOf(tokens: Token[], needle: string, line?: number): string[] {
  const candidates = tokens.filter((t) => line === undefined || t.line === line);
  const lines = new Map<number, Token[]>();
  for (const t of candidates) lines.set(t.line, [...(lines.get(t.line) ?? []), t]);
  for (const [, lineTokens] of lines) {
    const full = lineTokens.map((t) => t.text).join('');
    const at = full.indexOf(needle);
    if (at === -1) continue;
    let offset = 0;
    for (const t of lineTokens) {
      if (offset === at) return t.scopes;
      if (offset > at) break;
      offset += t.text.length;
    }
    throw new Error(`no token starts at '${needle}': ${JSON.stringify(lineTokens.map((t) => t.text))}`);
  }
  throw new Error(`'${needle}' not found${line === undefined ? '' : ` on line ${line}`}`);
}

/** The text of every token carrying a scope that starts with `scopePrefix`. */
export function textsWithScope(tokens: Token[], scopePrefix: string): string[] {
  return tokens.filter((t) => t.scopes.some((s) => s.startsWith(scopePrefix))).map((t) => t.text);
}
