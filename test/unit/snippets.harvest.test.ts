import * as assert from 'node:assert/strict';
import { harvestPost, mergeHarvested } from '../../src/core/snippets/harvest';
import { scanCodeBlocks } from '../../src/core/snippets/fences';
import { expandSnippet, parseSnippet } from '../../src/core/snippets/snippetSyntax';

// A note written the way the seed posts are: YAML front matter, headings, a console transcript
// with prompts and output, a bash block, a Dockerfile, a manifest, prose with inline code.
const CONFERENCE_NOTE = `---
title: Container Days 2017 Hamburg
tags:
  - ContainerDays
  - Kubernetes
---

## Day #1

### Workshop: "Kubernetes Anywhere, Production Ready with Prometheus"

As I normally used the API proxy to access services, here the usage of the command:
\`\`\`console
$ kubectl port-forward POD [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N] [options]
Forwarding from 127.0.0.1:8080 -> 80
\`\`\`

### Build Secrets

Needs to be told on the docker cli and the Dockerfile

\`\`\`bash
export DOCKER_BUILDKIT=1 # enables BUILDKIT instead of Docker default engine
docker build --secret id=mysite.key,src=mysite.key --progress=plain .
\`\`\`

\`\`\`dockerfile
# syntax=docker/dockerfile:1
FROM alpine
RUN --mount=type=secret,id=mysite.key cat /run/secrets/mysite.key
\`\`\`

Troubleshooting Networking
--------------------------

\`\`\`console
user@docker01:~$ docker run -d --name nginx nginx
3f1c0a2b9d
user@docker01:~$ docker run -it --rm --net container:nginx \\
    --pid container:nginx alpine
/ # ps aux
PID   USER     TIME  COMMAND
\`\`\`

- kube-hunter as a job:

  \`\`\`yaml
  apiVersion: batch/v1
  kind: Job
  metadata:
    name: kube-hunter
  \`\`\`

\`ls\` is too small to keep, and so is this:

\`\`\`sh
ls
\`\`\`

\`\`\`python
print("not a command we harvest")
\`\`\`
`;

