import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  renderCommandsTable, renderSettingsTable, replaceBetweenMarkers, syncReadme, type ManifestForDocs,
} from '../../scripts/readmeTables';

const root = path.resolve(__dirname, '..', '..');

describe('README tables', () => {
  it('match package.json contributes (run `npm run docs` when this fails)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as ManifestForDocs;
    assert.equal(readme, syncReadme(readme, manifest), 'README.md command/settings tables are out of date: run npm run docs');
  });

  it('list every contributed command and setting of the manifest', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as ManifestForDocs;
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const c of manifest.contributes?.commands ?? []) assert.ok(readme.includes(`\`${c.command}\``), c.command);
    const sections = manifest.contributes?.configuration;
    for (const s of Array.isArray(sections) ? sections : sections ? [sections] : []) {
      for (const id of Object.keys(s.properties ?? {})) assert.ok(readme.includes(`\`${id}\``), id);
    }
  });

  it('list every tier npm test runs, in its order', () => {
    const runner = fs.readFileSync(path.join(root, 'scripts', 'test-all.mjs'), 'utf8');
    const tiers = [...runner.matchAll(/^\s*\{ name: '([\w-]+)'/gm)].map((m) => m[1]);
    assert.ok(tiers.length >= 8, `found the tiers of scripts/test-all.mjs: ${tiers.join(', ')}`);
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| tier | command | what it runs |'));
    const rows = [...table.matchAll(/^\s*\| (\w[\w-]*) \| `npm /gm)].map((m) => m[1]);
    assert.deepEqual(rows, tiers);
  });
});

describe('readmeTables', () => {
  const manifest: ManifestForDocs = {
    contributes: {
      commands: [{ command: 'devopsNotes.a', title: 'Do A', category: 'DevOps Notes' }, { command: 'devopsNotes.b', title: 'B | pipe' }],
      keybindings: [{ command: 'devopsNotes.a', key: 'ctrl+alt+a', mac: 'cmd+alt+a' }],
      configuration: [
        { properties: { 'devopsNotes.x.enabled': { type: 'boolean', default: true, scope: 'resource', description: 'Turn X\non.' } } },
        { properties: { 'devopsNotes.y.mode': { type: 'string', enum: ['off', 'on'], default: 'off', markdownDescription: 'Mode `y`.' } } },
      ],
    },
  };

  it('renders commands with category, id and keybinding, escaping pipes', () => {
    const table = renderCommandsTable(manifest);
    assert.match(table, /^\| Command \| ID \| Keybinding \|$/m);
    assert.match(table, /^\| DevOps Notes: Do A \| `devopsNotes.a` \| `ctrl\+alt\+a \(macOS cmd\+alt\+a\)` \|$/m);
    assert.match(table, /^\| B \\\| pipe \| `devopsNotes.b` \| {2}\|$/m);
  });

  it('renders settings from every configuration section with type, default, scope and description', () => {
    const table = renderSettingsTable(manifest);
    assert.match(table, /^\| `devopsNotes.x.enabled` \| boolean \| `true` \| resource \| Turn X on. \|$/m);
    assert.match(table, /^\| `devopsNotes.y.mode` \| "off" \\\| "on" \| `"off"` \| window \| Mode `y`. \|$/m);
  });

  it('replaces only the text between the markers and detects drift', () => {
    const readme = 'intro\n<!-- commands:start -->\nold\n<!-- commands:end -->\nmiddle\n<!-- settings:start -->\n<!-- settings:end -->\nend\n';
    const synced = syncReadme(readme, manifest);
    assert.ok(synced.startsWith('intro\n<!-- commands:start -->\n| Command'));
    assert.ok(synced.includes('<!-- commands:end -->\nmiddle\n<!-- settings:start -->\n| Setting'));
    assert.ok(synced.endsWith('<!-- settings:end -->\nend\n'));
    assert.notEqual(synced, readme, 'a stale table is detected');
    assert.equal(syncReadme(synced, manifest), synced, 'syncing is idempotent');
  });

  it('keeps CRLF line endings and says which markers are missing', () => {
    const crlf = 'a\r\n<!-- commands:start -->\r\n<!-- commands:end -->\r\n';
    assert.ok(!replaceBetweenMarkers(crlf, 'commands', 'x\ny').replace(/\r\n/g, '').includes('\n'));
    assert.throws(() => syncReadme('no markers here', manifest), /<!-- commands:start -->/);
  });
});
