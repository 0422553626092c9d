import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { familyOf, parseSnippetFile, snippetContributions, type CatalogSnippet, type SnippetLanguage } from '../../src/core/snippets/catalog';
import { renderSnippetDocs } from '../../src/core/snippets/docs';
import { expandSnippet, parseSnippet, walk } from '../../src/core/snippets/snippetSyntax';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { contributedCatalog, packageJson, repoRoot } from './support/catalog';

/**
 * The command families of issue 6 (from the seed notes), each with the tokens a snippet body
 * must contain to cover it. Tokens are looked up in the raw body (so choice options count) and
 * in the body expanded with its defaults.
 */
const SEED_FAMILIES: { family: string; language?: SnippetLanguage; tokens: (string | RegExp)[] }[] = [
  { family: 'BuildKit syntax directive (current, not experimental)', language: 'dockerfile', tokens: ['# syntax=docker/dockerfile:1'] },
  { family: 'RUN --mount=type=secret with id, target, required', language: 'dockerfile', tokens: ['--mount=type=secret', 'id=', 'target=', 'required='] },
  { family: 'RUN --mount=type=secret as env', language: 'dockerfile', tokens: ['--mount=type=secret', 'env='] },
  { family: 'RUN --mount=type=ssh', language: 'dockerfile', tokens: ['--mount=type=ssh'] },
  { family: 'RUN --mount=type=cache with id, target, sharing', language: 'dockerfile', tokens: ['--mount=type=cache', 'id=', 'target=', 'sharing='] },
  { family: 'RUN --mount=type=bind', language: 'dockerfile', tokens: ['--mount=type=bind'] },
  { family: 'RUN --mount=type=tmpfs', language: 'dockerfile', tokens: ['--mount=type=tmpfs'] },
  { family: 'RUN --network', language: 'dockerfile', tokens: ['RUN --network='] },
  { family: 'RUN --security', language: 'dockerfile', tokens: ['RUN --security='] },
  { family: 'COPY --link', language: 'dockerfile', tokens: ['COPY --link'] },
  { family: 'COPY --chmod', language: 'dockerfile', tokens: ['COPY --chmod='] },
  { family: 'COPY --from', language: 'dockerfile', tokens: [/COPY (--link )?--from=/] },
  { family: 'heredoc RUN', language: 'dockerfile', tokens: [/^RUN <<(\w+)\n[\s\S]*\n\1$/m] },
  { family: 'multi-stage skeleton', language: 'dockerfile', tokens: [/^FROM .* AS \w+$[\s\S]*^FROM /m, '--from='] },
  { family: '# check= directive', language: 'dockerfile', tokens: ['# check=skip='] },
  { family: 'docker build --secret id=…,src=…', language: 'shellscript', tokens: ['docker build', '--secret id=', ',src='] },
  { family: 'docker build --secret id=…,env=…', language: 'shellscript', tokens: ['docker build', '--secret id=', ',env='] },
  { family: 'docker build --ssh default with ssh-add -l', language: 'shellscript', tokens: ['ssh-add -l', '--ssh default'] },
  { family: '--progress=plain', language: 'shellscript', tokens: ['--progress=plain'] },
  { family: 'inline cache (BUILDKIT_INLINE_CACHE=1)', language: 'shellscript', tokens: ['--build-arg BUILDKIT_INLINE_CACHE=1', '--cache-from'] },
  { family: 'inline cache (--cache-to type=inline)', language: 'shellscript', tokens: ['--cache-to type=inline'] },
  { family: 'registry cache with mode=max', language: 'shellscript', tokens: ['--cache-to type=registry,ref=', 'mode=max', '--cache-from type=registry,ref='] },
  { family: 'DOCKER_BUILDKIT=1 for old engines', language: 'shellscript', tokens: ['DOCKER_BUILDKIT=1 docker build'] },
  { family: 'docker buildx build --platform … --push', language: 'shellscript', tokens: ['docker buildx build --platform', '--push'] },
  { family: 'docker buildx imagetools inspect', language: 'shellscript', tokens: [/^docker buildx imagetools inspect \S/m] },
  { family: "checking an image's platforms", language: 'shellscript', tokens: ['imagetools inspect --format', '.Platform.Architecture'] },
  { family: 'docker context create over SSH and use', language: 'shellscript', tokens: ['docker context create', 'host=ssh://', 'docker context use'] },
  { family: 'img (no daemon)', language: 'shellscript', tokens: ['img build'] },
  { family: 'kaniko', language: 'shellscript', tokens: ['kaniko-project/executor', '--destination'] },
  { family: 'rootless Docker', language: 'shellscript', tokens: ['dockerd-rootless-setuptool.sh install'] },
  { family: "joining another container's network and pid namespaces", language: 'shellscript', tokens: ['--net container:', '--pid container:'] },
  { family: 'tool images for netstat/curl', language: 'shellscript', tokens: ['netstat', 'curl', '--net container:'] },
  { family: 'copying a busybox/alpine root filesystem with docker cp', language: 'shellscript', tokens: ['docker create', /docker cp \S+:\/ /, /busybox|alpine/] },
  { family: 'nsenter into the host namespaces from a privileged container', language: 'shellscript', tokens: ['--privileged', '--pid=host', 'nsenter -t 1 -m -u -n -i'] },
  { family: 'Docker socket inside a container (wormhole)', language: 'shellscript', tokens: ['-v /var/run/docker.sock:/var/run/docker.sock'] },
  { family: 'docker stats', language: 'shellscript', tokens: ['docker stats'] },
  { family: 'Engine API over the unix socket', language: 'shellscript', tokens: ['--unix-socket /var/run/docker.sock'] },
  { family: 'cgroup block-I/O counters (v1)', language: 'shellscript', tokens: ['blkio.throttle.io_service_bytes'] },
  { family: 'cgroup I/O counters (v2)', language: 'shellscript', tokens: ['io.stat'] },
  { family: 'iostat', language: 'shellscript', tokens: ['iostat '] },
  { family: 'dd I/O test', language: 'shellscript', tokens: ['dd if='] },
  { family: 'swarm init', language: 'shellscript', tokens: ['docker swarm init'] },
  { family: 'swarm join', language: 'shellscript', tokens: ['docker swarm join --token'] },
  { family: 'swarm leave', language: 'shellscript', tokens: ['docker swarm leave'] },
  { family: 'node update --availability drain|active', language: 'shellscript', tokens: ['node update --availability', 'drain', 'active'] },
  { family: 'blue-green worker rotation', language: 'shellscript', tokens: [/for \w+ in/, 'node update --availability drain'] },
  { family: 'terraform init', language: 'shellscript', tokens: [/terraform .*init/] },
  { family: 'terraform plan', language: 'shellscript', tokens: [/terraform .*plan -out=/] },
  { family: 'terraform apply', language: 'shellscript', tokens: [/terraform .*apply/] },
  { family: 'terraform destroy', language: 'shellscript', tokens: [/terraform .*destroy/] },
  { family: 'LinuxKit build', language: 'shellscript', tokens: ['linuxkit build --format'] },
  { family: 'LinuxKit push', language: 'shellscript', tokens: ['linuxkit push vcenter'] },
  { family: 'k3d cluster', language: 'shellscript', tokens: ['k3d cluster create'] },
  { family: 'k3s', language: 'shellscript', tokens: ['get.k3s.io'] },
  { family: 'kubectl port-forward', language: 'shellscript', tokens: ['kubectl port-forward'] },
  { family: 'kube-bench as a Job', language: 'yaml', tokens: ['kind: Job', 'aquasec/kube-bench', 'hostPID: true'] },
  { family: 'kube-hunter as a Job', language: 'yaml', tokens: ['kind: Job', 'aquasec/kube-hunter', '--pod'] },
  { family: "reading a Job's logs", language: 'shellscript', tokens: ['kubectl logs job/'] },
  { family: 'Trivy image scan', language: 'shellscript', tokens: ['trivy image'] },
  { family: 'ORAS push', language: 'shellscript', tokens: ['oras push'] },
  { family: 'ORAS pull', language: 'shellscript', tokens: ['oras pull'] },
  { family: 'GitLab CI job that builds with BuildKit', language: 'yaml', tokens: ['stage:', 'script:', /buildx build|buildctl/] },
  { family: 'new-post front matter with date = now (RFC 3339 + offset)', language: 'markdown', tokens: ['---', 'date: ${CURRENT_YEAR}', '${CURRENT_TIMEZONE_OFFSET}'] },
  { family: 'figure shortcode', language: 'markdown', tokens: ['{{< figure src='] },
  { family: 'highlight shortcode', language: 'markdown', tokens: ['{{< highlight', '{{< /highlight >}}'] },
  { family: 'fenced command block', language: 'markdown', tokens: [/^```\$\{1\|bash/] },
];

function covers(s: CatalogSnippet, tokens: (string | RegExp)[]): boolean {
  const texts = [s.body, expandSnippet(s.body)];
  return tokens.every((t) => texts.some((text) => (typeof t === 'string' ? text.includes(t) : t.test(text))));
}

describe('contributed snippet catalog', () => {
  it('contributes one snippet file per language, and each is valid JSON', () => {
    const contributions = snippetContributions(packageJson());
    assert.deepEqual(contributions.map((c) => c.language).sort(), ['dockerfile', 'markdown', 'shellscript', 'yaml']);
    for (const c of contributions) {
      const text = fs.readFileSync(path.join(repoRoot, c.path), 'utf8');
      assert.doesNotThrow(() => JSON.parse(text), `${c.path} is strict JSON`);
    }
  });

  it('loads every file without a structural problem', async () => {
    const catalog = await contributedCatalog();
    assert.deepEqual(catalog.problems, []);
    assert.ok(catalog.snippets.length >= 60, `a real catalog (${catalog.snippets.length} snippets)`);
  });

  it('reports structural problems instead of dropping them silently', () => {
    const { snippets, problems } = parseSnippetFile('{"a": {"prefix": "x", "body": 3, "description": "d"}, "b": {"prefix": "y", "body": "z"}}', 'yaml', 'f.json');
    assert.equal(snippets.length, 0);
    assert.equal(problems.length, 2);
    assert.match(parseSnippetFile('{"a": ', 'yaml', 'f.json').problems[0].message, /JSON/);
  });

  it('has a body in valid snippet syntax for every snippet (placeholders, choices and variables well-formed)', async () => {
    const bad = (await contributedCatalog()).snippets
      .map((s) => ({ id: s.id, errors: parseSnippet(s.body).errors.map((e) => e.message) }))
      .filter((r) => r.errors.length);
    assert.deepEqual(bad, []);
  });

  it('gives every snippet a stop for the cursor: a placeholder, choice or tab stop', async () => {
    const without = (await contributedCatalog()).snippets.filter((s) => {
      let stops = 0;
      walk(parseSnippet(s.body).nodes, (n) => { if (n.kind === 'tabstop' || n.kind === 'choice') stops++; });
      return stops === 0;
    });
    assert.deepEqual(without.map((s) => s.id), []);
  });

  it('has unique prefixes per language, each in a documented family of that language', async () => {
    const snippets = (await contributedCatalog()).snippets;
    const seen = new Set<string>();
    for (const s of snippets) {
      assert.ok(!seen.has(s.id), `duplicate prefix ${s.id}`);
      seen.add(s.id);
      const family = familyOf(s.prefix);
      assert.ok(family, `${s.id}: prefix family '${s.family}-' is not in PREFIX_FAMILIES`);
      assert.ok(family.languages.includes(s.language), `${s.id}: family ${family.prefix}- is not declared for ${s.language}`);
      assert.match(s.prefix, /^[a-z0-9]+(-[a-z0-9]+)+$/, `${s.id}: prefixes are lowercase words joined by dashes`);
      assert.ok(s.description.length >= 20, `${s.id}: a description that says something`);
    }
  });

  it('uses today\'s syntax: no experimental Dockerfile frontend, no DOCKER_CLI_EXPERIMENTAL', async () => {
    for (const s of (await contributedCatalog()).snippets) {
      assert.doesNotMatch(s.body, /dockerfile:[\w.-]*experimental/, s.id);
      assert.doesNotMatch(s.body, /DOCKER_CLI_EXPERIMENTAL/, s.id);
    }
  });

  it('covers every command family of the seed notes (issue 6)', async () => {
    const snippets = (await contributedCatalog()).snippets;
    const missing = SEED_FAMILIES.filter(({ language, tokens }) =>
      !snippets.some((s) => (!language || s.language === language) && covers(s, tokens)),
    ).map((f) => f.family);
    assert.deepEqual(missing, []);
    assert.ok(SEED_FAMILIES.length >= 60);
  });

  it('inserts front matter whose date is now, in RFC 3339 with the offset, that the parser accepts', async () => {
    const vars: Record<string, string> = {
      CURRENT_YEAR: '2024', CURRENT_MONTH: '02', CURRENT_DATE: '29', CURRENT_HOUR: '23',
      CURRENT_MINUTE: '05', CURRENT_SECOND: '09', CURRENT_TIMEZONE_OFFSET: '-07:00',
    };
    const posts = (await contributedCatalog()).snippets.filter((s) => s.family === 'hugo' && s.prefix.startsWith('hugo-post'));
    assert.equal(posts.length, 2, 'a YAML and a TOML variant');
    for (const s of posts) {
      const fm = parseFrontMatter(expandSnippet(s.body, (n) => vars[n]));
      assert.deepEqual(fm.errors, [], s.id);
      assert.equal(String(fm.data.date), '2024-02-29T23:05:09-07:00', s.id);
      assert.equal(fm.data.title, 'Title');
      assert.deepEqual(fm.data.tags, ['docker']);
    }
  });

  it('keeps docs/snippets.md in step with the snippet files', async () => {
    const expected = renderSnippetDocs((await contributedCatalog()).snippets);
    const actual = fs.readFileSync(path.join(repoRoot, 'docs', 'snippets.md'), 'utf8');
    assert.ok(actual === expected, 'docs/snippets.md is stale: run npm run docs:snippets');
    for (const s of (await contributedCatalog()).snippets) assert.ok(actual.includes(`\`${s.prefix}\``), `${s.prefix} documented`);
  });
});
