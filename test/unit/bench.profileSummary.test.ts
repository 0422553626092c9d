import * as assert from 'node:assert/strict';
import { summarizeHostWindow, summarizePageWindow, type CpuProfile } from '../../bench/host/profileSummary';

/** A profile of root → (idle) | tick → check (ours) → parse (ours) | gc, with samples 1 ms apart from t = 0. */
function profile(samples: number[]): CpuProfile {
  const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 6] },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('processTicksAndRejections', 'node:internal/process/task_queues'), children: [4] },
      { id: 4, callFrame: frame('check', 'file:///ext/devops-notes/dist/extension.js'), children: [5] },
      { id: 5, callFrame: frame('parse', 'file:///ext/devops-notes/dist/extension.js') },
      { id: 6, callFrame: frame('(garbage collector)') },
    ],
    startTime: 0,
    endTime: samples.length * 1000,
    samples,
    timeDeltas: samples.map((_, i) => (i === 0 ? 0 : 1000)),
  };
}

describe('host bench profile summaries', () => {
  it('splits a window of the host’s samples into idle, the extension’s outermost frame and the rest', () => {
    // t = 0..9 ms: idle, idle, check, parse, parse, gc, idle, check, idle, idle
    const p = profile([2, 2, 4, 5, 5, 6, 2, 4, 2, 2]);
    const s = summarizeHostWindow(p, 0, 10_000, 'devops-notes');
    assert.equal(s.busyMs, 5);
    assert.equal(s.oursMs, 4, 'the GC sample has no frame of the extension');
    assert.deepEqual(s.ourEntries, [{ name: 'check extension.js:1', ms: 4 }]);
    assert.deepEqual(s.self.slice(0, 2), [
      { name: 'check extension.js:1', ms: 2 },
      { name: 'parse extension.js:1', ms: 2 },
    ]);
    // Two stretches of the extension around the GC, which is its own.
    assert.deepEqual(s.stretches, [
      { at: 2, ms: 3, ours: 'check extension.js:1' },
      { at: 5, ms: 1 },
      { at: 7, ms: 1, ours: 'check extension.js:1' },
    ]);
  });

  it('counts only the samples inside the window', () => {
    const s = summarizeHostWindow(profile([2, 2, 4, 5, 5, 6, 2, 4, 2, 2]), 6000, 10_000, 'devops-notes');
    assert.equal(s.busyMs, 1);
    assert.equal(s.stretches[0].at, 1);
  });

  it('sums a page task’s direct children by name and finds the input’s dispatch', () => {
    const main = { pid: 1, tid: 2 };
    const ev = (name: string, ts: number, dur: number, extra: object = {}) => ({ name, ph: 'X', ts, dur, pid: 1, tid: 2, ...extra });
    const events = [
      ev('RunTask', 1000, 5000),
      ev('EventDispatch', 1100, 2000, { args: { data: { type: 'keydown' } } }),
      ev('FunctionCall', 1200, 1500), // inside the dispatch: not a direct child
      ev('Layout', 3500, 1000),
      ev('RunTask', 20_000, 3000),
      ev('FunctionCall', 20_000, 3000),
      { ...ev('RunTask', 21_000, 9000), tid: 3 }, // another thread
      ev('RunTask', 90_000, 1000), // after the window
    ];
    const s = summarizePageWindow(events, main, 0, 50_000, 'keydown');
    assert.equal(s.tasks, 2);
    assert.equal(s.busyMs, 8);
    assert.equal(s.longestMs, 5);
    assert.equal(s.dispatchedMs, 1.1);
    assert.deepEqual(s.by, [
      { name: 'FunctionCall', ms: 3 },
      { name: 'EventDispatch', ms: 2 },
      { name: 'Layout', ms: 1 },
    ]);
  });
});
