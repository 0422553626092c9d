import * as assert from 'node:assert/strict';
import { expandSnippet } from '../../src/core/snippets/snippetSyntax';
import { contributedCatalog } from './support/catalog';
import { buildkitCompletions, buildkitHover, buildkitProblems, INSTRUCTION_FLAGS, MOUNT_OPTIONS, MOUNT_TYPES } from '../../src/core/assist/buildkit';

/** Labels offered at the `|` of `doc`. */
function labels(doc: string): string[] {
  const offset = doc.indexOf('|');
  return buildkitCompletions(doc.slice(0, offset) + doc.slice(offset + 1), offset).map((i) => i.label);
}

function problems(doc: string): string[] {
  return buildkitProblems(doc).map((p) => `${doc.slice(p.start, p.end)}: ${p.message}`);
}

describe('BuildKit assist: completions', () => {
  it('offers the flags of each instruction, and only after the instruction', () => {
    assert.deepEqual(labels('FROM alpine\nRUN --|'), ['--mount', '--network', '--security', '--device']);
    assert.deepEqual(labels('COPY --|'), ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude']);
    assert.deepEqual(labels('ADD --link --|'), ['--chown', '--chmod', '--checksum', '--keep-git-dir', '--exclude', '--unpack']);
    assert.deepEqual(labels('FROM --|'), ['--platform']);
    assert.deepEqual(labels('RUN echo --|'), [], 'after the command, -- belongs to the command');
  });

  it('completes mount types, then only the options of that type', () => {
    assert.deepEqual(labels('RUN --mount=type=|'), ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
    assert.deepEqual(labels('RUN --mount=type=cache,|'), ['target', 'id', 'sharing', 'from', 'source', 'ro', 'mode', 'uid', 'gid']);
    assert.deepEqual(labels('RUN --mount=type=tmpfs,target=/t,|'), ['size']);
    assert.deepEqual(labels('RUN --mount=type=secret,id=npm,|'), ['target', 'env', 'required', 'mode', 'uid', 'gid']);
    assert.deepEqual(labels('RUN --mount=type=cache,sharing=|'), ['shared', 'private', 'locked']);
    assert.deepEqual(labels('RUN --mount=|'), ['type']);
  });

  it('completes flag values: network, security, platform with the automatic args, --from stages', () => {
    assert.deepEqual(labels('RUN --network=|'), ['default', 'none', 'host']);
    assert.deepEqual(labels('RUN --security=|'), ['insecure', 'sandbox']);
    assert.ok(labels('FROM --platform=|').includes('$BUILDPLATFORM'));
    assert.deepEqual(labels('FROM golang AS build\nFROM alpine AS lint\nCOPY --from=|'), ['build', 'lint']);
    assert.ok(labels('FROM alpine\nARG |').includes('TARGETARCH'));
    assert.ok(labels('FROM alpine\nRUN echo ${|').includes('TARGETOS'));
  });

  it('works across continuation lines', () => {
    assert.deepEqual(labels('RUN --mount=type=cache,target=/root/.cache \\\n    --mount=type=ssh,|'), ['id', 'target', 'required', 'mode', 'uid', 'gid']);
  });

  it('completes the syntax and check directives and the build check rules', () => {
    assert.deepEqual(labels('# |'), ['syntax', 'check', 'escape']);
    assert.equal(buildkitCompletions('# ', 2)[0].insertText, 'syntax=docker/dockerfile:1');
    assert.ok(labels('# syntax=docker/dockerfile:1\n# check=skip=|').includes('JSONArgsRecommended'));
    assert.ok(!labels('# check=skip=JSONArgsRecommended,|').includes('JSONArgsRecommended'));
    assert.deepEqual(labels('# check=skip=all;|'), ['skip=', 'error=true', 'error=false']);
    assert.deepEqual(labels('FROM alpine\n# |'), [], 'a directive after an instruction is a comment');
  });
});

describe('BuildKit assist: hovers', () => {
  const hover = (doc: string) => {
    const offset = doc.indexOf('|');
    return buildkitHover(doc.slice(0, offset) + doc.slice(offset + 1), offset)?.markdown ?? '';
  };
  it('explains every flag and every mount option', () => {
    for (const [instruction, flags] of Object.entries(INSTRUCTION_FLAGS)) {
      for (const flag of Object.keys(flags)) assert.ok(hover(`${instruction} --${flag.slice(0, 1)}|${flag.slice(1)}=x y`).includes(`--${flag}`), `${instruction} --${flag}`);
    }
    for (const option of Object.keys(MOUNT_OPTIONS)) assert.ok(hover(`RUN --mount=type=cache,${option.slice(0, 1)}|${option.slice(1)}=x true`).includes(`--mount ${option}`), option);
    for (const type of Object.keys(MOUNT_TYPES)) assert.ok(hover(`RUN --mount=type=${type}|,target=/x true`).includes(MOUNT_TYPES[type].doc), type);
    assert.match(hover('# syntax=docker/dockerfile:1\n# check=skip=JSONArgs|Recommended\nFROM a'), /JSONArgsRecommended/);
    assert.match(hover('# syn|tax=docker/dockerfile:1'), /frontend image/);
  });
});

describe('BuildKit assist: offline checks (commands_runmount.go parseMount, bflag.go Parse)', () => {
  it('reports what BuildKit rejects', () => {
    assert.deepEqual(problems('RUN --mout=type=cache,target=/x make'), ['--mout: BuildKit stops the build: unknown flag --mout for RUN. Did you mean "mount"?']);
    assert.match(problems('RUN --mount=type=cahce,target=/x make')[0], /unsupported mount type "cahce".*Did you mean "cache"/);
    assert.match(problems('RUN --mount=type=bind,sharing=locked,target=/x make')[0], /'sharing' is only for cache mounts/);
    assert.match(problems('RUN --mount=type=tmpfs,target=/x,mode=0755 make')[0], /mode is not allowed for tmpfs/);
    assert.match(problems('RUN --mount=type=cache,target=/x,required=true make')[0], /'required' is only for secret and ssh/);
    assert.match(problems('RUN --mount=type=cache,target=/x,size=1g make')[0], /'size' is only for tmpfs/);
    assert.match(problems('RUN --mount=type=secret,id=a,from=b make')[0], /cannot have a from/);
    assert.match(problems('RUN --mount=type=cache,target=/x,shring=locked make')[0], /unexpected key 'shring'.*"sharing"/);
    assert.match(problems('RUN --mount=type=cache,target=/x,sharing=lock make')[0], /unsupported sharing value/);
    assert.match(problems('COPY --chmode=755 a b')[0], /unknown flag --chmode for COPY. Did you mean "chmod"/);
    assert.match(problems('RUN --mount=type=cache,target=/a \\\n  --mount=type=bind,uid=1 make')[0], /uid=1: .*uid is not allowed for bind/);
  });

  it('accepts what BuildKit accepts', () => {
    const ok = [
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'RUN --mount=type=cache,target=/root/.cache/go-build,sharing=locked,id=go go build',
      'RUN --mount=type=secret,id=npmrc,dst=/root/.npmrc,required=true,env=TOKEN npm ci',
      'RUN --mount=type=ssh,required git clone',
      'RUN --mount=type=tmpfs,target=/tmp,size=64m make',
      'RUN --mount=target=/src,rw make',
      'RUN --mount=type=$T,target=/x make',
      'RUN --network=none --security=insecure make',
      'COPY --link --chmod=755 --from=build --parents --exclude=*.md a b',
      'ADD --checksum=sha256:abc --keep-git-dir=true https://x /y',
      'RUN echo --not-a-flag',
      '# RUN --mout=bad',
    ].join('\n');
    assert.deepEqual(problems(ok), []);
  });

  it('finds nothing wrong in any contributed Dockerfile snippet (they build with BuildKit)', async () => {
    const dockerfiles = (await contributedCatalog()).snippets.filter((s) => s.language === 'dockerfile');
    assert.ok(dockerfiles.length > 10);
    let mounts = 0;
    for (const s of dockerfiles) {
      const text = expandSnippet(s.body, () => 'x');
      mounts += (text.match(/--mount=/g) ?? []).length;
      assert.deepEqual(problems(text), [], s.name);
    }
    assert.ok(mounts > 5, 'the catalog exercises --mount');
  });
});
