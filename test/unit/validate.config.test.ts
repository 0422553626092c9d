import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DEFAULT_SEVERITIES, parseProjectConfig, readConfigLayer, resolveValidationConfig, RULE_CODES, RULE_INFO } from '../../src/core/validate';

describe('validation configuration', () => {
  it('reads .devops-notes.json with comments and applies it over the defaults', () => {
    const text = `{
  // project rules
  "frontMatter": {
    "requiredFields": ["title", "date", "description"],
    "fields": { "difficulty": { "type": "string", "enum": ["easy", "hard"], "required": true } },
    "taxonomies": ["Series"],
    "allowedTags": ["docker"],
    "severity": { "fm/unknown-key": "error", "fm/empty-value": "off" },
    "unknownKeys": "all",
    "staticDirs": ["static"],
  },
}`;
    const { layer, problems } = parseProjectConfig(text);
    assert.deepEqual(problems, []);
    const config = resolveValidationConfig(layer);
    assert.deepEqual(config.requiredFields, ['title', 'date', 'description', 'difficulty']);
    assert.deepEqual(config.taxonomies, ['tags', 'categories', 'series']);
    assert.deepEqual(config.allowedTerms, { tags: ['docker'] });
    assert.equal(config.severities['fm/unknown-key'], 'error');
    assert.equal(config.severities['fm/empty-value'], 'off');
    assert.equal(config.severities['fm/syntax'], 'error');
    assert.equal(config.unknownKeys, 'all');
    assert.deepEqual(config.fields.difficulty, { type: 'string', enum: ['easy', 'hard'] });
  });

  it('reports bad parts at their place in the file and keeps the good ones', () => {
    const text = '{"frontMatter": {"severity": {"fm/nope": "error", "fm/syntax": "loud"}, "fields": {"x": {"type": "text"}, "y": {"pattern": "("}}, "requiredFields": "title"}}';
    const { layer, problems } = parseProjectConfig(text);
    const at = (p: { start: number; end: number }) => text.slice(p.start, p.end);
    assert.deepEqual(
      problems.map((p) => [at(p), p.message.split(' (')[0].split(':')[0]]),
      [
        ['"error"', 'Unknown rule code "fm/nope"'],
        ['"loud"', 'Severity must be one of error, warning, info, hint, off'],
        ['"text"', '"type" must be one of string, number, integer, boolean, date, list, map, any'],
        ['"("', 'Invalid regular expression'],
        ['"title"', '"requiredFields" must be a list of strings'],
      ].sort((a, b) => text.indexOf(a[0]) - text.indexOf(b[0])),
    );
    assert.equal(layer.requiredFields, undefined);
    // "x" has no usable type; "y" keeps its (default) type without the broken pattern.
    assert.deepEqual(layer.fields, { y: { type: 'any' } });
  });

  it('reports JSON syntax errors inside the text', () => {
    const text = '{"frontMatter": {';
    const { problems } = parseProjectConfig(text);
    assert.ok(problems.length > 0);
    for (const p of problems) assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end);
  });

  it('lets later layers win: the workspace file over settings', () => {
    const settings = readConfigLayer({ requiredFields: ['title'], severity: { 'fm/unknown-key': 'info', 'fm/tags-string': 'error' }, unknownKeys: 'all' }).layer;
    const file = parseProjectConfig('{"frontMatter": {"severity": {"fm/unknown-key": "hint"}}}').layer;
    const config = resolveValidationConfig(settings, file);
    assert.deepEqual(config.requiredFields, ['title']);
    assert.equal(config.severities['fm/unknown-key'], 'hint');
    assert.equal(config.severities['fm/tags-string'], 'error');
    assert.equal(config.unknownKeys, 'all');
  });

  it('accepts allowed terms per taxonomy', () => {
    const { layer, problems } = readConfigLayer({ allowedTags: { tags: ['a'], Categories: ['B'] } });
    assert.deepEqual(problems, []);
    assert.deepEqual(layer.allowedTags, { tags: ['a'], categories: ['B'] });
  });
});

describe('rule codes in the manifest and the JSON schema', () => {
  // Settings UI and .devops-notes.json completion list the rule codes; a new rule must appear in both.
  it('lists every rule code in devopsNotes.frontMatter.severity and in the schema', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } };
    };
    const schema = JSON.parse(fs.readFileSync('schemas/devops-notes.schema.json', 'utf8')) as {
      properties: { frontMatter: { properties: { severity: { properties: Record<string, unknown> } } } };
    };
    const codes = [...RULE_CODES].sort();
    assert.deepEqual(Object.keys(pkg.contributes.configuration.properties['devopsNotes.frontMatter.severity'].properties ?? {}).sort(), codes);
    assert.deepEqual(Object.keys(schema.properties.frontMatter.properties.severity.properties).sort(), codes);
    assert.deepEqual(Object.keys(DEFAULT_SEVERITIES).sort(), codes);
    assert.deepEqual(Object.keys(RULE_INFO).sort(), codes);
  });
});
