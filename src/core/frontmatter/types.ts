/** Hugo's three front matter formats: `---` YAML, `+++` TOML, a bare `{` JSON object. */
export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

/** What kind of scalar the source wrote; `date` is a native TOML date/time. */
export type ScalarType = 'string' | 'number' | 'boolean' | 'null' | 'date';

/**
 * A value in the front matter with its place in the source. All offsets are absolute
 * UTF-16 offsets into the whole document text given to `parseFrontMatter`.
 */
export interface ValueNode {
  kind: 'scalar' | 'sequence' | 'mapping';
  /** The plain JavaScript value (dates stay strings as written). */
  value: unknown;
  start: number;
  end: number;
  scalarType?: ScalarType;
  /** For scalars: whether the source quoted it (YAML/TOML/JSON strings in quotes). */
  quoted?: boolean;
  items?: ValueNode[];
  entries?: FieldNode[];
}

/** One `key: value` pair with the exact offsets of the key. */
export interface FieldNode {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: ValueNode;
}

/**
 * A problem found while reading the front matter itself (not a validation rule). `limit`: the
 * block is beyond what DevOps Notes reads (size, nesting); it was not checked.
 */
export interface FrontMatterSyntaxError {
  code: 'syntax' | 'unterminated' | 'limit';
  message: string;
  start: number;
  end: number;
}

/** The result of reading a document's front matter. */
export interface ParsedFrontMatter {
  /** `null` when the document has no front matter at all. */
  format: FrontMatterFormat | null;
  /** Top-level data; `{}` when absent or unreadable. Later duplicate keys win. */
  data: Record<string, unknown>;
  /** Top-level fields in source order, duplicates included. */
  fields: FieldNode[];
  errors: FrontMatterSyntaxError[];
  /** Offset where the front matter block starts (after a BOM) and ends (after its closing delimiter line). */
  blockStart: number;
  blockEnd: number;
  /** The text between the delimiters (for JSON: the object itself). */
  contentStart: number;
  contentEnd: number;
  /** Offset where the markdown body starts. */
  bodyStart: number;
  /** False when an opening delimiter has no closing one. */
  terminated: boolean;
  /** Whether the document starts with a byte order mark. */
  hasBom: boolean;
}
