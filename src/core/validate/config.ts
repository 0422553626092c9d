import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { SiteUrlConfig } from '../site/permalinks';
import { compileLinearRegex } from '../text/linearRegex';
import { DEFAULT_HUGO_VERSION, hugoRules, readVersionSetting, type HugoRules, type HugoVersion } from '../site/hugoVersion';
import type { FieldSpec, FieldType } from './schema';
import { RULE_CODES, type RuleCode, type Severity } from './types';

/** Everything the validator can be told; built from defaults, VS Code settings and `.devops-notes.json`. */
export interface ValidationConfig {
  /** Fields every post must have (compared lowercased). */
  requiredFields: string[];
  /**
   * True when no layer set `requiredFields`: a Hugo site's pages then need what its own convention
   * says (see `configForPage`), and `requiredFields` is only the fallback outside a site.
   */
  requiredByConvention: boolean;
  /** Fields marked `"required": true` in `fields`: required on top of the convention too. */
  alsoRequired: string[];
  /** Keys most pages of the post's section carry (the site's own fields): known, not typos. */
  conventionalKeys?: string[];
  /** Extra fields beyond Hugo's, keyed lowercased. */
  fields: Record<string, FieldSpec>;
  /** Taxonomy keys, lowercased: Hugo's `tags` and `categories` plus extra ones. */
  taxonomies: string[];
  /** Per taxonomy, the only terms allowed (term keys as Hugo merges them); absent = any term. */
  allowedTerms: Record<string, string[]>;
  severities: Record<RuleCode, Severity>;
  /** `typos`: flag only unknown keys that look like a misspelled known key; `all`: every unknown key. */
  unknownKeys: 'typos' | 'all';
  /** Folders (relative to the site root) where absolute image paths such as `/img/a.png` live. */
  staticDirs: string[];
  /** The site's content folders (relative to the site root): Hugo publishes a bundle's files at their content path. */
  contentDirs: string[];
  /** The site's URL settings (from its Hugo config): a bundle's files are also published under its page's URL. */
  siteUrls?: SiteUrlConfig;
  /** The Hugo version the site is judged by, where it was found, and what that version does. */
  hugo: HugoVersion & HugoRules;
  /** The site config's `disableKinds` (see `termPagesDisabledBy`). */
  disableKinds: string[];
}

/** One layer of user configuration: whatever it sets overrides the layers before it. */
export interface ConfigLayer {
  requiredFields?: string[];
  /** Fields marked `"required": true` in `fields`: added to whatever `requiredFields` says. */
  alsoRequired?: string[];
  fields?: Record<string, FieldSpec>;
  taxonomies?: string[];
  /** The taxonomies a Hugo site config defines: they replace Hugo's default two. */
  hugoTaxonomies?: string[];
  allowedTags?: Record<string, string[]>;
  severity?: Partial<Record<RuleCode, Severity>>;
  unknownKeys?: 'typos' | 'all';
  staticDirs?: string[];
  /** From the Hugo config only (`contentDir`, content mounts). */
  contentDirs?: string[];
  /**
   * From the Hugo config only: its URL settings under a Hugo version's rules, applied with the
   * version the layers resolve to (found in the build files, or set), not the one first assumed.
   */
  siteUrlsFor?: (hugoVersion: string) => SiteUrlConfig;
  /** The Hugo version: found in the site's build files, or set (`devopsNotes.hugo.version`, `.devops-notes.json`). */
  hugoVersion?: HugoVersion;
  /** From the Hugo config only. */
  disableKinds?: string[];
}

export const DEFAULT_SEVERITIES: Readonly<Record<RuleCode, Severity>> = {
  'fm/syntax': 'error',
  'fm/unterminated': 'error',
  'fm/required': 'warning',
  'fm/type': 'error',
  'fm/enum': 'error',
  'fm/pattern': 'error',
  'fm/date-format': 'error',
  'fm/date-order': 'warning',
  'fm/duplicate-key': 'error',
  'fm/unknown-key': 'warning',
  'fm/tags-string': 'warning',
  'fm/duplicate-tag': 'warning',
  'fm/tag-spelling': 'warning',
  'fm/tag-not-allowed': 'warning',
  'fm/empty-value': 'warning',
  'fm/missing-file': 'warning',
  'fm/unreadable': 'warning',
};

export const DEFAULT_TAXONOMIES: readonly string[] = ['tags', 'categories'];

/**
 * A layer without its `pattern` rules, for Restricted Mode. Patterns match in linear time (see
 * linearRegex.ts), so this is defence in depth: an untrusted workspace runs no expression of its own.
 */
export function withoutPatterns(layer: ConfigLayer | undefined): ConfigLayer | undefined {
  if (!layer?.fields) return layer;
  const strip = (spec: FieldSpec): FieldSpec => {
    const rest: FieldSpec = { ...spec };
    delete rest.pattern;
    const { properties } = spec;
    return properties ? { ...rest, properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, strip(v)])) } : rest;
  };
  return { ...layer, fields: Object.fromEntries(Object.entries(layer.fields).map(([k, v]) => [k, strip(v)])) };
}

