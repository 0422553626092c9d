import * as assert from 'node:assert/strict';
import { scopesOf, textsWithScope, tokenize } from './support/textmate';

// Our injection grammars, tokenised by vscode-textmate + vscode-oniguruma. The host grammars are
// small stand-ins for VS Code's Markdown/Dockerfile/JSON grammars (see support/grammars/); the
// integration suite checks the same lines against the real ones inside VS Code.

function has(scopes: string[], scope: string): boolean {
  return scopes.includes(scope);
}

describe('grammar: BuildKit flags in Dockerfiles', () => {
  const dockerfile = [
    '# syntax=docker/dockerfile:1',
    '# check=skip=JSONArgsRecommended;error=true',
    '',
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    'RUN --mount=type=cache,target=/root/.cache/go-build,sharing=locked \\',
    '    --mount=type=secret,id=npmrc,required=true \\',
    '    --network=none go build --mount=not-a-flag ./...',
    'COPY --link --chmod=0755 --from=build /out/app /app',
    'run --security=insecure true',
    'RUN echo --mount=type=cache',
    '# not=a-directive-here',
  ].join('\n');

  it('scopes parser directives at the top of the file', async () => {
    const t = await tokenize('source.dockerfile', dockerfile);
    assert.ok(has(scopesOf(t, 'syntax', 0), 'keyword.other.directive.dockerfile'));
    assert.ok(has(scopesOf(t, 'docker/dockerfile:1', 0), 'string.unquoted.directive.dockerfile'));
    assert.ok(has(scopesOf(t, 'check', 1), 'keyword.other.directive.dockerfile'));
    // After a blank line BuildKit stops reading directives; so does the grammar.
    assert.ok(has(scopesOf(t, '# not', 10), 'comment.line.number-sign.dockerfile'));
    assert.ok(!scopesOf(t, '# not', 10).includes('keyword.other.directive.dockerfile'));
  });

  it('scopes --mount options: type, sharing and booleans as constants, other values as strings', async () => {
    const t = await tokenize('source.dockerfile', dockerfile);
    assert.ok(has(scopesOf(t, '--mount', 4), 'keyword.other.option.dockerfile'));
    assert.ok(has(scopesOf(t, 'type', 4), 'entity.other.attribute-name.dockerfile'));
    assert.ok(has(scopesOf(t, 'cache', 4), 'constant.language.mount-type.dockerfile'));
    assert.ok(has(scopesOf(t, 'target', 4), 'entity.other.attribute-name.dockerfile'));
    assert.ok(has(scopesOf(t, '/root/.cache/go-build', 4), 'string.unquoted.option-value.dockerfile'));
    assert.ok(has(scopesOf(t, 'locked', 4), 'constant.language.sharing.dockerfile'));
    assert.ok(has(scopesOf(t, ',', 4), 'punctuation.separator.comma.dockerfile'));
    assert.ok(has(scopesOf(t, '\\', 4), 'constant.character.escape.line-continuation.dockerfile'));
  });

  it('follows flags over line continuations and stops at the command', async () => {
    const t = await tokenize('source.dockerfile', dockerfile);
    assert.ok(has(scopesOf(t, 'secret', 5), 'constant.language.mount-type.dockerfile'));
    assert.ok(has(scopesOf(t, 'true', 5), 'constant.language.boolean.dockerfile'));
    assert.ok(has(scopesOf(t, '--network', 6), 'keyword.other.option.dockerfile'));
    assert.ok(has(scopesOf(t, 'none', 6), 'constant.language.network.dockerfile'));
    // The command's own --mount is not a BuildKit flag.
    assert.deepEqual(scopesOf(t, 'go build', 6), ['source.dockerfile']);
    assert.deepEqual(scopesOf(t, 'echo --mount', 9), ['source.dockerfile']);
  });

  it('scopes COPY/FROM flags and keeps the instruction keywords (any case) and AS', async () => {
    const t = await tokenize('source.dockerfile', dockerfile);
    assert.ok(has(scopesOf(t, 'FROM', 3), 'keyword.other.special-method.dockerfile'));
    assert.ok(has(scopesOf(t, '--platform', 3), 'keyword.other.option.dockerfile'));
    assert.ok(has(scopesOf(t, 'AS', 3), 'keyword.other.special-method.dockerfile'));
    assert.ok(has(scopesOf(t, '--link', 7), 'keyword.other.option.dockerfile'));
    assert.ok(has(scopesOf(t, '0755', 7), 'string.unquoted.option-value.dockerfile'));
    assert.ok(has(scopesOf(t, 'build', 7), 'string.unquoted.option-value.dockerfile'));
    assert.ok(has(scopesOf(t, 'run', 8), 'keyword.other.special-method.dockerfile'));
    assert.ok(has(scopesOf(t, 'insecure', 8), 'constant.language.security.dockerfile'));
  });

  it('also applies inside a ```dockerfile fence of a Markdown note', async () => {
    const t = await tokenize('text.html.markdown', 'Text\n\n```dockerfile\nRUN --mount=type=ssh git clone x\n```\n');
    const scopes = scopesOf(t, '--mount', 3);
    assert.ok(has(scopes, 'meta.embedded.block.dockerfile'));
    assert.ok(has(scopes, 'keyword.other.option.dockerfile'));
    assert.ok(has(scopesOf(t, 'ssh', 3), 'constant.language.mount-type.dockerfile'));
  });
});