describe('harvesting command blocks from notes', () => {
  const harvested = harvestPost(CONFERENCE_NOTE, 'content/posts/cds2017.md', 'cds2017');

  it('keeps shell, console, Dockerfile and YAML blocks and skips other languages and tiny blocks', () => {
    assert.deepEqual(harvested.map((h) => h.language), ['shellscript', 'shellscript', 'dockerfile', 'shellscript', 'yaml']);
    assert.ok(!harvested.some((h) => h.text.includes('print(')));
    assert.ok(!harvested.some((h) => h.text === 'ls'));
  });

  it('strips $ prompts from console transcripts and drops the output lines', () => {
    assert.equal(harvested[0].text, 'kubectl port-forward POD [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N] [options]');
  });

  it('strips user@host prompts, keeps backslash continuations and drops the output and the inner shell', () => {
    assert.equal(harvested[3].text, [
      'docker run -d --name nginx nginx',
      'docker run -it --rm --net container:nginx \\',
      '    --pid container:nginx alpine',
    ].join('\n'));
  });

  it('keeps a bash script as written (its # lines are comments, not prompts)', () => {
    assert.equal(harvested[1].text, [
      'export DOCKER_BUILDKIT=1 # enables BUILDKIT instead of Docker default engine',
      'docker build --secret id=mysite.key,src=mysite.key --progress=plain .',
    ].join('\n'));
  });

  it('labels each block with the post title and the nearest heading (ATX and setext)', () => {
    assert.deepEqual(harvested.map((h) => h.sources[0].heading), [
      'Workshop: "Kubernetes Anywhere, Production Ready with Prometheus"',
      'Build Secrets',
      'Build Secrets',
      'Troubleshooting Networking',
      'Troubleshooting Networking',
    ]);
    assert.ok(harvested.every((h) => h.sources[0].title === 'Container Days 2017 Hamburg'));
    assert.ok(harvested.every((h) => h.sources[0].path === 'content/posts/cds2017.md'));
  });

  it('removes the indentation of a fence inside a list item', () => {
    assert.equal(harvested[4].text, 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: kube-hunter');
  });

  it('labels a block with its first command and records the fence line', () => {
    assert.equal(harvested[1].label, 'export DOCKER_BUILDKIT=1 # enables BUILDKIT instead of Docker default engine');
    assert.equal(harvested[2].label, 'FROM alpine');
    assert.equal(harvested[0].sources[0].line, CONFERENCE_NOTE.split('\n').indexOf('```console'));
  });

  it('produces snippet text that inserts the block literally ($, } and \\ escaped)', () => {
    for (const h of harvested) {
      assert.deepEqual(parseSnippet(h.snippet).errors, [], h.label);
      assert.equal(expandSnippet(h.snippet), h.text);
    }
    const dollar = harvestPost('```bash\necho "${HOME}" $PATH\n```\n', 'p.md', 'p')[0];
    assert.equal(expandSnippet(dollar.snippet), 'echo "${HOME}" $PATH');
  });

  it('falls back to the given title, and reads a title from TOML front matter', () => {
    assert.equal(harvestPost('```bash\ndocker ps -a\n```\n', 'a.md', 'a')[0].sources[0].title, 'a');
    const toml = harvestPost('+++\ntitle = "Swarm notes"\n+++\n\n```bash\ndocker swarm init\n```\n', 'b.md', 'b');
    assert.equal(toml[0].sources[0].title, 'Swarm notes');
  });

  it('does not harvest a fence-looking line inside front matter', () => {
    const text = '---\ntitle: "x"\ndescription: |\n  ```bash\n  rm -rf /\n  ```\n---\nBody without code.\n';
    assert.deepEqual(harvestPost(text, 'c.md', 'c'), []);
  });

  it('reads Hugo highlight shortcode blocks too', () => {
    const text = '## Swarm\n\n{{< highlight bash "linenos=table" >}}\ndocker node update --availability drain worker-01\n{{< /highlight >}}\n';
    const [h] = harvestPost(text, 'd.md', 'd');
    assert.equal(h.text, 'docker node update --availability drain worker-01');
    assert.equal(h.sources[0].heading, 'Swarm');
  });

  it('skips huge blocks (pasted logs)', () => {
    const log = Array.from({ length: 200 }, (_, i) => `docker ps # ${i}`).join('\n');
    assert.deepEqual(harvestPost(`\`\`\`bash\n${log}\n\`\`\`\n`, 'e.md', 'e'), []);
  });

  it('merges duplicates across posts by normalized text, keeping every source', () => {
    const a = harvestPost('# A\n```bash\ndocker swarm init   --advertise-addr 10.0.0.1\n```\n', 'a.md', 'A');
    const b = harvestPost('# B\n```console\n$ docker swarm init --advertise-addr 10.0.0.1\nSwarm initialized\n```\n', 'b.md', 'B');
    const c = harvestPost('# C\n```bash\ndocker swarm leave --force\n```\n', 'c.md', 'C');
    const merged = mergeHarvested([a, b, c]);
    assert.equal(merged.length, 2);
    assert.deepEqual(merged[0].sources.map((s) => s.title), ['A', 'B']);
    assert.equal(merged[0].id, b[0].id, 'the id depends only on the normalized text');
    assert.notEqual(merged[0].id, c[0].id);
  });

  it('also merges a block repeated within one post', () => {
    const text = '```bash\ndocker system df -v\n```\n\nagain:\n\n```sh\ndocker system df -v\n```\n';
    const [h, ...rest] = harvestPost(text, 'f.md', 'f');
    assert.equal(rest.length, 0);
    assert.equal(h.sources.length, 2);
  });
});

describe('scanning code blocks', () => {
  it('handles tildes, longer closing fences, info strings with attributes and unclosed fences', () => {
    const text = '~~~yaml\na: 1\n~~~~\n\n````bash {linenos=true}\necho ```\n````\n\n```dockerfile\nFROM x\n';
    const blocks = scanCodeBlocks(text);
    assert.deepEqual(blocks.map((b) => [b.info, b.content, b.closeLine]), [
      ['yaml', 'a: 1', 2],
      ['bash', 'echo ```', 6],
      ['dockerfile', 'FROM x', -1],
    ]);
  });

  it('does not take inline code with three backticks for a fence', () => {
    assert.deepEqual(scanCodeBlocks('```not a fence``` in prose\n'), []);
  });
});
