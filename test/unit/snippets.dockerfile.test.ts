import * as assert from 'node:assert/strict';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import type { CatalogSnippet } from '../../src/core/snippets/catalog';
import { expandSnippet } from '../../src/core/snippets/snippetSyntax';
import { contributedCatalog } from './support/catalog';

/** LSP DiagnosticSeverity.Error: dockerfile-utils reports diagnostics with LSP severities. */
const ERROR = 1;

/** Values for the snippet variables, as VS Code would resolve them in a file named Dockerfile. */
const VARIABLES: Record<string, string> = {
  TM_FILENAME: 'Dockerfile', TM_FILENAME_BASE: 'Dockerfile', TM_SELECTED_TEXT: '', CURRENT_YEAR: '2024',
};

/** The options BuildKit accepts per mount type (Dockerfile reference, RUN --mount). */
const MOUNT_OPTIONS: Record<string, string[]> = {
  bind: ['type', 'target', 'dst', 'destination', 'source', 'from', 'rw', 'readwrite'],
  cache: ['type', 'id', 'target', 'dst', 'destination', 'ro', 'readonly', 'sharing', 'from', 'source', 'mode', 'uid', 'gid'],
  tmpfs: ['type', 'target', 'dst', 'destination', 'size'],
  secret: ['type', 'id', 'target', 'dst', 'destination', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['type', 'id', 'target', 'dst', 'destination', 'required', 'mode', 'uid', 'gid'],
};
const INSTRUCTION_FLAGS: Record<string, string[]> = {
  RUN: ['mount', 'network', 'security'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude'],
  FROM: ['platform'],
};

/**
 * A whole Dockerfile around a snippet: the snippet's parser directives stay on top, and a
 * fragment without its own FROM gets a base stage named `build` (the stage fragments refer to).
 */
function dockerfileFor(snippet: CatalogSnippet): string {
  const text = expandSnippet(snippet.body, (name) => VARIABLES[name]);
  if (/^\s*FROM\s/im.test(text)) return text;
  const lines = text.split('\n');
  const directives: string[] = [];
  while (lines.length && /^#\s*\w+\s*=/.test(lines[0])) directives.push(lines.shift()!);
  return [...directives, 'FROM alpine:3.20 AS build', ...lines, ''].join('\n');
}

function flagProblems(instruction: Instruction): string[] {
  const keyword = instruction.getKeyword();
  const allowed = INSTRUCTION_FLAGS[keyword];
  if (!allowed || !('getFlags' in instruction)) return [];
  const problems: string[] = [];
  for (const flag of (instruction as unknown as { getFlags(): import('dockerfile-ast').Flag[] }).getFlags()) {
    const name = flag.getName();
    if (!allowed.includes(name)) problems.push(`${keyword} --${name} is not a BuildKit flag`);
    if (keyword === 'RUN' && name === 'mount') {
      const type = flag.getOption('type')?.getValue() ?? 'bind';
      const options = MOUNT_OPTIONS[type];
      if (!options) problems.push(`unknown mount type '${type}'`);
      else for (const o of flag.getOptions()) if (!options.includes(o.getName())) problems.push(`--mount=type=${type} has no option '${o.getName()}'`);
      const sharing = flag.getOption('sharing')?.getValue();
      if (sharing && !['shared', 'private', 'locked'].includes(sharing)) problems.push(`sharing=${sharing}`);
    }
    if (keyword === 'RUN' && name === 'network' && !['default', 'none', 'host'].includes(flag.getValue() ?? '')) problems.push(`--network=${flag.getValue()}`);
    if (keyword === 'RUN' && name === 'security' && !['sandbox', 'insecure'].includes(flag.getValue() ?? '')) problems.push(`--security=${flag.getValue()}`);
  }
  return problems;
}

describe('Dockerfile snippets in a real Dockerfile parser (dockerfile-utils / dockerfile-ast)', () => {
  let snippets: CatalogSnippet[] = [];
  before(async () => {
    snippets = (await contributedCatalog()).snippets.filter((s) => s.language === 'dockerfile');
    assert.ok(snippets.length >= 15);
  });

  it('validates every snippet expanded with its defaults without errors', () => {
    const failures: string[] = [];
    for (const s of snippets) {
      const content = dockerfileFor(s);
      const errors = validate(content).filter((d) => d.severity === ERROR);
      for (const e of errors) failures.push(`${s.prefix}: line ${e.range.start.line + 1}: ${e.message}\n${content}`);
    }
    assert.deepEqual(failures, []);
  });

  it('is a validator that does report broken instructions (so a pass means something)', () => {
    const errors = (text: string) => validate(text).filter((d) => d.severity === ERROR).map((d) => d.message);
    assert.deepEqual(errors('FROM alpine\nCOPY --link\n'), ['COPY requires at least two arguments']);
    assert.equal(errors('FROM alpine\nRUN --mount=type=cache,target=/x\nFRM x\n').length, 1);
  });

  it('uses only BuildKit flags and mount options that exist, with valid values', () => {
    const failures: string[] = [];
    for (const s of snippets) {
      const dockerfile = DockerfileParser.parse(dockerfileFor(s));
      for (const instruction of dockerfile.getInstructions()) {
        for (const p of flagProblems(instruction)) failures.push(`${s.prefix}: ${p}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('catches a wrong mount option, so the check above can fail', () => {
    const dockerfile = DockerfileParser.parse('FROM alpine\nRUN --mount=type=cache,target=/x,required=true --netwrk=none true\n');
    const problems = dockerfile.getInstructions().flatMap(flagProblems);
    assert.deepEqual(problems, ["--mount=type=cache has no option 'required'", 'RUN --netwrk is not a BuildKit flag']);
  });

  it('keeps parser directives at the top, where BuildKit reads them', () => {
    for (const s of snippets.filter((x) => /^#\s*(syntax|check)=/m.test(x.body))) {
      const dockerfile = DockerfileParser.parse(dockerfileFor(s));
      const names = dockerfile.getDirectives().map((d) => d.getName());
      assert.ok(names.includes('syntax') || names.includes('check'), `${s.prefix}: directive recognised`);
      for (const d of dockerfile.getDirectives()) {
        if (d.getName() === 'syntax') assert.match(d.getValue(), /^docker\/dockerfile:1(-labs)?$/, s.prefix);
      }
    }
  });

  it('closes every heredoc with its own delimiter', () => {
    const heredocSnippets = snippets.filter((s) => /<<\$\{1:/.test(s.body));
    assert.ok(heredocSnippets.length >= 2);
    for (const s of heredocSnippets) {
      const dockerfile = DockerfileParser.parse(dockerfileFor(s));
      const withHeredoc = dockerfile.getInstructions().filter((i) => 'getHeredocs' in i && (i as unknown as { getHeredocs(): unknown[] }).getHeredocs().length);
      assert.equal(withHeredoc.length, 1, s.prefix);
      const heredoc = (withHeredoc[0] as unknown as { getHeredocs(): import('dockerfile-ast').Heredoc[] }).getHeredocs()[0];
      assert.equal(heredoc.getName(), 'EOF');
      assert.ok(heredoc.getDelimiterRange(), `${s.prefix}: the heredoc is terminated`);
    }
  });
});
