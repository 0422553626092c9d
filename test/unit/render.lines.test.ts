import * as assert from 'node:assert/strict';
import { dataLines, render } from './renderHelpers';

/**
 * Scroll sync depends on `data-line` being the document line (front matter included) where
 * each block starts. These tests compare every `data-line` with the source line it names.
 */
const POST = [
  '---', //                        0
  'title: Lines', //               1
  'tags: [a]', //                  2
  '---', //                        3
  '', //                           4
  '## Heading', //                 5
  '', //                           6
  'A paragraph', //                7
  'over two lines.', //            8
  '', //                           9
  '- item one', //                 10
  '- item two', //                 11
  '', //                           12
  '```bash', //                    13
  'echo hi', //                    14
  '```', //                        15
  '', //                           16
  '> quoted', //                   17
  '', //                           18
  '{{< figure src="a.png" >}}', // 19
  '', //                           20
  '{{% note %}}', //               21
  'Inside the note.', //           22
  '{{% /note %}}', //              23
  '', //                           24
  '| a | b |', //                  25
  '|---|---|', //                  26
  '| 1 | 2 |', //                  27
  '', //                           28
  '---', //                        29
  '', //                           30
  '1. first', //                   31
].join('\n');

describe('renderer: data-line for scroll sync', () => {
  it('puts the document line of each block on its element', () => {
    const lines = dataLines(render(POST));
    const want: [string, number][] = [
      ['header', 0],
      ['h2', 5],
      ['p', 7],
      ['ul', 10],
      ['li', 10],
      ['li', 11],
      ['div', 13],
      ['blockquote', 17],
      ['p', 17],
      ['figure', 19],
      ['div', 21],
      ['p', 22],
      ['table', 25],
      ['thead', 25],
      ['tr', 25],
      ['tbody', 27],
      ['tr', 27],
      ['hr', 29],
      ['ol', 31],
      ['li', 31],
    ];
    assert.deepEqual(lines.map((l) => [l.tag, l.line]), want);
    const source = POST.split('\n');
    for (const { tag, line } of lines) assert.ok(source[line].trim() !== '', `${tag} at line ${line} points at a blank line`);
  });

  it('counts CRLF line endings and leading blank lines the way the editor does', () => {
    const crlf = POST.replace(/\n/g, '\r\n');
    assert.deepEqual(dataLines(render(crlf)), dataLines(render(POST)));
    const shifted = dataLines(render(`\n\n${POST}`));
    assert.equal(shifted.find((l) => l.tag === 'h2')?.line, 7);
    assert.equal(shifted[0].tag, 'header');
    assert.equal(shifted[0].line, 2);
  });

  it('numbers lines from 0 when there is no front matter, and after TOML and JSON blocks', () => {
    assert.deepEqual(dataLines(render('# a\n\ntext\n')), [
      { tag: 'h1', line: 0 },
      { tag: 'p', line: 2 },
    ]);
    assert.equal(dataLines(render('+++\ntitle = "t"\n+++\n\n# a\n')).find((l) => l.tag === 'h1')?.line, 4);
    assert.equal(dataLines(render('{\n"title": "t"\n}\n\n# a\n')).find((l) => l.tag === 'h1')?.line, 4);
  });
});
