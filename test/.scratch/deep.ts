import { parseFrontMatter } from '../../src/core/frontmatter';
for (const n of [1000, 3000, 10000, 100000]) {
  const docs = {
    yamlFlow: `---\ndeep: ${'['.repeat(n)}x${']'.repeat(n)}\n---\n`,
    yamlBlock: `---\n${Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'a:').join('\n')} 1\n---\n`,
    yamlFlowMap: `---\ndeep: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n---\n`,
    json: `{"deep": ${'{"a": '.repeat(n)}1${'}'.repeat(n)}}\n`,
    jsonArr: `{"deep": ${'['.repeat(n)}1${']'.repeat(n)}}\n`,
    toml: `+++\ndeep = ${'['.repeat(n)}1${']'.repeat(n)}\n+++\n`,
    tomlTable: `+++\ndeep = ${'{a = '.repeat(n)}1${'}'.repeat(n)}\n+++\n`,
  };
  for (const [k, text] of Object.entries(docs)) {
    const t0 = performance.now();
    try {
      const p = parseFrontMatter(text);
      console.log(n, k, 'ok', p.errors.slice(0, 1).map((e) => e.message), (performance.now() - t0).toFixed(0));
    } catch (e) {
      console.log(n, k, 'THREW', (e as Error).message, (performance.now() - t0).toFixed(0));
    }
  }
}
