import { findJsonObjectEnd, parseJsonFrontMatter } from './json';
import { MAX_FRONT_MATTER_LENGTH, MAX_NESTING, findExcessiveNesting, isStackOverflow } from './limits';
import { readSimpleJson } from './simpleJson';
import { readSimpleToml } from './simpleToml';
import { readSimpleYaml } from './simpleYaml';
import { parseTomlFrontMatter, tomlFieldsToData } from './toml';
import type { FieldNode, FrontMatterFormat, FrontMatterSyntaxError, ParsedFrontMatter } from './types';
import { YAML11_SPECIAL } from './simpleScan';
import { parseYamlFrontMatter, type FormatParseResult, type YamlVersion } from './yaml';

/** How to read front matter: the YAML of the site's Hugo version (default 1.2, the newest Hugo's). */
export interface ParseOptions {
  yaml?: YamlVersion;
}

const DELIMITERS: Record<'yaml' | 'toml', string> = { yaml: '---', toml: '+++' };
/** A line break and the delimiter: where a closing line may start. */
const AFTER_BREAK: Record<'yaml' | 'toml', string> = { yaml: '\n---', toml: '\n+++' };

/**
 * Reads the front matter of a Hugo content file the way Hugo finds it: after an optional BOM
 * and leading blank space, a `---` line opens YAML, a `+++` line opens TOML, and a `{` opens a
 * JSON object. Never throws; problems come back in `errors` with exact offsets.
 */
export function parseFrontMatter(text: string, options?: ParseOptions): ParsedFrontMatter {
  // Hugo's lexer ends a line at a lone `\r` too (parser/pageparser/pagelexer.go, isEndOfLine), as
  // old Mac files have them; read as `\n`, one character for one, every offset stays the same.
  if (hasLoneCr(text)) text = text.replace(LONE_CR_ALL, '\n');
  const hasBom = text.charCodeAt(0) === 0xfeff;
  let i = hasBom ? 1 : 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  const format = detectFormat(text, i);
  if (format === null) return none(hasBom ? 1 : 0, hasBom);
  if (format === 'json') return parseJsonBlock(text, i, hasBom);
  if (!text.startsWith(DELIMITERS[format], i)) return invalidDelimiter(text, i, format, hasBom);
  return parseDelimitedBlock(text, i, format, hasBom, options?.yaml ?? '1.2');
}

const LONE_CR_ALL = /\r(?!\n)/g;

/** Whether the text has a `\r` that is not part of a `\r\n`. */
export function hasLoneCr(text: string): boolean {
  const cr = text.indexOf('\r');
  return cr !== -1 && /\r(?!\n)/.test(text.slice(cr));
}

/**
 * Hugo's lexer takes a first `-` or `+` (after blank space) as the start of a delimiter, and
 * then wants two more (parser/pageparser/pagelexer_intro.go, lexIntroSection and
 * lexFrontMatterSection): a post that opens with a list fails the build.
 */
function detectFormat(text: string, at: number): FrontMatterFormat | null {
  const c = text[at];
  if (c === '{') return 'json';
  return c === '-' ? 'yaml' : c === '+' ? 'toml' : null;
}

/** A first line that starts like a delimiter and is not one: Hugo stops the build. */
function invalidDelimiter(text: string, at: number, format: 'yaml' | 'toml', hasBom: boolean): ParsedFrontMatter {
  const d = DELIMITERS[format];
  const name = format === 'yaml' ? 'YAML' : 'TOML';
  let end = at;
  while (end < text.length && text[end] === d[0]) end++;
  const message = `The first line starts with "${text.slice(at, end)}" but is not a "${d}" line: Hugo reads a first "${d[0]}" as the start of a ${name} front matter delimiter and stops the build ("invalid ${name} delimiter"). Add front matter above it, or start the post with other text`;
  // No block can be read (like one never closed): the dashes are its only text.
  const place = { hasBom, blockStart: at, blockEnd: end, contentStart: at, contentEnd: at, bodyStart: end };
  return new ParsedBlock(format, [], [{ code: 'syntax', message, start: at, end }], place, false);
}

function isRestOfLineBlank(text: string, from: number): boolean {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}

/** Offset just past the line ending of the line containing `from` (or the text's end). */
function nextLineStart(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl + 1;
}

function none(bodyStart: number, hasBom: boolean): ParsedFrontMatter {
  const at = { hasBom, blockStart: bodyStart, blockEnd: bodyStart, contentStart: bodyStart, contentEnd: bodyStart, bodyStart };
  return new ParsedBlock(null, [], [], at, true);
}

