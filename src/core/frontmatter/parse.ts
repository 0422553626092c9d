import { parseJsonFrontMatter } from './json';
import { readJsonSubset } from './jsonSubset';
import { MAX_FRONT_MATTER_LENGTH, MAX_NESTING, findExcessiveNesting, isStackOverflow } from './limits';
import { DELIMITERS, locateFrontMatter, type FoundFrontMatter } from './locate';
import { YAML11_SPECIAL } from './subsetScan';
import { readTomlSubset } from './tomlSubset';
import { parseTomlFrontMatter, tomlFieldsToData } from './toml';
import type { FieldNode, FrontMatterFormat, FrontMatterSyntaxError, ParsedFrontMatter } from './types';
import { readYamlSubset } from './yamlSubset';
import { parseYamlFrontMatter, type FormatParseResult, type YamlVersion } from './yaml';

/** How to read front matter: the YAML of the site's Hugo version (default 1.2, the newest Hugo's). */
export interface ParseOptions {
  yaml?: YamlVersion;
}

/**
 * Reads the front matter of a Hugo content file the way Hugo finds it (see `locateFrontMatter`).
 * Never throws; problems come back in `errors` with exact offsets.
 */
export function parseFrontMatter(text: string, options?: ParseOptions): ParsedFrontMatter {
  // Hugo's lexer ends a line at a lone `\r` too (parser/pageparser/pagelexer.go, isEndOfLine), as
  // old Mac files have them; read as `\n`, one character for one, every offset stays the same.
  if (hasLoneCr(text)) text = text.replace(LONE_CR_ALL, '\n');
  return parseLocatedFrontMatter(text, locateFrontMatter(text) as FoundFrontMatter, options?.yaml ?? '1.2');
}

/** {@link parseFrontMatter} for a text (with no lone `\r`) whose front matter was located already. */
export function parseLocatedFrontMatter(text: string, at: FoundFrontMatter, yaml: YamlVersion): ParsedFrontMatter {
  switch (at.kind) {
    case 'none':
      return none(at.bodyStart, at.hasBom);
    case 'badDelimiter':
      return invalidDelimiter(text, at, at.hasBom);
    case 'unterminated':
      return unterminated(text, at.blockStart, at.contentStart, at.format, at.hasBom, unterminatedError(text, at.format, at.blockStart, at.contentStart));
    case 'closed':
      return at.format === 'json' ? parseJsonBlock(text, at) : parseDelimitedBlock(text, at, at.format, yaml);
  }
}

const LONE_CR_ALL = /\r(?!\n)/g;

/** Whether the text has a `\r` that is not part of a `\r\n`. */
export function hasLoneCr(text: string): boolean {
  const cr = text.indexOf('\r');
  return cr !== -1 && /\r(?!\n)/.test(text.slice(cr));
}

/** A first line that starts like a delimiter and is not one: Hugo stops the build. */
function invalidDelimiter(text: string, at: { format: 'yaml' | 'toml'; blockStart: number; delimiterEnd: number }, hasBom: boolean): ParsedFrontMatter {
  const { format, blockStart: start, delimiterEnd: end } = at;
  const d = DELIMITERS[format];
  const name = format === 'yaml' ? 'YAML' : 'TOML';
  const message = `The first line starts with "${text.slice(start, end)}" but is not a "${d}" line: Hugo reads a first "${d[0]}" as the start of a ${name} front matter delimiter and stops the build ("invalid ${name} delimiter"). Add front matter above it, or start the post with other text`;
  // No block can be read (like one never closed): the dashes are its only text.
  const place = { hasBom, blockStart: start, blockEnd: end, contentStart: start, contentEnd: start, bodyStart: end };
  return new ParsedBlock(format, [], [{ code: 'syntax', message, start, end }], place, false);
}

function unterminatedError(text: string, format: FrontMatterFormat, openAt: number, contentStart: number): FrontMatterSyntaxError {
  if (format === 'json') return { code: 'unterminated', message: 'JSON front matter opened with "{" has no matching "}"', start: openAt, end: openAt + 1 };
  const delimiter = DELIMITERS[format];
  const message =
    text[contentStart - 1] === '\n'
      ? `Front matter opened with "${delimiter}" is never closed: add a "${delimiter}" line after the last field`
      : `The first line starts with "${delimiter}", which Hugo reads as the opening of front matter, and no "${delimiter}" line closes it: Hugo stops the build ("EOF looking for end ${format === 'yaml' ? 'YAML' : 'TOML'} front matter delimiter")`;
  return { code: 'unterminated', message, start: openAt, end: openAt + delimiter.length };
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

type ClosedBlock = Extract<FoundFrontMatter, { kind: 'closed' }>;

function parseDelimitedBlock(text: string, at: ClosedBlock, format: 'yaml' | 'toml', yaml: YamlVersion): ParsedFrontMatter {
  const { contentStart, contentEnd, blockEnd } = at;
  const content = text.slice(contentStart, contentEnd);
  // The YAML subset reader reads 1.2; in 1.1 it may read only blocks where the two agree.
  const subsetFits = format === 'toml' || yaml === '1.2' || !YAML11_SPECIAL.test(content);
  const direct = subsetFits ? tryDirect(() => (format === 'yaml' ? readYamlSubset : readTomlSubset)(content, contentStart)) : undefined;
  const readYaml = (c: string, base: number) => parseYamlFrontMatter(c, base, yaml);
  const result = direct ? { fields: direct, errors: [] } : readGuarded(format, content, contentStart, format === 'yaml' ? readYaml : parseTomlFrontMatter);
  return finish(result, format, { hasBom: at.hasBom, blockStart: at.blockStart, blockEnd, contentStart, contentEnd, bodyStart: blockEnd });
}

function parseJsonBlock(text: string, at: ClosedBlock): ParsedFrontMatter {
  const { blockStart: openAt, contentEnd: end, blockEnd: bodyStart } = at;
  const direct = tryDirect(() => readJsonSubset(text, openAt, end));
  const result = direct ? { fields: direct, errors: [] } : readGuarded('json', text.slice(openAt, end), openAt, parseJsonFrontMatter);
  return finish(result, 'json', { hasBom: at.hasBom, blockStart: openAt, blockEnd: bodyStart, contentStart: openAt, contentEnd: end, bodyStart });
}

/**
 * Runs one of the subset readers (yamlSubset.ts, tomlSubset.ts, jsonSubset.ts; see BENCHMARKS.md):
 * they give the very fields the full parsers give, or undefined. They take only small, shallow
 * blocks (`isShallow`), so `readGuarded`'s guards are not needed; an exception is not expected
 * (the equivalence tests would catch it) but never worth a crash: the full parser decides.
 */
function tryDirect<T>(read: () => T | undefined): T | undefined {
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
 * Every parse result, with its `data` built when first read (the validator and the CLI's check
 * read the fields only). One class for every kind of result: see BENCHMARKS.md, "One class for every parse result".
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

/** An empty list of fields of the same array kind as a filled one (BENCHMARKS.md, "Speed tricks"). */
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