export function defaultValidationConfig(): ValidationConfig {
  return {
    requiredFields: ['title', 'date'],
    requiredByConvention: true,
    alsoRequired: [],
    fields: {},
    taxonomies: [...DEFAULT_TAXONOMIES],
    allowedTerms: {},
    severities: { ...DEFAULT_SEVERITIES },
    unknownKeys: 'typos',
    staticDirs: ['static', 'assets'],
    contentDirs: ['content'],
    hugo: withRules(DEFAULT_HUGO_VERSION),
    disableKinds: [],
  };
}

function withRules(v: HugoVersion): HugoVersion & HugoRules {
  return { ...v, ...hugoRules(v.version) };
}

/**
 * Applies layers in order (later wins): lists and scalars are replaced, `fields` and `severity`
 * merge per key, extra taxonomies add to Hugo's two.
 */
export function resolveValidationConfig(...layers: (ConfigLayer | undefined)[]): ValidationConfig {
  const config = defaultValidationConfig();
  let siteUrlsFor: ConfigLayer['siteUrlsFor'];
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.requiredFields) {
      config.requiredFields = [...layer.requiredFields];
      config.requiredByConvention = false;
    }
    for (const name of layer.alsoRequired ?? []) {
      if (!config.requiredFields.some((r) => r.toLowerCase() === name.toLowerCase())) config.requiredFields.push(name);
      if (!config.alsoRequired.some((r) => r.toLowerCase() === name.toLowerCase())) config.alsoRequired.push(name);
    }
    if (layer.fields) {
      for (const [key, spec] of Object.entries(layer.fields)) config.fields[key.toLowerCase()] = spec;
    }
    if (layer.hugoTaxonomies) config.taxonomies = layer.hugoTaxonomies.map((t) => t.toLowerCase());
    if (layer.taxonomies) {
      for (const t of layer.taxonomies) if (!config.taxonomies.includes(t.toLowerCase())) config.taxonomies.push(t.toLowerCase());
    }
    if (layer.allowedTags) config.allowedTerms = { ...layer.allowedTags };
    if (layer.severity) Object.assign(config.severities, layer.severity);
    if (layer.unknownKeys) config.unknownKeys = layer.unknownKeys;
    if (layer.staticDirs) config.staticDirs = [...layer.staticDirs];
    if (layer.contentDirs) config.contentDirs = [...layer.contentDirs];
    if (layer.siteUrlsFor) siteUrlsFor = layer.siteUrlsFor;
    if (layer.hugoVersion) config.hugo = withRules(layer.hugoVersion);
    if (layer.disableKinds) config.disableKinds = [...layer.disableKinds];
  }
  if (siteUrlsFor) config.siteUrls = siteUrlsFor(config.hugo.version);
  return config;
}

