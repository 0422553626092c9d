import type { FileSystem } from '../../src/core/fs';

/** A file, folder or link in {@link MemoryFileSystem}. */
type Entry = { kind: 'file'; bytes: Uint8Array } | { kind: 'dir' } | { kind: 'link'; target: string };

/**
 * An in-memory `FileSystem` for the index tests: files, folders, symbolic links (loops too),
 * and hooks to fail or delete a file at the moment it is read.
 */
export class MemoryFileSystem implements FileSystem {
  private readonly entries = new Map<string, Entry>([['/', { kind: 'dir' }]]);
  /** Paths whose reads fail with this error code. */
  readonly failing = new Map<string, string>();
  /** Called before every prefix read (to delete a file mid-scan, say). */
  beforeRead?: (path: string) => void;
  readonly prefixReads: { path: string; maxBytes: number }[] = [];

  writeFile(path: string, content: string | Uint8Array): this {
    this.mkdirs(parentOf(path));
    this.entries.set(path, { kind: 'file', bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content });
    return this;
  }

  symlink(path: string, target: string): this {
    this.mkdirs(parentOf(path));
    this.entries.set(path, { kind: 'link', target });
    return this;
  }

  remove(path: string): void {
    for (const p of [...this.entries.keys()]) if (p === path || p.startsWith(`${path}/`)) this.entries.delete(p);
  }

  private mkdirs(path: string): void {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const p = `/${parts.slice(0, i).join('/')}`;
      if (!this.entries.has(p)) this.entries.set(p, { kind: 'dir' });
    }
  }

  /** Follows links in every segment; undefined when something is missing or loops. */
  private resolve(path: string, hops = 0): string | undefined {
    if (hops > 40) return undefined;
    const parts = path.split('/').filter(Boolean);
    let at = '';
    for (let i = 0; i < parts.length; i++) {
      at = `${at}/${parts[i]}`;
      const e = this.entries.get(at);
      if (!e) return undefined;
      if (e.kind === 'link') {
        const target = e.target.startsWith('/') ? e.target : `${parentOf(at)}/${e.target}`;
        return this.resolve(normalize([target, ...parts.slice(i + 1)].join('/')), hops + 1);
      }
    }
    return at || '/';
  }

  async readFile(path: string): Promise<Uint8Array> {
    const real = this.check(path);
    const e = this.entries.get(real);
    if (e?.kind !== 'file') throw codeError(e ? 'EISDIR' : 'ENOENT', path);
    return e.bytes;
  }

  async readPrefix(path: string, maxBytes: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
    this.prefixReads.push({ path, maxBytes });
    this.beforeRead?.(path);
    const bytes = await this.readFile(path);
    return { bytes: bytes.subarray(0, maxBytes), complete: bytes.length <= maxBytes };
  }

  async stat(path: string) {
    const real = this.resolve(path);
    const e = real === undefined ? undefined : this.entries.get(real);
    if (!e) return undefined;
    return { size: e.kind === 'file' ? e.bytes.length : 0, mtimeMs: 0, isFile: e.kind === 'file', isDirectory: e.kind === 'dir' };
  }

  async readDirectory(path: string) {
    const real = this.resolve(path);
    if (real === undefined || this.failing.has(path)) return [];
    const prefix = real === '/' ? '/' : `${real}/`;
    const out = [];
    for (const [p, e] of this.entries) {
      if (!p.startsWith(prefix) || p === real || p.slice(prefix.length).includes('/')) continue;
      out.push({ name: p.slice(prefix.length), isFile: e.kind === 'file', isDirectory: e.kind === 'dir', isSymbolicLink: e.kind === 'link' });
    }
    return out;
  }

  async realPath(path: string): Promise<string> {
    const real = this.resolve(path);
    if (real === undefined) throw codeError('ENOENT', path);
    return real;
  }

  private check(path: string): string {
    const code = this.failing.get(path);
    if (code) throw codeError(code, path);
    const real = this.resolve(path);
    if (real === undefined) throw codeError('ENOENT', path);
    return real;
  }
}

/**
 * {@link MemoryFileSystem} with a blocking prefix read too, like node's. `syncReadCostMs` makes
 * each blocking read take that long on {@link clock}, to play a cold disk.
 */
export class SyncMemoryFileSystem extends MemoryFileSystem {
  readonly syncReads: string[] = [];
  syncReadCostMs = 0;
  /** A clock for `indexFiles({ clock })` that only blocking reads move: a slow disk, never a busy machine. */
  clockMs = 0;
  readonly clock = (): number => this.clockMs;
  private readonly files = new Map<string, Uint8Array>();

  override writeFile(path: string, content: string | Uint8Array): this {
    super.writeFile(path, content);
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    return this;
  }

  override remove(path: string): void {
    super.remove(path);
    for (const p of [...this.files.keys()]) if (p === path || p.startsWith(`${path}/`)) this.files.delete(p);
  }

  readPrefixSync(path: string, maxBytes: number): { bytes: Uint8Array; complete: boolean } {
    this.syncReads.push(path);
    this.beforeRead?.(path);
    this.clockMs += this.syncReadCostMs;
    const code = this.failing.get(path);
    if (code) throw codeError(code, path);
    const bytes = this.files.get(path);
    if (!bytes) throw codeError('ENOENT', path);
    return { bytes: bytes.subarray(0, maxBytes), complete: bytes.length <= maxBytes };
  }
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function codeError(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

/** A YAML post with the given fields. */
export function yamlPost(fields: { title?: string; tags?: string[]; categories?: string[]; draft?: boolean; date?: string }): string {
  const lines = ['---'];
  if (fields.title !== undefined) lines.push(`title: ${JSON.stringify(fields.title)}`);
  if (fields.date !== undefined) lines.push(`date: ${fields.date}`);
  if (fields.draft !== undefined) lines.push(`draft: ${fields.draft}`);
  if (fields.tags) lines.push(`tags: [${fields.tags.map((t) => JSON.stringify(t)).join(', ')}]`);
  if (fields.categories) lines.push('categories:', ...fields.categories.map((c) => `  - ${JSON.stringify(c)}`));
  lines.push('---', '', 'Body text.', '');
  return lines.join('\n');
}