describe('grammar: Hugo shortcodes in Markdown', () => {
  const note = [
    '{{< figure src="cds2017-photo0.png" width="100%" title="My own diagram" >}}',
    '{{% notice warning %}}Careful{{% /notice %}}',
    '{{< highlight bash "linenos=table" >}}',
    '{{< /highlight >}}',
    '{{< ref posts/other.md />}}',
    '{{< youtube id=w7Ft2ymGmfc autoplay=true start=30 code=`raw {{ value }}` >}}',
    'Write {{</* figure src="x" */>}} for the literal form.',
  ].join('\n');

  it('scopes delimiters, the name, named parameters and their string values', async () => {
    const t = await tokenize('text.html.markdown', note);
    assert.ok(has(scopesOf(t, '{{<', 0), 'punctuation.definition.tag.begin.hugo'));
    assert.ok(has(scopesOf(t, 'figure', 0), 'entity.name.tag.shortcode.hugo'));
    assert.ok(has(scopesOf(t, 'src', 0), 'entity.other.attribute-name.hugo'));
    assert.ok(has(scopesOf(t, '=', 0), 'punctuation.separator.key-value.hugo'));
    assert.ok(has(scopesOf(t, 'cds2017-photo0.png', 0), 'string.quoted.double.hugo'));
    assert.ok(has(scopesOf(t, '>}}', 0), 'punctuation.definition.tag.end.hugo'));
  });

  it('scopes {{% %}} shortcodes, positional parameters and closing tags', async () => {
    const t = await tokenize('text.html.markdown', note);
    assert.ok(has(scopesOf(t, '{{%', 1), 'punctuation.definition.tag.begin.hugo'));
    assert.ok(has(scopesOf(t, 'warning', 1), 'string.unquoted.hugo'));
    assert.deepEqual(scopesOf(t, 'Careful', 1), ['text.html.markdown']);
    assert.ok(has(scopesOf(t, '/', 1), 'punctuation.definition.tag.closing.hugo'));
    assert.ok(has(scopesOf(t, 'linenos=table', 2), 'string.quoted.double.hugo'));
    assert.ok(has(scopesOf(t, 'highlight', 3), 'entity.name.tag.shortcode.hugo'));
    assert.ok(has(scopesOf(t, '/', 3), 'punctuation.definition.tag.closing.hugo'));
  });

  it('scopes self-closing tags, unquoted paths, numbers, booleans and raw strings', async () => {
    const t = await tokenize('text.html.markdown', note);
    assert.ok(has(scopesOf(t, 'posts/other.md', 4), 'string.unquoted.hugo'));
    assert.ok(has(scopesOf(t, '/>}}', 4), 'punctuation.definition.tag.self-closing.hugo'));
    assert.ok(has(scopesOf(t, 'true', 5), 'constant.language.boolean.hugo'));
    assert.ok(has(scopesOf(t, '30', 5), 'constant.numeric.hugo'));
    assert.ok(has(scopesOf(t, 'raw {{ value }}', 5), 'string.quoted.other.raw.hugo'));
    assert.ok(has(scopesOf(t, '>}}', 5), 'punctuation.definition.tag.end.hugo'), 'the }} in the raw string does not end the tag');
  });

  it('shows the commented-out {{</* */>}} form as a comment', async () => {
    const t = await tokenize('text.html.markdown', note);
    assert.ok(has(scopesOf(t, '{{</*', 6), 'comment.block.shortcode.hugo'));
    assert.deepEqual(textsWithScope(t.filter((x) => x.line === 6), 'entity.name.tag'), []);
  });
});

