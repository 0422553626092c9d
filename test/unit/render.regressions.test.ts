import * as assert from 'node:assert/strict';
import { PostRenderer } from '../../src/core/render';

// Found by the renderer properties (test/properties/render.props.ts).
describe('renderer regressions found by fuzzing', () => {
  it('keeps a ref to a post whose file name looks like a scheme a relative link', () => {
    const renderer = new PostRenderer();
    const post = renderer.prepare('---\ntitle: t\n---\n{{< ref "evil" >}} and [text]({{< relref "evil" >}})\n');
    const refs = new Map([['evil', { found: true, href: 'javascript:alert(1).md', title: 'Evil' }]]);
    const html = renderer.render(post, { images: new Map(), refs }, { terminalAllowed: false }).html;
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, ['./javascript:alert(1).md', './javascript:alert(1).md']);
  });
});
