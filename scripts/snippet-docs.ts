// Writes docs/snippets.md from the contributed snippet files (npm run docs:snippets).
// `--check` only compares and exits 1 when the file is stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog, snippetContributions } from '../src/core/snippets/catalog';
import { renderSnippetDocs } from '../src/core/snippets/docs';
import { nodeFileSystem } from '../src/node/nodeFileSystem';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const pkg: unknown = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const catalog = await loadCatalog(nodeFileSystem, root.split(path.sep).join('/'), snippetContributions(pkg));
  if (catalog.problems.length) {
    for (const p of catalog.problems) console.error(`${p.file}: ${p.message}`);
    process.exit(1);
  }
  const target = path.join(root, 'docs', 'snippets.md');
  const text = renderSnippetDocs(catalog.snippets);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== text) {
      console.error('docs/snippets.md is stale: run npm run docs:snippets');
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`docs/snippets.md: ${catalog.snippets.length} snippets`);
}

void main();