describe('grammar: Hugo front matter in TOML and JSON', () => {
  const toml = [
    '+++',
    'title = "Terraform(ing) Blue-Green Swarms"',
    "slug = 'blue-green'",
    'date = 2018-03-04T10:00:00+01:00',
    'draft = false',
    'weight = 10',
    'tags = ["Docker", "Terraform"]',
    '[params]',
    'author.name = "Mario" # inline comment',
    '+++',
    '',
    '+++ not front matter any more',
  ].join('\n');

  it('embeds the block between +++ lines at the start of the document', async () => {
    const t = await tokenize('text.html.markdown', toml);
    assert.ok(has(scopesOf(t, '+++', 0), 'punctuation.definition.begin.frontmatter'));
    assert.ok(has(scopesOf(t, 'title', 1), 'meta.embedded.block.toml.frontmatter'));
    assert.ok(has(scopesOf(t, '+++', 9), 'punctuation.definition.end.frontmatter'));
    assert.deepEqual(scopesOf(t, '+++ not', 11), ['text.html.markdown']);
  });

  it('scopes TOML keys, strings, dates, booleans, numbers, arrays, tables and comments', async () => {
    const t = await tokenize('text.html.markdown', toml);
    assert.ok(has(scopesOf(t, 'title', 1), 'support.type.property-name.toml'));
    assert.ok(has(scopesOf(t, '=', 1), 'punctuation.separator.key-value.toml'));
    assert.ok(has(scopesOf(t, 'Terraform(ing) Blue-Green Swarms', 1), 'string.quoted.double.basic.toml'));
    assert.ok(has(scopesOf(t, 'blue-green', 2), 'string.quoted.single.literal.toml'));
    assert.ok(has(scopesOf(t, '2018-03-04T10:00:00+01:00', 3), 'constant.numeric.date.toml'));
    assert.ok(has(scopesOf(t, 'false', 4), 'constant.language.boolean.toml'));
    assert.ok(has(scopesOf(t, '10', 5), 'constant.numeric.toml'));
    assert.ok(has(scopesOf(t, '[', 6), 'punctuation.definition.array.begin.toml'));
    assert.ok(has(scopesOf(t, 'Docker', 6), 'string.quoted.double.basic.toml'));
    assert.ok(has(scopesOf(t, 'params', 7), 'entity.name.section.table.toml'));
    assert.ok(has(scopesOf(t, 'author.name', 8), 'support.type.property-name.toml'));
    assert.ok(has(scopesOf(t, '#', 8), 'comment.line.number-sign.toml'));
  });

  it('only opens at the very first line', async () => {
    const t = await tokenize('text.html.markdown', 'Intro\n+++\ntitle = "x"\n+++\n');
    assert.deepEqual(textsWithScope(t, 'support.type.property-name.toml'), []);
  });

  it('embeds a bare JSON object at the start, but not a shortcode that starts the file', async () => {
    const json = await tokenize('text.html.markdown', '{\n  "title": "JSON front matter",\n  "weight": 3\n}\n\nBody');
    assert.ok(has(scopesOf(json, '"title"', 1), 'meta.embedded.block.json.frontmatter'));
    assert.ok(has(scopesOf(json, '"title"', 1), 'support.type.property-name.json'));
    assert.deepEqual(scopesOf(json, 'Body', 5), ['text.html.markdown']);
    const shortcode = await tokenize('text.html.markdown', '{{< figure src="a.png" >}}\n');
    assert.ok(has(scopesOf(shortcode, 'figure', 0), 'entity.name.tag.shortcode.hugo'));
    assert.deepEqual(textsWithScope(shortcode, 'meta.embedded.block.json'), []);
  });
});
