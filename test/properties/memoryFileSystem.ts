/**
 * An in-memory `FileSystem` for property and fault tests: files, folders implied by file paths,
 * symbolic links, and injectable faults (a path that fails with an errno code, a hook that runs
 * before each read so a test can delete or rename files in the middle of a scan).
 */
import type { FileSystem } from '../../src/core/fs';

type Entry = { name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean };

function errno(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();
  readonly links = new Map<string, string>();
  /** Paths (after link resolution) whose reads and listings fail with this errno code. */
  readonly failures = new Map<string, string>();
  /** Runs before every read or listing, with the path asked for. */
  beforeAccess?: (path: string) => void | Promise<void>;
  /** Paths read (after link resolution), in order. */
  readonly reads: string[] = [];

  write(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  rename(from: string, to: string): void {
    const bytes = this.files.get(from);
    if (bytes === undefined) return;
    this.files.delete(from);
    this.files.set(to, bytes);
  }

  /** Removes every file under `folder`. */
  deleteFolder(folder: string): void {
    for (const p of [...this.files.keys()]) if (p.startsWith(`${folder}/`)) this.files.delete(p);
  }

  /** `path` with every link in it resolved; throws ELOOP after 40 hops, as POSIX does. */
  resolve(path: string): string {
    let hops = 0;
    let parts = path.split('/').filter(Boolean);
    let i = 0;
    while (i < parts.length) {
      const prefix = `/${parts.slice(0, i + 1).join('/')}`;
      const target = this.links.get(prefix);
      if (target !== undefined) {
        if (++hops > 40) throw errno('ELOOP', path);
        parts = [...target.split('/').filter(Boolean), ...parts.slice(i + 1)];
        i = 0;
        continue;
      }
      i++;
    }
    return `/${parts.join('/')}`;
  }

  private isFolder(path: string): boolean {
    const prefix = `${path}/`;
    for (const p of this.files.keys()) if (p.startsWith(prefix)) return true;
    for (const p of this.links.keys()) if (p.startsWith(prefix)) return true;
    return false;
  }

  private async access(path: string): Promise<string> {
    await this.beforeAccess?.(path);
    const real = this.resolve(path);
    const failure = this.failures.get(real);
    if (failure) throw errno(failure, path);
    return real;
  }

  async readFile(path: string): Promise<Uint8Array> {
    const real = await this.access(path);
    const bytes = this.files.get(real);
    if (bytes === undefined) throw errno(this.isFolder(real) ? 'EISDIR' : 'ENOENT', path);
    this.reads.push(real);
    return bytes;
  }

  async readPrefix(path: string, maxBytes: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
    const bytes = await this.readFile(path);
    return { bytes: bytes.subarray(0, maxBytes), complete: bytes.length <= maxBytes };
  }

  async stat(path: string): Promise<{ size: number; mtimeMs: number; isFile: boolean; isDirectory: boolean } | undefined> {
    let real: string;
    try {
      real = this.resolve(path);
    } catch {
      return undefined;
    }
    const bytes = this.files.get(real);
    if (bytes !== undefined) return { size: bytes.length, mtimeMs: 0, isFile: true, isDirectory: false };
    return this.isFolder(real) ? { size: 0, mtimeMs: 0, isFile: false, isDirectory: true } : undefined;
  }

  async readDirectory(path: string): Promise<Entry[]> {
    let real: string;
    try {
      real = await this.access(path);
    } catch {
      return [];
    }
    const prefix = real === '/' ? '/' : `${real}/`;
    const entries = new Map<string, Entry>();
    const add = (p: string, isLink: boolean) => {
      if (!p.startsWith(prefix)) return;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      if (entries.has(name)) return;
      const direct = slash === -1;
      entries.set(name, { name, isSymbolicLink: direct && isLink, isFile: direct && !isLink, isDirectory: !direct });
    };
    for (const p of this.files.keys()) add(p, false);
    for (const p of this.links.keys()) add(p, true);
    return [...entries.values()];
  }

  async realPath(path: string): Promise<string> {
    return this.resolve(path);
  }
}
