import { MemoryFileSystem } from '../properties/memoryFileSystem';

/** An in-memory file system holding `files` (absolute path → text), for the site folder tests. */
export function memoryFiles(files: Record<string, string>): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  for (const [path, text] of Object.entries(files)) fs.write(path, text);
  return fs;
}
