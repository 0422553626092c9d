import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { decodeUtf8, type FileSystem } from '../fs';

/** Languages we contribute snippets for (VS Code language ids). */
export type SnippetLanguage = 'dockerfile' | 'shellscript' | 'markdown' | 'yaml';

/** One snippet of a contributed `snippets/*.json` file. */
export interface CatalogSnippet {
  /** Stable id for commands and tests: `<language>/<prefix>`. */
  id: string;
  name: string;
  prefix: string;
  language: SnippetLanguage;
  description: string;
  /** Snippet syntax, lines joined with `\n`. */
  body: string;
  /** The prefix family (text before the first `-`), which decides the topic. */
  family: string;
}

/** A prefix family: the first part of every prefix, one per topic, documented in docs/snippets.md. */
export interface PrefixFamily {
  prefix: string;
  topic: string;
  languages: readonly SnippetLanguage[];
  summary: string;
}

/**
 * The prefix scheme. Typing the family and a dash lists the whole topic in the suggest
 * widget; the quick pick groups by the same topics. Order here is the order of the groups.
 */
export const PREFIX_FAMILIES: readonly PrefixFamily[] = [
  { prefix: 'bk', topic: 'BuildKit Dockerfile', languages: ['dockerfile'], summary: 'Dockerfile instructions and directives of current BuildKit' },
  { prefix: 'dk', topic: 'Docker build & engine', languages: ['shellscript'], summary: 'docker build secrets, SSH, inline cache, contexts, rootless' },
  { prefix: 'bx', topic: 'Buildx & multi-platform', languages: ['shellscript'], summary: 'docker buildx builders, platforms, cache export, imagetools' },
  { prefix: 'nd', topic: 'Builds without a daemon', languages: ['shellscript'], summary: 'kaniko, img, buildctl-daemonless' },
  { prefix: 'dbg', topic: 'Debugging containers', languages: ['shellscript'], summary: 'namespaces, tool images, nsenter, docker cp, socket, stats, cgroup I/O' },
  { prefix: 'sw', topic: 'Docker Swarm', languages: ['shellscript'], summary: 'init, join, leave, node availability, blue-green rotation' },
  { prefix: 'tf', topic: 'Terraform', languages: ['shellscript'], summary: 'init, plan, apply, destroy' },
  { prefix: 'lk', topic: 'LinuxKit', languages: ['shellscript', 'yaml'], summary: 'build, push to vCenter, OS description' },
  { prefix: 'k3d', topic: 'k3d & k3s', languages: ['shellscript'], summary: 'local clusters in Docker, k3s server and agents' },
  { prefix: 'kc', topic: 'kubectl', languages: ['shellscript'], summary: 'port-forward, Jobs and their logs, ephemeral debug containers' },
  { prefix: 'sec', topic: 'Security scans', languages: ['shellscript'], summary: 'Trivy, kube-bench, kube-hunter' },
  { prefix: 'oras', topic: 'ORAS artifacts', languages: ['shellscript'], summary: 'push and pull files to and from OCI registries' },
  { prefix: 'k8s', topic: 'Kubernetes manifests', languages: ['yaml'], summary: 'Jobs for kube-bench and kube-hunter' },
  { prefix: 'gl', topic: 'GitLab CI', languages: ['yaml'], summary: 'jobs that build with BuildKit, kaniko, and scan with Trivy' },
  { prefix: 'hugo', topic: 'Hugo content', languages: ['markdown'], summary: 'front matter for a new post, figure, highlight, ref' },
  { prefix: 'md', topic: 'Markdown', languages: ['markdown'], summary: 'fenced command blocks' },
];

const FAMILY_BY_PREFIX = new Map(PREFIX_FAMILIES.map((f) => [f.prefix, f]));

export function familyOf(prefix: string): PrefixFamily | undefined {
  return FAMILY_BY_PREFIX.get(prefix.split('-')[0]);
}

