import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog, snippetContributions, type SnippetCatalog } from '../../../src/core/snippets/catalog';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function packageJson(): unknown {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
}

let cached: Promise<SnippetCatalog> | undefined;

/** The catalog exactly as the extension loads it: the files package.json contributes. */
export function contributedCatalog(): Promise<SnippetCatalog> {
  cached ??= loadCatalog(nodeFileSystem, repoRoot.split(path.sep).join('/'), snippetContributions(packageJson()));
  return cached;
}