/** A block opened and never closed: no fields, an `unterminated` error, the rest of the text as its content. */
function unterminated(text: string, openAt: number, contentStart: number, format: FrontMatterFormat, hasBom: boolean, error: FrontMatterSyntaxError): ParsedFrontMatter {
  const end = text.length;
  return new ParsedBlock(format, [], [error], { hasBom, blockStart: openAt, blockEnd: end, contentStart, contentEnd: end, bodyStart: end }, false);
}

function parseDelimitedBlock(text: string, openAt: number, format: 'yaml' | 'toml', hasBom: boolean, yaml: YamlVersion): ParsedFrontMatter {
  const delimiter = DELIMITERS[format];
  // Hugo's lexer opens the block after the three characters whatever follows them on the line
  // (`----`, `--- # note`): that rest is the block's first line.
  const contentStart = isRestOfLineBlank(text, openAt + delimiter.length) ? nextLineStart(text, openAt) : openAt + delimiter.length;
  // The closing line starts with the delimiter: only lines that do are looked at (found natively).
  let closeAt = -1;
  const afterBreak = AFTER_BREAK[format];
  const atLineStart = text[contentStart - 1] === '\n';
  for (let at = atLineStart && text.startsWith(delimiter, contentStart) ? contentStart : text.indexOf(afterBreak, contentStart) + 1; at > 0 && at < text.length; ) {
    if (isRestOfLineBlank(text, at + delimiter.length)) {
      closeAt = at;
      break;
    }
    at = text.indexOf(afterBreak, at) + 1;
  }
  if (closeAt === -1) {
    const message = atLineStart
      ? `Front matter opened with "${delimiter}" is never closed: add a "${delimiter}" line after the last field`
      : `The first line starts with "${delimiter}", which Hugo reads as the opening of front matter, and no "${delimiter}" line closes it: Hugo stops the build ("EOF looking for end ${format === 'yaml' ? 'YAML' : 'TOML'} front matter delimiter")`;
    return unterminated(text, openAt, contentStart, format, hasBom, { code: 'unterminated', message, start: openAt, end: openAt + delimiter.length });
  }
  const content = text.slice(contentStart, closeAt);
  // The simple YAML reader reads 1.2; in 1.1 it may read only blocks where the two agree.
  const simpleFits = format === 'toml' || yaml === '1.2' || !YAML11_SPECIAL.test(content);
  const simple = simpleFits ? trySimple(() => (format === 'yaml' ? readSimpleYaml : readSimpleToml)(content, contentStart)) : undefined;
  const readYaml = (c: string, base: number) => parseYamlFrontMatter(c, base, yaml);
  const result = simple ? { fields: simple, errors: [] } : readGuarded(format, content, contentStart, format === 'yaml' ? readYaml : parseTomlFrontMatter);
  const blockEnd = nextLineStart(text, closeAt);
  return finish(result, format, { hasBom, blockStart: openAt, blockEnd, contentStart, contentEnd: closeAt, bodyStart: blockEnd });
}

function parseJsonBlock(text: string, openAt: number, hasBom: boolean): ParsedFrontMatter {
  const simple = trySimple(() => readSimpleJson(text, openAt));
  const end = simple ? simple.end : findJsonObjectEnd(text, openAt);
  if (end === -1) {
    return unterminated(text, openAt, openAt, 'json', hasBom, { code: 'unterminated', message: 'JSON front matter opened with "{" has no matching "}"', start: openAt, end: openAt + 1 });
  }
  const result = simple ? { fields: simple.fields, errors: [] } : readGuarded('json', text.slice(openAt, end), openAt, parseJsonFrontMatter);
  // The body starts on the line after the closing brace when nothing else follows it there.
  const bodyStart = isRestOfLineBlank(text, end) ? nextLineStart(text, end) : end;
  return finish(result, 'json', { hasBom, blockStart: openAt, blockEnd: bodyStart, contentStart: openAt, contentEnd: end, bodyStart });
}

/**
 * Runs one of the simple readers (simpleYaml.ts, simpleToml.ts, simpleJson.ts): most front matter
 * is plain enough that they give the very fields the full parsers give, many times faster, and
 * undefined otherwise. The guards of `readGuarded` are not needed for them: they take only small
 * blocks, nested far less than `MAX_NESTING` (they check `isShallow`). An exception is not
 * expected (the equivalence tests would catch it) but never worth a crash: the full parser decides.
 */
function trySimple<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

const TOO_DEEP = `Front matter is nested more than ${MAX_NESTING} levels deep, the limit of DevOps Notes: not checked`;
const TOO_COMPLEX = 'Front matter is too deeply nested or has a value too long for DevOps Notes to read: not checked';

/**
 * Runs a format parser so that no input makes `parseFrontMatter` throw or freeze: huge and
 * too-deep front matter is refused up front (see limits.ts), and anything a parser still throws
 * becomes an error on the block.
 */
