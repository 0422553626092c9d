/**
 * The only way core code reaches files. The CLI and benchmarks pass a node `fs` implementation
 * (src/node/nodeFileSystem.ts); the extension passes one over `vscode.workspace.fs`.
 * Paths are absolute, with forward slashes.
 */
export interface FileSystem {
  /** Whole file as bytes. Rejects when it cannot be read. */
  readFile(path: string): Promise<Uint8Array>;
  /**
   * At most `maxBytes` from the start of the file (the front matter is at the start, so the
   * index need not read whole posts). `complete` is true when that was the whole file.
   */
  readPrefix(path: string, maxBytes: number): Promise<{ bytes: Uint8Array; complete: boolean }>;
  /**
   * The same read, blocking. Optional: a local disk answers a small read from its cache in a few
   * microseconds, far less than the round trip through a thread pool that an asynchronous read
   * costs, so the index uses it while reads stay fast (see `indexFiles`). Throws like `readPrefix`
   * rejects.
   */
  readPrefixSync?(path: string, maxBytes: number): { bytes: Uint8Array; complete: boolean };
  /** Size and modification time, or undefined when the path does not exist. */
  stat(path: string): Promise<{ size: number; mtimeMs: number; isFile: boolean; isDirectory: boolean } | undefined>;
  /** Entries of a folder (names only); empty when it cannot be read. */
  readDirectory(path: string): Promise<{ name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean }[]>;
  /**
   * The path with every symbolic link resolved (forward slashes). Optional: the post scanner
   * follows linked folders only when it can resolve them, to spot loops.
   */
  realPath?(path: string): Promise<string>;
}

/** Decodes UTF-8 bytes, keeping a BOM (the parser reports it). Invalid bytes become U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  return lenientUtf8.decode(bytes);
}

// One decoder for every call: a non-streaming decode keeps no state, and building a decoder per
// file shows up when the CLI checks thousands of posts.
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** False when the bytes are not valid UTF-8 (`decodeUtf8` would turn some of them into U+FFFD). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** True when the bytes look binary (a NUL in the first 8 KB), so they are not a Markdown post. */
export function looksBinary(bytes: Uint8Array): boolean {
  // indexOf runs natively; a byte loop in JS costs a measurable share of a 10k-post check.
  return (bytes.length <= 8192 ? bytes : bytes.subarray(0, 8192)).indexOf(0) !== -1;
}

/**
 * Posts larger than this are reported, not read: no note is this big, and reading one whole would
 * stall the CLI and the extension host. The CLI, "Check All Posts" and the live check agree on it.
 */
export const MAX_POST_BYTES = 10 * 1024 * 1024;

/** What the CLI and the editor say of a post they cannot check, or check as decoded (`fm/unreadable`). */
export const UNREADABLE = {
  cannotRead: (code: string): string => `Skipped: cannot read the file (${code})`,
  binary: 'Skipped: binary file (it contains NUL bytes), not a Markdown post',
  notUtf8: 'Not valid UTF-8: the invalid bytes read as U+FFFD (\ufffd). Save the file as UTF-8, as Hugo expects',
  tooBig: (bytes: number): string => `Skipped: ${(bytes / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_POST_BYTES / 1024 / 1024} MB a post may be`,
} as const;

/**
 * UTF-8 checks and decoding, as the caller's platform does them fastest. `decode` keeps a BOM and
 * turns invalid bytes into U+FFFD. The CLI passes node's (a native validity check, no string
 * built); the default is the web platform's.
 */
export interface Utf8 {
  isValid(bytes: Uint8Array): boolean;
  decode(bytes: Uint8Array, start: number, end: number): string;
}

export const WEB_UTF8: Utf8 = {
  isValid: isValidUtf8,
  decode: (bytes, start, end) => decodeUtf8(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end)),
};

/**
 * Whether a file exists, answered from one listing per folder (its files' names), listed on first
 * need and kept: posts share `static/` folders and bundles, so a check of every post costs a
 * handful of folder reads instead of a look-up per image. `list` is the caller's I/O; when it
 * answers at once, so does the check (the CLI's threads stay synchronous).
 */
export function listingFileExists<L extends ReadonlySet<string> | Promise<ReadonlySet<string>>>(list: (dir: string) => L): (path: string) => L extends Promise<unknown> ? Promise<boolean> : boolean {
  const listings = new Map<string, L>();
  return ((p: string) => {
    const slash = p.lastIndexOf('/');
    const dir = slash <= 0 ? '/' : p.slice(0, slash);
    let listing = listings.get(dir);
    if (listing === undefined) listings.set(dir, (listing = list(dir)));
    const name = p.slice(slash + 1);
    return listing instanceof Promise ? listing.then((l) => l.has(name)) : (listing as ReadonlySet<string>).has(name);
  }) as (path: string) => L extends Promise<unknown> ? Promise<boolean> : boolean;
}
