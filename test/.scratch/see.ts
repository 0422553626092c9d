import { readdirSync, readFileSync } from 'node:fs';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { decodeUtf8, looksBinary } from '../../src/core/fs';
const dir = 'test/fixtures/bad';
for (const f of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
  const bytes = readFileSync(`${dir}/${f}`);
  const t0 = performance.now();
  const p = parseFrontMatter(decodeUtf8(bytes));
  console.log(f, looksBinary(bytes) ? 'BINARY' : '', p.format, p.terminated, JSON.stringify(p.data).slice(0, 120), p.errors.map((e) => `${e.code}@${e.start}-${e.end}: ${e.message}`).slice(0, 3), (performance.now() - t0).toFixed(1) + 'ms');
}