function readGuarded(
  format: FrontMatterFormat,
  content: string,
  base: number,
  read: (content: string, base: number) => FormatParseResult,
): FormatParseResult {
  const whole = { start: base, end: base + Math.min(1, content.length) };
  // Our own limits, not Hugo's: the block is not checked, which says nothing of what Hugo makes of it.
  if (content.length > MAX_FRONT_MATTER_LENGTH) {
    const size = `${Math.ceil(content.length / 1024)} KB`;
    return { fields: [], errors: [{ code: 'limit', message: `Front matter is ${size}, more than the ${MAX_FRONT_MATTER_LENGTH / 1024} KB limit of DevOps Notes: not checked`, ...whole }] };
  }
  const deepAt = findExcessiveNesting(content, format);
  if (deepAt !== -1) {
    return { fields: [], errors: [{ code: 'limit', message: TOO_DEEP, start: base + deepAt, end: base + Math.min(deepAt + 1, content.length) }] };
  }
  try {
    const result = read(content, base);
    // yaml catches its own stack overflow and reports it as a syntax error; say what it means.
    for (const e of result.errors) {
      if (!/call stack/i.test(e.message)) continue;
      e.message = TOO_COMPLEX;
      e.code = 'limit';
    }
    return result;
  } catch (err) {
    // toml-eslint-parser recurses once per character of a string: 200,000 characters overflow.
    if (isStackOverflow(err)) return { fields: [], errors: [{ code: 'limit', message: TOO_COMPLEX, ...whole }] };
    return { fields: [], errors: [{ code: 'syntax', message: `${UNREADABLE}: ${err instanceof Error ? err.message : String(err)}`, ...whole }] };
  }
}

/** Prefix of the error for a parser failure we did not foresee (tests assert it never appears). */
export const UNREADABLE = 'Front matter could not be read';

function finish(
  result: FormatParseResult,
  format: FrontMatterFormat,
  place: Pick<ParsedFrontMatter, 'hasBom' | 'blockStart' | 'blockEnd' | 'contentStart' | 'contentEnd' | 'bodyStart'>,
): ParsedFrontMatter {
  const errors = [...result.errors];
  if (result.notAMapping) {
    errors.push({ code: 'syntax', message: 'Front matter must be a set of "key: value" fields', ...result.notAMapping });
  }
  return new ParsedBlock(format, result.fields, errors, place, true);
}

/**
 * Every parse result, with its `data` built when first read: the validator and the CLI's check read
 * the fields only. A class and not an object literal with `get data()`: a literal's accessor
 * functions are new for every result, so V8 gave every result a hidden class of its own, and
 * the young-generation collector kept each one (with its fields, and through them the post's
 * text) alive until a full collection. In a check of 10k posts that was over 100 MB copied.
 * One class for every kind of result (none, unterminated, read) also keeps the validator's
 * optimized code from being thrown away whenever a broken post comes along.
 */
class ParsedBlock implements ParsedFrontMatter {
  readonly hasBom: boolean;
  readonly blockStart: number;
  readonly blockEnd: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly bodyStart: number;
  readonly fields: FieldNode[];
  private builtData: Record<string, unknown> | undefined;

  constructor(
    readonly format: FrontMatterFormat | null,
    fields: FieldNode[],
    readonly errors: FrontMatterSyntaxError[],
    place: Pick<ParsedFrontMatter, 'hasBom' | 'blockStart' | 'blockEnd' | 'contentStart' | 'contentEnd' | 'bodyStart'>,
    readonly terminated: boolean,
  ) {
    this.fields = fields.length === 0 ? noFields() : fields;
    this.hasBom = place.hasBom;
    this.blockStart = place.blockStart;
    this.blockEnd = place.blockEnd;
    this.contentStart = place.contentStart;
    this.contentEnd = place.contentEnd;
    this.bodyStart = place.bodyStart;
  }

  get data(): Record<string, unknown> {
    return (this.builtData ??= fieldsToData(this.fields, this.format));
  }

  set data(value: Record<string, unknown>) {
    this.builtData = value;
  }
}

/**
 * An empty list of fields of the same kind as a filled one. An empty `[]` is a list of small
 * integers to V8, and a filled one a list of objects: code that loops over `fields` and was
 * optimized on filled lists is thrown away at the first post with none (a broken or empty block).
 */
function noFields(): FieldNode[] {
  const fields: FieldNode[] = [NO_FIELD];
  fields.length = 0;
  return fields;
}
const NO_FIELD: FieldNode = { key: '', keyStart: 0, keyEnd: 0, value: { kind: 'scalar', value: null, start: 0, end: 0 } };

function fieldsToData(fields: FieldNode[], format: FrontMatterFormat | null): Record<string, unknown> {
  if (format === 'toml') return tomlFieldsToData(fields);
  const data: Record<string, unknown> = {};
  for (const f of fields) data[f.key] = f.value.value;
  return data;
}
