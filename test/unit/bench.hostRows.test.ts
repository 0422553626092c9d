import * as assert from 'node:assert/strict';
import type { HostBenchOptions, WindowResult } from '../../bench/host/hostBench.mjs';
import { HOST_ROW_IDS, hostRows, hostSelection } from '../../bench/host/rows';

const term: HostBenchOptions['term'] = {
  display: 'ArgoCD',
  newName: 'ArgoCD-renamed',
  posts: ['a.md', 'b.md'],
  skipped: [{ path: 'c.md', reason: 'broken' }],
  regex: 'argocd',
  exclude: ['c.md'],
  occurrences: 2,
};

/** A round's two windows with the given figures (ours first, then the window without the extension). */
function round(r: number, ours: Partial<WindowResult>, base: Partial<WindowResult>): WindowResult[] {
  const blank = (kind: 'ours' | 'baseline'): WindowResult => ({ kind, round: r, loadAverage: [1, 1, 1], errors: {}, extensionErrors: [], stepSeconds: {} });
  return [
    { ...blank('ours'), ...ours },
    { ...blank('baseline'), ...base },
  ];
}

function rowOf(windows: WindowResult[], id: string, smoke = false) {
  const row = hostRows(windows, { smoke, retainedMB: 10, term }).find((r) => r.id === id);
  assert.ok(row, `row ${id}`);
  return row;
}

describe('host bench rows', () => {
  it('pairs each round with its own baseline window and takes the median of the rounds’ ratios', () => {
    // Round 2 is slow for both: a ratio of medians would read 0.75×, each round says 0.5×.
    const windows = [
      ...round(1, { rename: { planMs: 300, applyMs: 10, question: '', savedMs: 0 } }, { rename: { planMs: 20, applyMs: 20, question: '', savedMs: 0 } }),
      ...round(2, { rename: { planMs: 900, applyMs: 30, question: '', savedMs: 0 } }, { rename: { planMs: 20, applyMs: 60, question: '', savedMs: 0 } }),
      ...round(3, { rename: { planMs: 500, applyMs: 15, question: '', savedMs: 0 } }, { rename: { planMs: 20, applyMs: 30, question: '', savedMs: 0 } }),
    ];
    const h3 = rowOf(windows, 'H3');
    assert.equal(h3.ratio, '0.50×');
    assert.equal(h3.verdict, 'MET');
    const h2 = rowOf(windows, 'H2');
    assert.equal(h2.ours, '500 ms');
    assert.equal(h2.verdict, 'MET');
    assert.match(h2.what, /3 posts/, 'the tag’s posts include the one the rename leaves alone');
  });

  it('misses a target by its own rule: differences for the squiggle, growth for memory', () => {
    const windows = [
      ...round(1, { squiggle: { samples: [130, 140, 150] }, memory: { afterIndexMB: 150, afterRefreshesMB: 160, pid: 1, palette: [{ ms: 90 }] } }, { squiggle: { samples: [80] }, memory: { afterIndexMB: 125, pid: 2, palette: [{ ms: 60 }] } }),
    ];
    const h5 = rowOf(windows, 'H5');
    assert.equal(h5.verdict, 'NOT MET', '140 ms against 80 ms is over JSON + 50 ms');
    const h6a = rowOf(windows, 'H6a');
    assert.equal(h6a.verdict, 'NOT MET', '+25 MB over no extension is more than 2× a 10 MB index');
    const h6b = rowOf(windows, 'H6b');
    assert.equal(h6b.verdict, 'MET', '160 MB after refreshing is within 10% of 150 MB');
    assert.equal(rowOf(windows, 'H7').verdict, 'MET', '90 ms against 60 ms is within 50 ms');
  });

  it('reports a step that failed in every window as an error, with the reason', () => {
    const windows = round(1, { errors: { rename: 'timed out' } }, {});
    const h2 = rowOf(windows, 'H2');
    assert.equal(h2.verdict, 'ERROR');
    assert.match(h2.note ?? '', /round 1 ours: timed out/);
  });

  it('judges the undo in a smoke run too, and only when every byte came back', () => {
    const undo = (differing: number) => ({ planMs: 1, applyMs: 1, question: '', savedMs: 1, filesChanged: 2, expectedFiles: 2, filesHashed: 9, differingAfterUndo: differing, undoMs: 5 });
    assert.equal(rowOf(round(1, { rename: undo(0) }, {}), 'H3u', true).verdict, 'MET');
    assert.equal(rowOf(round(1, { rename: undo(1) }, {}), 'H3u', true).verdict, 'NOT MET');
    assert.equal(rowOf(round(1, { rename: undo(0) }, { rename: undo(0) }), 'H2', true).verdict, 'smoke');
    assert.equal(rowOf(round(1, { rename: undo(0) }, {}), 'H2', true).verdict, 'ERROR', 'no baseline window gave a figure');
  });

  describe('--only', () => {
    it('runs every step without the option', () => {
      assert.equal(hostSelection(undefined), undefined);
    });

    it('maps rows to the steps they need, in the table’s order, in any case', () => {
      assert.deepEqual(hostSelection('h7,H5'), { rows: ['H5', 'H7'], steps: ['memory', 'preview', 'squiggle'] });
      assert.deepEqual(hostSelection('H1b'), { rows: ['H1b'], steps: ['benchIndex'] });
      // The retained index (a bench run of its own) only for the row that compares with it.
      assert.deepEqual(hostSelection('H6b')?.steps, ['memory']);
      assert.deepEqual(hostSelection('H6a')?.steps, ['retained', 'memory']);
      assert.deepEqual(hostSelection(HOST_ROW_IDS.join(','))?.steps, ['benchIndex', 'retained', 'memory', 'rename', 'preview', 'squiggle']);
    });

    it('refuses a row the bench does not print, or none', () => {
      assert.throws(() => hostSelection('H5,H8'), /no row "H8"/);
      assert.throws(() => hostSelection(' , '), /needs row ids/);
    });

    it('every row the bench prints can be asked for', () => {
      const windows = round(1, {}, {});
      assert.deepEqual(hostRows(windows, { smoke: true, retainedMB: 10, term }).map((r) => r.id), [...HOST_ROW_IDS]);
    });
  });
});
