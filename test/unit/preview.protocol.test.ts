import * as assert from 'node:assert/strict';
import { parseFromWebview, parsePreviewState } from '../../src/preview/protocol';

describe('preview message protocol', () => {
  it('accepts the messages the webview sends', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'revealLine', line: 12.7 }), { type: 'revealLine', line: 12 });
    assert.deepEqual(parseFromWebview({ type: 'openLink', href: 'https://example.com', kind: 'external' }), { type: 'openLink', href: 'https://example.com', kind: 'external' });
    assert.deepEqual(parseFromWebview({ type: 'sendToTerminal', text: 'docker ps' }), { type: 'sendToTerminal', text: 'docker ps' });
    assert.deepEqual(parseFromWebview({ type: 'revealTerm', taxonomy: 'tags', term: 'docker' }), { type: 'revealTerm', taxonomy: 'tags', term: 'docker' });
    assert.deepEqual(parseFromWebview({ type: 'rendered', version: 3, headings: ['A', 7], textLength: 10, images: 1, codeBlocks: 2, alerts: ['Line 2: x', {}] }), {
      type: 'rendered',
      version: 3,
      headings: ['A'],
      textLength: 10,
      images: 1,
      codeBlocks: 2,
      alerts: ['Line 2: x'],
    });
  });

  it('refuses malformed or unknown messages before the extension acts on them', () => {
    for (const bad of [
      null,
      'ready',
      { type: 'eval', code: 'x' },
      { type: 'openLink', href: 'https://x', kind: 'command' },
      { type: 'openLink', href: 42, kind: 'external' },
      { type: 'sendToTerminal', text: 'x'.repeat(2 * 1024 * 1024) },
      { type: 'revealLine', line: -1 },
      { type: 'revealLine', line: Number.NaN },
      { type: 'revealTerm', taxonomy: 'series', term: 'x' },
      { type: 'rendered', version: 'one', headings: [] },
    ]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });

  it('reads back the state a panel saved for the serializer', () => {
    assert.deepEqual(parsePreviewState({ documentUri: 'file:///w/a.md', locked: true, line: 4 }), { documentUri: 'file:///w/a.md', locked: true, line: 4 });
    assert.deepEqual(parsePreviewState({ documentUri: 'file:///w/a.md' }), { documentUri: 'file:///w/a.md', locked: false, line: undefined });
    assert.equal(parsePreviewState({ locked: true }), undefined);
    assert.equal(parsePreviewState(undefined), undefined);
  });
});
