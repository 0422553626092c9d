import type { AssistHover, AssistItem } from './frontMatterAssist';

/**
 * BuildKit's Dockerfile flags and `RUN --mount` options: completions, hovers and the offline
 * checks for what BuildKit's Dockerfile frontend rejects (instructions/bflag.go `BFlags.Parse`,
 * instructions/commands_runmount.go `parseMount`). Works on a Dockerfile's text or on the
 * content of a ```dockerfile fence (offsets are relative to the text given).
 */

interface Doc {
  doc: string;
  values?: readonly string[];
  /** Takes no value (`--link`) or a boolean. */
  flagOnly?: boolean;
}

export const INSTRUCTION_FLAGS: Readonly<Record<string, Readonly<Record<string, Doc>>>> = {
  RUN: {
    mount: { doc: 'Gives the command a mount for this step only: a cache, a secret, an SSH agent, a tmpfs or files from a stage or the context. Repeat it for several mounts.' },
    network: { doc: 'The network the command runs in: `default` (the build\'s), `none` (no network at all), `host` (the host\'s, needs the `network.host` entitlement).', values: ['default', 'none', 'host'] },
    security: { doc: '`insecure` runs the command with all privileges (needs the `security.insecure` entitlement and the labs syntax); `sandbox` is the default.', values: ['insecure', 'sandbox'] },
    device: { doc: 'Makes a CDI device available to the command (labs syntax).' },
  },
  COPY: {
    from: { doc: 'Copies from a build stage, a named build context or an image instead of the build context.' },
    chown: { doc: 'User and group (`user:group`, names or ids) that own the copied files; Linux only.' },
    chmod: { doc: 'Permissions of the copied files, octal (`755`) or symbolic (`u+x`, Dockerfile 1.10+).', values: ['755', '644', '0755', '0644', 'u+x'] },
    link: { doc: 'Copies into a layer of its own that does not depend on the layers below, so a changed base image does not invalidate it and the layer can be reused.', flagOnly: true },
    parents: { doc: 'Keeps the parent folders of the sources (`COPY --parents ./a/b/c.txt /dst/` gives `/dst/a/b/c.txt`); use `./` in the source to mark where the kept part starts.', flagOnly: true },
    exclude: { doc: 'Leaves out files matching this pattern (like `.dockerignore`); repeat it for several patterns.' },
  },
  ADD: {
    chown: { doc: 'User and group (`user:group`, names or ids) that own the added files; Linux only.' },
    chmod: { doc: 'Permissions of the added files, octal (`755`) or symbolic (Dockerfile 1.10+).', values: ['755', '644', '0755', '0644'] },
    link: { doc: 'Adds into a layer of its own that does not depend on the layers below (see `COPY --link`).', flagOnly: true },
    checksum: { doc: 'The digest a remote source must have (`sha256:…`), or the commit of a Git source; the build fails on a mismatch.', values: ['sha256:'] },
    'keep-git-dir': { doc: 'For a Git source: keeps the `.git` folder (by default it is left out).', flagOnly: true },
    exclude: { doc: 'Leaves out files matching this pattern; repeat it for several patterns.' },
    unpack: { doc: 'Whether a tar archive is extracted (local archives are, remote ones are not, by default).', values: ['true', 'false'] },
  },
  FROM: {
    platform: { doc: 'The platform of the base image (`linux/arm64`, or `$BUILDPLATFORM` to build natively and cross-compile).', values: ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64', 'windows/amd64'] },
  },
};

/** Mount types and what each takes (`commands_runmount.go`); `type` is valid for all. */
export const MOUNT_TYPES: Readonly<Record<string, { doc: string; options: readonly string[] }>> = {
  bind: { doc: 'Files from the build context, a stage or an image, read-only unless `rw` (writes are thrown away). The default type.', options: ['target', 'source', 'from', 'rw', 'ro'] },
  cache: { doc: 'A folder kept between builds for compilers and package managers (`/root/.cache/go-build`, `/var/cache/apt`).', options: ['target', 'id', 'sharing', 'from', 'source', 'ro', 'mode', 'uid', 'gid'] },
  tmpfs: { doc: 'An empty in-memory folder for this step.', options: ['target', 'size'] },
  secret: { doc: 'A secret passed with `docker build --secret id=…`, as a file (default `/run/secrets/<id>`) or an environment variable; never stored in the image.', options: ['id', 'target', 'env', 'required', 'mode', 'uid', 'gid'] },
  ssh: { doc: 'The SSH agent socket passed with `docker build --ssh default`, for `git clone` over SSH.', options: ['id', 'target', 'required', 'mode', 'uid', 'gid'] },
};

export const MOUNT_OPTIONS: Readonly<Record<string, Doc & { aliasOf?: string }>> = {
  type: { doc: 'The kind of mount: `bind` (default), `cache`, `tmpfs`, `secret` or `ssh`.', values: Object.keys(MOUNT_TYPES) },
  target: { doc: 'Where the mount appears in the container (`dst` and `destination` are the same option).' },
  dst: { doc: 'Same as `target`.', aliasOf: 'target' },
  destination: { doc: 'Same as `target`.', aliasOf: 'target' },
  source: { doc: 'The path inside `from` to mount (its root by default); for a secret, the secret\'s id.' },
  src: { doc: 'Same as `source`.', aliasOf: 'source' },
  from: { doc: 'The stage, named context or image to mount from (the build context by default). Variables are not expanded here.' },
  ro: { doc: 'Read-only (the default for bind, secret and ssh mounts).', values: ['true', 'false'] },
  readonly: { doc: 'Same as `ro`.', aliasOf: 'ro', values: ['true', 'false'] },
  rw: { doc: 'Writable; for a bind mount the writes are thrown away after the step.', values: ['true', 'false'] },
  readwrite: { doc: 'Same as `rw`.', aliasOf: 'rw', values: ['true', 'false'] },
  id: { doc: 'For a cache: which cache (the target path by default); for a secret or ssh mount: the id given to `docker build`.' },
  sharing: { doc: 'How parallel builds share a cache: `shared` (default, all write at once), `private` (each gets its own when busy), `locked` (one at a time).', values: ['shared', 'private', 'locked'] },
  mode: { doc: 'Permissions of the mounted file or folder, octal (`0400`).', values: ['0400', '0600', '0755'] },
  uid: { doc: 'Numeric user id that owns the mount.' },
  gid: { doc: 'Numeric group id that owns the mount.' },
  required: { doc: 'Fail the step when the secret or SSH agent was not given (default false: the step runs without it).', values: ['true', 'false'] },
  env: { doc: 'Exposes the secret as this environment variable instead of (or as well as) a file.' },
  size: { doc: 'Size limit of the tmpfs (`64m`, `1g`).', values: ['64m', '256m', '1g'] },
};

/** Options every type accepts under an alias (so `dst=` is fine wherever `target=` is). */
const ALIASES: Readonly<Record<string, string>> = { dst: 'target', destination: 'target', src: 'source', readonly: 'ro', readwrite: 'rw' };

export const PLATFORM_ARGS: Readonly<Record<string, string>> = {
  BUILDPLATFORM: 'The platform of the machine running the build (`linux/amd64`).',
  BUILDOS: 'The OS part of BUILDPLATFORM.',
  BUILDARCH: 'The architecture part of BUILDPLATFORM (`amd64`).',
  BUILDVARIANT: 'The variant part of BUILDPLATFORM (`v7`).',
  TARGETPLATFORM: 'The platform being built for (`--platform`), e.g. `linux/arm64`.',
  TARGETOS: 'The OS part of TARGETPLATFORM.',
  TARGETARCH: 'The architecture part of TARGETPLATFORM (`arm64`).',
  TARGETVARIANT: 'The variant part of TARGETPLATFORM.',
};

/** BuildKit's build check rules, for `# check=skip=…`. */
export const BUILD_CHECK_RULES: Readonly<Record<string, string>> = {
  StageNameCasing: 'Stage names should be lowercase.',
  FromAsCasing: 'The AS keyword should be cased like FROM.',
  NoEmptyContinuation: 'Empty lines inside a continued instruction.',
  ConsistentInstructionCasing: 'All instructions in one casing.',
  DuplicateStageName: 'Stage names should be unique.',
  ReservedStageName: 'Reserved words (`scratch`, `context`) used as stage names.',
  JSONArgsRecommended: 'CMD/ENTRYPOINT in shell form do not get OS signals.',
  MaintainerDeprecated: 'MAINTAINER is deprecated; use a label.',
  UndefinedArgInFrom: 'FROM uses an ARG that is not declared.',
  WorkdirRelativePath: 'A relative WORKDIR without an absolute one before it.',
  UndefinedVar: 'A variable that is not defined.',
  MultipleInstructionsDisallowed: 'More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage.',
  LegacyKeyValueFormat: '`ENV key value` instead of `ENV key=value`.',
  InvalidBaseImagePlatform: 'The base image is not for the platform asked for.',
  RedundantTargetPlatform: '`--platform=$TARGETPLATFORM` is the default anyway.',
  SecretsUsedInArgOrEnv: 'A secret-looking name in ARG or ENV.',
  InvalidDefaultArgInFrom: 'An ARG default that makes FROM invalid.',
  FromPlatformFlagConstDisallowed: 'FROM --platform with a constant value.',
  CopyIgnoredFile: 'COPY/ADD of a file .dockerignore excludes (experimental).',
  ExposeProtoCasing: 'EXPOSE protocols in lowercase.',
  ExposeInvalidFormat: 'EXPOSE with an IP or host port.',
};

const DIRECTIVES: Readonly<Record<string, Doc>> = {
  syntax: { doc: 'The Dockerfile frontend image to parse this file with; `docker/dockerfile:1` follows the newest stable 1.x.', values: ['docker/dockerfile:1', 'docker/dockerfile:1-labs'] },
  check: { doc: 'Build check settings: `skip=` rules to leave out (comma separated, or `all`), `error=true` to fail the build on a violation.', values: ['skip=', 'error=true'] },
  escape: { doc: 'The escape character of this file (`\\` by default, `` ` `` on Windows).', values: ['`', '\\'] },
};

/** One logical instruction: its continued lines joined, with a map back to offsets. */
interface Logical {
  /** Offset of the instruction's first character. */
  start: number;
  /** The text, continuation line breaks kept (so offsets map 1:1). */
  text: string;
}

/** The logical instruction holding `offset`: walks back over lines that end with a backslash. */
function logicalAt(text: string, offset: number): Logical {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  while (start > 0) {
    const prevStart = text.lastIndexOf('\n', start - 2) + 1;
    const prev = text.slice(prevStart, start - 1).replace(/\r$/, '');
    if (!/\\\s*$/.test(prev) || /^\s*#/.test(prev)) break;
    start = prevStart;
  }
  const nl = text.indexOf('\n', offset);
  return { start, text: text.slice(start, nl === -1 ? text.length : nl) };
}

/** Tokens of an instruction: words separated by blanks, continuations and line breaks. */
function tokens(line: string, base: number): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  for (const m of line.matchAll(/(?:[^\s\\]|\\(?!\s*(?:\r?\n|$)))+/g)) out.push({ text: m[0], start: base + m.index!, end: base + m.index! + m[0].length });
  return out;
}

/** Names of the stages defined before `offset` (`FROM … AS name`), for `--from=`. */
function stagesBefore(text: string, offset: number): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, offset).matchAll(/^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+([\w.-]+)/gim)) out.push(m[1]);
  return out;
}

