import * as assert from 'node:assert/strict';
import { PostRenderer } from '../../src/core/render';
import { render, textOf } from './renderHelpers';

const NO_RESOURCES = { images: new Map(), refs: new Map() };

describe('preview of empty, problem and huge posts', () => {
  it('shows a card for an empty post, saying what Hugo does with it', () => {
    for (const text of ['', '\n', '  \n\n']) {
      const html = render(text);
      assert.match(html, /^<header class="dn-card dn-card-bare" data-line="0">/);
      assert.match(textOf(html), /No front matter/);
      assert.match(textOf(html), /This post is empty\. Hugo still builds a page for it, with no title, no date and no content\./);
    }
    // A plain note without front matter and without problems still gets no card.
    assert.doesNotMatch(render('# Note\n'), /dn-card/);
  });

  it('lists the problems it is given (the Problems entries) instead of the parser errors, escaped', () => {
    const text = '---\ntitle: a\ntitle: b\ndate: 2024-01-01\ndate: 2024-01-02\n---\nbody\n';
    assert.doesNotMatch(render(text), /dn-card-errors/, 'duplicate keys are no parse error');
    const html = render(text, {
      problems: [
        { line: 2, severity: 'error', message: 'Duplicate key "title" <b>', code: 'fm/duplicate-key' },
        { line: 4, severity: 'warning', message: 'Duplicate key "date"', code: 'fm/duplicate-key' },
      ],
    });
    assert.match(html, /<div class="dn-card-errors" role="alert"><strong>Front matter problems<\/strong><ul><li class="dn-problem dn-problem-error">Line 3: Duplicate key &quot;title&quot; &lt;b&gt; <span class="dn-problem-code">fm\/duplicate-key<\/span><\/li><li class="dn-problem dn-problem-warning">Line 5: /);
    // Given an empty list (no Problems entries), the card lists nothing, even for a parse error.
    assert.doesNotMatch(render('---\ntitle: [unclosed\n---\n', { problems: [] }), /dn-card-errors/);
    // Problems of a post without front matter (an unreadable file) get a card too.
    assert.match(textOf(render('text\n', { problems: [{ line: 0, severity: 'warning', message: 'Not valid UTF-8' }] })), /No front matter.*Line 1: Not valid UTF-8/s);
  });

  it('renders only the beginning of a huge post, says so, and keeps the card', () => {
    const renderer = new PostRenderer();
    const line = 'A line about cache mounts and **BuildKit**.\n';
    const body = line.repeat(20_000);
    const text = `---\ntitle: Huge\ntags: [docker]\n---\n${body}`;
    const prepared = renderer.prepare(text, { maxBodyLength: 10_000 });
    const html = renderer.render(prepared, NO_RESOURCES, { terminalAllowed: false }).html;
    assert.match(html, /<h1 class="dn-card-title">Huge<\/h1>/);
    assert.ok(prepared.partial);
    const bodyStart = text.indexOf('A line');
    const shownBody = prepared.partial.shownLength - bodyStart;
    assert.ok(shownBody <= 10_000 && shownBody > 9_900, `${shownBody} characters of body`);
    assert.equal(shownBody % line.length, 0, 'cut at a line break');
    assert.equal(prepared.partial.totalLength, text.length);
    assert.equal((html.match(/<p data-line/g) ?? []).length, 1, 'one paragraph of the shown lines');
    assert.match(textOf(html), new RegExp(`This post is too long to preview whole\\. It has ${text.length.toLocaleString('en-US')} characters; the preview shows its front matter and the first ${prepared.partial.shownLength.toLocaleString('en-US')}\\.`));
    assert.match(textOf(html), /The rest of the post \([\d,]+ characters\) is not shown\./);
  });

  it('treats a text that is only the beginning of a longer post as partial, and a short post as whole', () => {
    const renderer = new PostRenderer();
    const head = '---\ntitle: t\n---\nfirst lines\n';
    const partial = renderer.prepare(head, { maxBodyLength: 1000, totalLength: 5_000_000 });
    assert.deepEqual(partial.partial, { shownLength: head.length, totalLength: 5_000_000 });
    assert.equal(renderer.prepare(head, { maxBodyLength: 1000 }).partial, undefined);
    // A single huge line is cut at the limit, never inside a surrogate pair.
    const emoji = renderer.prepare(`---\ntitle: t\n---\n${'😀'.repeat(5000)}`, { maxBodyLength: 1001 });
    const shown = emoji.partial!.shownLength - '---\ntitle: t\n---\n'.length;
    assert.equal(shown, 1000);
  });
});