/** An entry of package.json `contributes.snippets`. */
export interface SnippetContribution {
  language: string;
  path: string;
}

export interface CatalogProblem {
  file: string;
  message: string;
}

export interface SnippetCatalog {
  snippets: CatalogSnippet[];
  problems: CatalogProblem[];
}

const KNOWN_LANGUAGES: ReadonlySet<string> = new Set(['dockerfile', 'shellscript', 'markdown', 'yaml']);

/**
 * Reads one snippet file in VS Code's format (JSONC: an object of named snippets, each with
 * `prefix`, `body` as a string or array of lines, and `description`). Structural problems are
 * returned, not thrown, so one bad entry does not hide the rest.
 */
export function parseSnippetFile(text: string, language: string, file: string): SnippetCatalog {
  const problems: CatalogProblem[] = [];
  const snippets: CatalogSnippet[] = [];
  if (!KNOWN_LANGUAGES.has(language)) {
    problems.push({ file, message: `language '${language}' is not one the snippet catalog knows` });
    return { snippets, problems };
  }
  const errors: ParseError[] = [];
  const data: unknown = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: false });
  for (const e of errors) problems.push({ file, message: `JSON ${printParseErrorCode(e.error)} at offset ${e.offset}` });
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ file, message: 'a snippet file must hold one JSON object of named snippets' });
    return { snippets, problems };
  }
  for (const [name, raw] of Object.entries(data as Record<string, unknown>)) {
    const entry = raw as { prefix?: unknown; body?: unknown; description?: unknown };
    const where = `snippet '${name}'`;
    if (!entry || typeof entry !== 'object') {
      problems.push({ file, message: `${where} is not an object` });
      continue;
    }
    if (typeof entry.prefix !== 'string' || !entry.prefix) {
      problems.push({ file, message: `${where} needs a single string prefix` });
      continue;
    }
    const body = Array.isArray(entry.body) && entry.body.every((l) => typeof l === 'string')
      ? (entry.body as string[]).join('\n')
      : typeof entry.body === 'string' ? entry.body : undefined;
    if (body === undefined) {
      problems.push({ file, message: `${where} needs a body (a string or an array of strings)` });
      continue;
    }
    if (typeof entry.description !== 'string' || !entry.description.trim()) {
      problems.push({ file, message: `${where} needs a description` });
      continue;
    }
    snippets.push({
      id: `${language}/${entry.prefix}`,
      name,
      prefix: entry.prefix,
      language: language as SnippetLanguage,
      description: entry.description,
      body,
      family: entry.prefix.split('-')[0],
    });
  }
  return { snippets, problems };
}

/**
 * Loads every contributed snippet file below `root` (the extension folder). The contributions
 * come from package.json, so the files listed there are the single source of the catalog.
 */
export async function loadCatalog(fs: Pick<FileSystem, 'readFile'>, root: string, contributions: readonly SnippetContribution[]): Promise<SnippetCatalog> {
  const results = await Promise.all(
    contributions.map(async (c) => {
      const path = joinPath(root, c.path);
      try {
        return parseSnippetFile(decodeUtf8(await fs.readFile(path)), c.language, c.path);
      } catch (err) {
        return { snippets: [], problems: [{ file: c.path, message: `cannot read: ${(err as Error).message}` }] };
      }
    }),
  );
  return {
    snippets: results.flatMap((r) => r.snippets),
    problems: results.flatMap((r) => r.problems),
  };
}

/** Snippet contributions declared in a parsed package.json, or none when it has no such section. */
export function snippetContributions(packageJson: unknown): SnippetContribution[] {
  const list = (packageJson as { contributes?: { snippets?: unknown } })?.contributes?.snippets;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (c): c is SnippetContribution => !!c && typeof c.language === 'string' && typeof c.path === 'string',
  );
}

function joinPath(root: string, relative: string): string {
  const rel = relative.replace(/^\.\//, '');
  return root.endsWith('/') ? root + rel : `${root}/${rel}`;
}