const item = (label: string, insertText: string, start: number, end: number, extra: Partial<AssistItem> = {}): AssistItem => ({ label, insertText, kind: 'keyword', start, end, ...extra });

/** Completions at `offset` of Dockerfile text. */
export function buildkitCompletions(text: string, offset: number): AssistItem[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineBefore = text.slice(lineStart, offset);
  const directive = directiveCompletions(text, lineStart, lineBefore, offset);
  if (directive) return directive;
  if (/^\s*#/.test(lineBefore)) return [];
  const logical = logicalAt(text, offset);
  const toks = tokens(text.slice(logical.start, offset), logical.start);
  if (toks.length === 0) return [];
  const instruction = toks[0].text.toUpperCase();
  const current = toks[toks.length - 1].end === offset ? toks[toks.length - 1] : { text: '', start: offset, end: offset };
  const after = /^[^\s]*/.exec(text.slice(offset))![0];
  const end = offset + after.length;
  const previous = toks.slice(1, current.text ? -1 : undefined);
  // Flags come right after the instruction; once an argument appeared, no more flags.
  if (previous.some((t) => !t.text.startsWith('--'))) return argumentCompletions(instruction, current, end);
  const flags = INSTRUCTION_FLAGS[instruction];
  if (!flags || (current.text && !current.text.startsWith('-'))) return argumentCompletions(instruction, current, end);
  const eq = current.text.indexOf('=');
  if (current.text.startsWith('--') && eq !== -1) {
    const flag = current.text.slice(2, eq);
    const valueStart = current.start + eq + 1;
    if (flag === 'mount' && instruction === 'RUN') return mountCompletions(current.text.slice(eq + 1), valueStart, offset + /^[^\s,]*/.exec(after)![0].length);
    if (flag === 'from') return stagesBefore(text, logical.start).map((s, i) => item(s, s, valueStart, end, { kind: 'value', detail: 'build stage', sortText: String(i) }));
    return (flags[flag]?.values ?? []).map((v, i) => item(v, v, valueStart, end, { kind: 'value', documentation: flags[flag].doc, sortText: String(i).padStart(3, '0') }));
  }
  const used = new Set(previous.map((t) => /^--([\w-]+)/.exec(t.text)?.[1]));
  return Object.entries(flags)
    .filter(([name]) => !used.has(name) || name === 'mount' || name === 'exclude')
    .map(([name, d], i) =>
      item(`--${name}`, d.flagOnly ? `--${name}` : `--${name}=${name === 'mount' ? 'type=' : ''}`, current.start, end, {
        detail: `${instruction} flag`,
        documentation: d.doc,
        sortText: String(i).padStart(3, '0'),
        retrigger: !d.flagOnly,
      }),
    );
}

/** `$` in FROM, ARG and elsewhere: the automatic platform args. */
function argumentCompletions(instruction: string, current: { text: string; start: number }, end: number): AssistItem[] {
  if (instruction === 'ARG' && /^[A-Z]*$/.test(current.text)) {
    return Object.entries(PLATFORM_ARGS).map(([name, doc]) => item(name, name, current.start, end, { kind: 'value', detail: 'automatic platform ARG', documentation: doc }));
  }
  const dollar = /\$\{?[A-Z]*$/.exec(current.text);
  if (!dollar) return [];
  const start = current.start + dollar.index;
  const braced = dollar[0].startsWith('${');
  return Object.entries(PLATFORM_ARGS).map(([name, doc]) => item(name, braced ? `\${${name}}` : `$${name}`, start, end, { kind: 'value', detail: 'automatic platform ARG (declare it with ARG inside a stage)', documentation: doc, filterText: braced ? `\${${name}` : `$${name}` }));
}

function mountCompletions(spec: string, specStart: number, end: number): AssistItem[] {
  const comma = spec.lastIndexOf(',');
  const pieceStart = specStart + comma + 1;
  const piece = spec.slice(comma + 1);
  const fields = spec.slice(0, Math.max(comma, 0)).split(',').filter(Boolean);
  const type = fields.map((f) => /^type=(\w+)$/i.exec(f)?.[1]?.toLowerCase()).find(Boolean);
  const eq = piece.indexOf('=');
  const pieceEnd = end;
  if (eq !== -1) {
    const key = piece.slice(0, eq).toLowerCase();
    const valueStart = pieceStart + eq + 1;
    const values = key === 'type' ? Object.keys(MOUNT_TYPES) : (MOUNT_OPTIONS[key]?.values ?? []);
    return values.map((v, i) => item(v, key === 'type' ? `${v},` : v, valueStart, pieceEnd, {
      kind: 'value',
      documentation: key === 'type' ? MOUNT_TYPES[v].doc : MOUNT_OPTIONS[key].doc,
      sortText: String(i).padStart(3, '0'),
      retrigger: key === 'type',
    }));
  }
  const usedKeys = new Set(fields.map((f) => ALIASES[f.split('=')[0].toLowerCase()] ?? f.split('=')[0].toLowerCase()));
  const options = type ? ['type', ...(MOUNT_TYPES[type]?.options ?? [])] : ['type'];
  return options
    .filter((o) => !usedKeys.has(o))
    .map((o, i) => item(o, MOUNT_OPTIONS[o].values && o !== 'ro' && o !== 'rw' ? `${o}=` : o === 'ro' || o === 'rw' ? o : `${o}=`, pieceStart, pieceEnd, {
      kind: 'parameter',
      detail: type ? `${type} mount option` : 'mount option',
      documentation: MOUNT_OPTIONS[o].doc,
      sortText: String(i).padStart(3, '0'),
      retrigger: !!MOUNT_OPTIONS[o].values && o !== 'ro' && o !== 'rw',
    }));
}

/** Parser directives: only in the comment lines at the very top of the file. */
function directiveCompletions(text: string, lineStart: number, lineBefore: string, offset: number): AssistItem[] | undefined {
  const m = /^(\s*#\s*)(\w*)(?:(=)(.*))?$/.exec(lineBefore);
  if (!m) return undefined;
  // Only comment lines may come before a directive.
  if (text.slice(0, lineStart).split('\n').some((l) => l.trim() && !/^\s*#\s*\w+\s*=/.test(l))) return undefined;
  const end = offset + /^\S*/.exec(text.slice(offset))![0].length;
  if (!m[3]) {
    const start = lineStart + m[1].length;
    return Object.entries(DIRECTIVES).map(([name, d], i) => item(name, name === 'syntax' ? 'syntax=docker/dockerfile:1' : `${name}=`, start, end, { detail: 'parser directive', documentation: d.doc, sortText: String(i), retrigger: name !== 'syntax' }));
  }
  const name = m[2].toLowerCase();
  const value = m[4];
  const valueStart = lineStart + lineBefore.length - value.length;
  if (name === 'check') {
    const part = value.slice(value.lastIndexOf(';') + 1);
    const partStart = valueStart + value.length - part.length;
    const skip = /^(skip=)(.*)$/.exec(part);
    if (skip) {
      const listed = skip[2].split(',');
      const word = listed[listed.length - 1];
      const wordStart = partStart + part.length - word.length;
      return [['all', 'Skip every rule.'] as const, ...Object.entries(BUILD_CHECK_RULES)]
        .filter(([rule]) => !listed.slice(0, -1).includes(rule))
        .map(([rule, doc], i) => item(rule, rule, wordStart, end, { kind: 'value', detail: 'build check rule', documentation: doc, sortText: String(i).padStart(3, '0') }));
    }
    return ['skip=', 'error=true', 'error=false'].map((v, i) => item(v, v, partStart, end, { kind: 'value', sortText: String(i), retrigger: v === 'skip=' }));
  }
  return (DIRECTIVES[name]?.values ?? []).map((v, i) => item(v, v, valueStart, end, { kind: 'value', sortText: String(i) }));
}

/** Hover for the flag, mount option, directive or rule at `offset`. */
export function buildkitHover(text: string, offset: number): AssistHover | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const line = text.slice(lineStart, nl === -1 ? text.length : nl);
  const col = offset - lineStart;
  const d = /^(\s*#\s*)(\w+)\s*=(.*)$/.exec(line);
  if (d && DIRECTIVES[d[2].toLowerCase()] && !text.slice(0, lineStart).split('\n').some((l) => l.trim() && !/^\s*#\s*\w+\s*=/.test(l))) {
    const wordAt = wordAround(line, col, /[\w-]/);
    if (wordAt && BUILD_CHECK_RULES[wordAt.word]) return { markdown: `**${wordAt.word}** (build check)\n\n${BUILD_CHECK_RULES[wordAt.word]}`, start: lineStart + wordAt.start, end: lineStart + wordAt.end };
    const name = d[2].toLowerCase();
    return { markdown: `**# ${name}=** (parser directive)\n\n${DIRECTIVES[name].doc}`, start: lineStart + d[1].length, end: lineStart + d[1].length + d[2].length };
  }
  const logical = logicalAt(text, offset);
  const toks = tokens(logical.text, logical.start);
  const tok = toks.find((t) => offset >= t.start && offset <= t.end);
  if (!tok || toks.length === 0) return undefined;
  const instruction = toks[0].text.toUpperCase();
  const flagMatch = /^--([\w-]+)(?:=(.*))?$/.exec(tok.text);
  if (!flagMatch || !INSTRUCTION_FLAGS[instruction]) {
    const arg = /\$\{?([A-Z]+)/.exec(tok.text);
    if (arg && PLATFORM_ARGS[arg[1]]) return { markdown: `**${arg[1]}** (automatic platform ARG)\n\n${PLATFORM_ARGS[arg[1]]} Declare it with \`ARG ${arg[1]}\` to use it inside a stage.`, start: tok.start, end: tok.end };
    return undefined;
  }
  const flag = flagMatch[1];
  const doc = INSTRUCTION_FLAGS[instruction][flag];
  const flagEnd = tok.start + 2 + flag.length;
  if (offset <= flagEnd || flag !== 'mount') {
    return doc ? { markdown: `**${instruction} --${flag}**\n\n${doc.doc}${doc.values ? `\n\nValues: ${doc.values.map((v) => `\`${v}\``).join(', ')}` : ''}`, start: tok.start, end: flagEnd } : undefined;
  }
  // Inside a mount spec: the option under the cursor.
  let pos = flagEnd + 1;
  for (const field of (flagMatch[2] ?? '').split(',')) {
    const fieldEnd = pos + field.length;
    if (offset >= pos && offset <= fieldEnd) {
      const [key, value] = field.split('=');
      const k = key.toLowerCase();
      if (k === 'type' && value && MOUNT_TYPES[value.toLowerCase()] && offset > pos + key.length) {
        const t = MOUNT_TYPES[value.toLowerCase()];
        return { markdown: `**--mount type=${value}**\n\n${t.doc}\n\nOptions: ${t.options.map((o) => `\`${o}\``).join(', ')}`, start: pos, end: fieldEnd };
      }
      const opt = MOUNT_OPTIONS[k];
      return opt ? { markdown: `**--mount ${k}**\n\n${opt.doc}${opt.values ? `\n\nValues: ${opt.values.map((v) => `\`${v}\``).join(', ')}` : ''}`, start: pos, end: pos + key.length } : undefined;
    }
    pos = fieldEnd + 1;
  }
  return undefined;
}

function wordAround(line: string, col: number, char: RegExp): { word: string; start: number; end: number } | undefined {
  let s = col;
  let e = col;
  while (s > 0 && char.test(line[s - 1])) s--;
  while (e < line.length && char.test(line[e])) e++;
  return s < e ? { word: line.slice(s, e), start: s, end: e } : undefined;
}

/** A problem BuildKit would stop the build for. Offsets are relative to the text given. */
export interface BuildkitProblem {
  start: number;
  end: number;
  message: string;
  code: 'buildkit/unknown-flag' | 'buildkit/mount-type' | 'buildkit/mount-option' | 'buildkit/mount-value';
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

function suggestion(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let d = 3;
  for (const c of candidates) {
    const x = distance(word.toLowerCase(), c);
    if (x < d) [best, d] = [c, x];
  }
  return best ? ` Did you mean "${best}"?` : '';
}

/**
 * What BuildKit's Dockerfile frontend rejects, found without Docker: an unknown flag on RUN,
 * COPY, ADD or FROM (`unknown flag`), an unknown mount type or option, an option the mount
 * type does not take (`required`, `size`, `mode`/`uid`/`gid`, `sharing`, a secret's `from`),
 * and values BuildKit cannot read (`sharing`, `mode`, `uid`, `gid`, booleans). Values with a
 * variable are left alone: BuildKit expands them first.
 */
export function buildkitProblems(text: string): BuildkitProblem[] {
  const out: BuildkitProblem[] = [];
  let start = 0;
  while (start < text.length) {
    let lineStart = start;
    let end = endOfLine(text, start);
    // A line ending in a backslash continues the instruction (comment lines never do).
    while (end < text.length && !/^\s*#/.test(text.slice(lineStart, end)) && /\\\s*$/.test(text.slice(lineStart, end))) {
      lineStart = end + 1;
      end = endOfLine(text, lineStart);
    }
    const chunk = text.slice(start, end);
    if (!/^\s*#/.test(chunk)) checkInstruction({ start, text: chunk }, out);
    start = end + 1;
  }
  return out;
}

function endOfLine(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}

/** Checks the flags of one instruction. */
function checkInstruction(logical: Logical, out: BuildkitProblem[]): void {
  const toks = tokens(logical.text, logical.start);
  if (toks.length < 2) return;
  const instruction = toks[0].text.toUpperCase();
  const flags = INSTRUCTION_FLAGS[instruction];
  if (!flags) return;
  for (const tok of toks.slice(1)) {
    if (!tok.text.startsWith('--')) break;
    const m = /^--([^=]*)(?:=(.*))?$/s.exec(tok.text)!;
    const flag = m[1];
    // A bare `--` is a flag still being typed.
    if (!flag) continue;
    if (!flags[flag]) {
      out.push({ start: tok.start, end: tok.start + 2 + flag.length, code: 'buildkit/unknown-flag', message: `BuildKit stops the build: unknown flag --${flag} for ${instruction}.${suggestion(flag, Object.keys(flags))}` });
      continue;
    }
    if (flag === 'mount' && instruction === 'RUN' && m[2] !== undefined) checkMount(m[2], tok.start + 2 + flag.length + 1, out);
  }
}

function checkMount(spec: string, specStart: number, out: BuildkitProblem[]): void {
  // BuildKit reads the spec as one CSV record; quoted fields are rare in mounts and left alone.
  if (spec.includes('"')) return;
  let pos = specStart;
  let type = 'bind';
  const seen: { key: string; start: number; end: number; value?: string }[] = [];
  for (const field of spec.split(',')) {
    const start = pos;
    pos += field.length + 1;
    if (!field) continue;
    const eq = field.indexOf('=');
    const key = (eq === -1 ? field : field.slice(0, eq)).toLowerCase();
    const value = eq === -1 ? undefined : field.slice(eq + 1);
    const keyEnd = start + (eq === -1 ? field.length : eq);
    if (!MOUNT_OPTIONS[key]) {
      out.push({ start, end: keyEnd, code: 'buildkit/mount-option', message: `BuildKit stops the build: unexpected key '${key}' in a --mount.${suggestion(key, Object.keys(MOUNT_OPTIONS))}` });
      continue;
    }
    if (value !== undefined && value.includes('$')) continue;
    if (key === 'type' && value !== undefined) {
      const t = value.toLowerCase();
      if (!MOUNT_TYPES[t]) {
        out.push({ start: keyEnd + 1, end: start + field.length, code: 'buildkit/mount-type', message: `BuildKit stops the build: unsupported mount type "${value}" (bind, cache, tmpfs, secret, ssh).${suggestion(t, Object.keys(MOUNT_TYPES))}` });
        return;
      }
      type = t;
      continue;
    }
    if (value === undefined && !['ro', 'readonly', 'rw', 'readwrite', 'required'].includes(key)) {
      out.push({ start, end: keyEnd, code: 'buildkit/mount-value', message: `BuildKit stops the build: '${key}' in a --mount needs a value (${key}=…).` });
      continue;
    }
    seen.push({ key, start, end: start + field.length, value });
  }
  const bad = (f: { start: number; end: number }, message: string) => out.push({ start: f.start, end: f.end, code: 'buildkit/mount-option', message: `BuildKit stops the build: ${message}` });
  for (const f of seen) {
    const v = f.value;
    if (f.key === 'required' && type !== 'secret' && type !== 'ssh') bad(f, `'required' is only for secret and ssh mounts, not ${type}.`);
    else if (f.key === 'size' && type !== 'tmpfs') bad(f, `'size' is only for tmpfs mounts, not ${type}.`);
    else if ((f.key === 'mode' || f.key === 'uid' || f.key === 'gid') && (type === 'bind' || type === 'tmpfs')) bad(f, `${f.key} is not allowed for ${type} mounts (only cache, secret and ssh).`);
    else if (f.key === 'sharing' && type !== 'cache') bad(f, `'sharing' is only for cache mounts, not ${type}.`);
    else if (f.key === 'from' && type === 'secret') bad(f, 'a secret mount cannot have a from.');
    else if (f.key === 'sharing' && v !== undefined && !['shared', 'private', 'locked'].includes(v.toLowerCase())) out.push({ start: f.start, end: f.end, code: 'buildkit/mount-value', message: `BuildKit stops the build: unsupported sharing value "${v}" (shared, private, locked).` });
    else if (f.key === 'mode' && v !== undefined && !/^[0-7]+$/.test(v)) out.push({ start: f.start, end: f.end, code: 'buildkit/mount-value', message: `BuildKit stops the build: mode must be octal digits, not "${v}".` });
    else if ((f.key === 'uid' || f.key === 'gid') && v !== undefined && !/^\d+$/.test(v)) out.push({ start: f.start, end: f.end, code: 'buildkit/mount-value', message: `BuildKit stops the build: ${f.key} must be a number, not "${v}".` });
    else if (['ro', 'readonly', 'rw', 'readwrite', 'required'].includes(f.key) && v !== undefined && !/^(?:1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(v)) out.push({ start: f.start, end: f.end, code: 'buildkit/mount-value', message: `BuildKit stops the build: invalid value for ${f.key}: ${v} (true or false).` });
  }
}