/** A problem in a configuration object; `path` is the JSON path to the offending value. */
export interface ConfigProblem {
  path: (string | number)[];
  message: string;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint', 'off'];
const USER_TYPES: Readonly<Record<string, FieldType>> = {
  string: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  list: 'string-list',
  map: 'map',
  any: 'any',
};

/**
 * Reads the `frontMatter` section of `.devops-notes.json` or the `devopsNotes.frontMatter.*`
 * settings (the same shape). Bad parts are reported and ignored; the rest still applies.
 */
export function readConfigLayer(section: unknown, basePath: (string | number)[] = []): { layer: ConfigLayer; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const layer: ConfigLayer = {};
  const report = (path: (string | number)[], message: string) => problems.push({ path: [...basePath, ...path], message });
  if (section === undefined || section === null) return { layer, problems };
  if (!isRecord(section)) {
    report([], 'Expected an object');
    return { layer, problems };
  }
  const strings = (key: string): string[] | undefined => {
    const v = section[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      report([key], `"${key}" must be a list of strings`);
      return undefined;
    }
    return v as string[];
  };
  const required = strings('requiredFields');
  const taxonomies = strings('taxonomies');
  const staticDirs = strings('staticDirs');
  if (taxonomies) layer.taxonomies = taxonomies;
  if (staticDirs) layer.staticDirs = staticDirs;
  const extraRequired: string[] = [];
  if (section.fields !== undefined) {
    if (!isRecord(section.fields)) report(['fields'], '"fields" must map field names to { "type": ... } objects');
    else {
      layer.fields = {};
      for (const [name, raw] of Object.entries(section.fields)) {
        const spec = readFieldSpec(raw, (p, m) => report(['fields', name, ...p], m));
        if (spec) layer.fields[name.toLowerCase()] = spec;
        if (isRecord(raw) && raw.required === true) extraRequired.push(name);
      }
    }
  }
  if (required) layer.requiredFields = required;
  if (extraRequired.length) layer.alsoRequired = extraRequired;
  readAllowedTags(section.allowedTags, report, layer);
  if (section.severity !== undefined) {
    if (!isRecord(section.severity)) report(['severity'], '"severity" must map rule codes to a severity');
    else {
      layer.severity = {};
      for (const [code, level] of Object.entries(section.severity)) {
        if (!(RULE_CODES as readonly string[]).includes(code)) report(['severity', code], `Unknown rule code "${code}" (known: ${RULE_CODES.join(', ')})`);
        else if (typeof level !== 'string' || !(SEVERITIES as readonly string[]).includes(level)) {
          report(['severity', code], `Severity must be one of ${SEVERITIES.join(', ')}`);
        } else layer.severity[code as RuleCode] = level as Severity;
      }
    }
  }
  if (section.unknownKeys !== undefined) {
    if (section.unknownKeys === 'typos' || section.unknownKeys === 'all') layer.unknownKeys = section.unknownKeys;
    else report(['unknownKeys'], '"unknownKeys" must be "typos" or "all"');
  }
  return { layer, problems };
}

function readAllowedTags(raw: unknown, report: (path: (string | number)[], message: string) => void, layer: ConfigLayer): void {
  if (raw === undefined || raw === null) return;
  // A plain list is shorthand for the `tags` taxonomy.
  const byTaxonomy: Record<string, unknown> = Array.isArray(raw) ? { tags: raw } : isRecord(raw) ? raw : {};
  if (!Array.isArray(raw) && !isRecord(raw)) {
    report(['allowedTags'], '"allowedTags" must be a list of terms or map taxonomies to lists of terms');
    return;
  }
  layer.allowedTags = {};
  for (const [taxonomy, terms] of Object.entries(byTaxonomy)) {
    if (!Array.isArray(terms) || terms.some((t) => typeof t !== 'string')) {
      report(Array.isArray(raw) ? ['allowedTags'] : ['allowedTags', taxonomy], 'Allowed terms must be a list of strings');
      continue;
    }
    layer.allowedTags[taxonomy.toLowerCase()] = terms as string[];
  }
}

function readFieldSpec(raw: unknown, report: (path: (string | number)[], message: string) => void): FieldSpec | undefined {
  if (!isRecord(raw)) {
    report([], 'A field must be an object such as { "type": "string" }');
    return undefined;
  }
  const typeName = raw.type === undefined ? 'any' : raw.type;
  const type = typeof typeName === 'string' ? USER_TYPES[typeName] : undefined;
  if (!type) {
    report(['type'], `"type" must be one of ${Object.keys(USER_TYPES).join(', ')}`);
    return undefined;
  }
  const spec: FieldSpec = { type };
  if (raw.enum !== undefined) {
    if (!Array.isArray(raw.enum) || raw.enum.some((v) => !['string', 'number', 'boolean'].includes(typeof v))) {
      report(['enum'], '"enum" must be a list of strings, numbers or booleans');
    } else spec.enum = raw.enum as (string | number | boolean)[];
  }
  if (raw.pattern !== undefined) {
    if (typeof raw.pattern !== 'string') report(['pattern'], '"pattern" must be a regular expression string');
    else {
      const compiled = compileLinearRegex(raw.pattern);
      if (compiled.ok) spec.pattern = raw.pattern;
      else report(['pattern'], compiled.message);
    }
  }
  return spec;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The name of the workspace file the extension and the CLI both read. */
export const PROJECT_CONFIG_FILE = '.devops-notes.json';

/** A problem in `.devops-notes.json` with the offsets of the offending text. */
export interface ProjectConfigProblem {
  message: string;
  start: number;
  end: number;
}

/**
 * Parses `.devops-notes.json` (comments and trailing commas allowed) and reads its `frontMatter`
 * section. Never throws: problems come back with offsets into `text`.
 */
export function parseProjectConfig(text: string): { layer: ConfigLayer; problems: ProjectConfigProblem[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ProjectConfigProblem[] = errors.map((e) => {
    const start = Math.min(e.offset, text.length);
    return {
      message: `JSON: ${printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
      start,
      end: Math.min(start + Math.max(1, e.length), text.length),
    };
  });
  if (!root) return { layer: {}, problems };
  if (root.type !== 'object') {
    problems.push({ message: 'Expected an object like { "frontMatter": { ... } }', start: root.offset, end: root.offset + root.length });
    return { layer: {}, problems };
  }
  const section = findNodeAtLocation(root, ['frontMatter']);
  const data: unknown = section ? getNodeValue(section) : undefined;
  const { layer, problems: found } = readConfigLayer(data, ['frontMatter']);
  const versionNode = findNodeAtLocation(root, ['hugo', 'version']);
  if (versionNode) {
    const { version, problem } = readVersionSetting(getNodeValue(versionNode));
    if (version) layer.hugoVersion = { version, source: `${PROJECT_CONFIG_FILE} (hugo.version)` };
    if (problem) found.push({ path: ['hugo', 'version'], message: problem });
  }
  for (const p of found) {
    // Point at the deepest part of the path that exists in the file.
    let node: JsonNode | undefined;
    for (let n = p.path.length; n > 0 && !node; n--) node = findNodeAtLocation(root, p.path.slice(0, n));
    const at = node ?? root;
    problems.push({ message: p.message, start: at.offset, end: at.offset + at.length });
  }
  return { layer, problems: problems.sort((a, b) => a.start - b.start) };
}
