/**
 * The README's tables of commands and settings, generated from package.json `contributes` and
 * kept between marker comments (`<!-- commands:start -->` … `<!-- commands:end -->`, same for
 * `settings`). `npm run docs` rewrites them; test/unit/readme.sync.test.ts fails when they drift.
 */

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

interface KeybindingContribution {
  command: string;
  key?: string;
  mac?: string;
}

interface SettingSchema {
  type?: string | string[];
  default?: unknown;
  scope?: string;
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  deprecationMessage?: string;
}

interface ConfigurationSection {
  title?: string;
  properties?: Record<string, SettingSchema>;
}

/** The part of package.json the tables come from. */
export interface ManifestForDocs {
  contributes?: {
    commands?: CommandContribution[];
    keybindings?: KeybindingContribution[];
    configuration?: ConfigurationSection | ConfigurationSection[];
  };
}

/** Table cell text: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|').trim();
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function renderCommandsTable(manifest: ManifestForDocs): string {
  const commands = manifest.contributes?.commands ?? [];
  if (commands.length === 0) return '_No commands yet._';
  const keys = new Map<string, string>();
  for (const kb of manifest.contributes?.keybindings ?? []) {
    if (kb.key) keys.set(kb.command, kb.mac && kb.mac !== kb.key ? `${kb.key} (macOS ${kb.mac})` : kb.key);
  }
  const rows = commands.map((c) => {
    const title = c.category ? `${c.category}: ${c.title}` : c.title;
    const key = keys.get(c.command);
    return `| ${cell(title)} | ${code(c.command)} | ${key ? code(key) : ''} |`;
  });
  return ['| Command | ID | Keybinding |', '| --- | --- | --- |', ...rows].join('\n');
}

function formatType(schema: SettingSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (Array.isArray(schema.type)) return schema.type.join(' \\| ');
  return schema.type ?? '';
}

export function renderSettingsTable(manifest: ManifestForDocs): string {
  const sections = manifest.contributes?.configuration;
  const list = Array.isArray(sections) ? sections : sections ? [sections] : [];
  const settings = list.flatMap((s) => Object.entries(s.properties ?? {}));
  if (settings.length === 0) return '_No settings yet._';
  const rows = settings.map(([id, schema]) => {
    const description = schema.markdownDescription ?? schema.description ?? '';
    const deprecated = schema.deprecationMessage ? ` (deprecated: ${schema.deprecationMessage})` : '';
    const def = schema.default === undefined ? '' : code(JSON.stringify(schema.default));
    return `| ${code(id)} | ${formatType(schema)} | ${def} | ${schema.scope ?? 'window'} | ${cell(description + deprecated)} |`;
  });
  return ['| Setting | Type | Default | Scope | Description |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replaces what is between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceBetweenMarkers(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0 || to < from) {
    throw new Error(`README.md needs the markers ${start} and ${end} (in that order)`);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${text.slice(0, from + start.length)}${eol}${body.split('\n').join(eol)}${eol}${text.slice(to)}`;
}

/** The README with both tables brought in step with the manifest. */
export function syncReadme(readme: string, manifest: ManifestForDocs): string {
  const withCommands = replaceBetweenMarkers(readme, 'commands', renderCommandsTable(manifest));
  return replaceBetweenMarkers(withCommands, 'settings', renderSettingsTable(manifest));
}
