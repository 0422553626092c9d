import * as assert from 'node:assert/strict';
import { BurstDebouncer, type DebounceClock } from '../../src/util/burstDebouncer';

/** A clock that moves only when the test says so, firing due timers in order. */
class FakeClock implements DebounceClock {
  time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}

describe('BurstDebouncer (diagnostics scheduling)', () => {
  let clock: FakeClock;
  let debouncer: BurstDebouncer;
  let runs: { key: string; at: number }[];
  const request = (key = 'a') => debouncer.request(key, () => runs.push({ key, at: clock.time }));

  beforeEach(() => {
    clock = new FakeClock();
    debouncer = new BurstDebouncer(300, clock);
    runs = [];
  });

  it('runs the first request after a pause at once, without waiting for a timer', () => {
    clock.advance(5000);
    request();
    assert.deepEqual(runs, [{ key: 'a', at: 5000 }]);
  });

  it('runs a burst once more, 300 ms after its last request', () => {
    request(); // t=0: leading edge
    for (let t = 0; t < 5; t++) {
      clock.advance(100);
      request();
    }
    assert.equal(runs.length, 1, 'nothing more while the keys keep coming');
    clock.advance(299);
    assert.equal(runs.length, 1, 'not before 300 ms of quiet');
    clock.advance(1);
    assert.deepEqual(runs, [
      { key: 'a', at: 0 },
      { key: 'a', at: 800 },
    ]);
    clock.advance(5000);
    assert.equal(runs.length, 2, 'no run without a request');
    assert.equal(clock.pending, 0, 'no timer left behind');
  });

  it('a single request runs once (no trailing run repeats it)', () => {
    request();
    clock.advance(1000);
    assert.equal(runs.length, 1);
  });

  it('a request after 300 ms of quiet is a leading edge again; 299 ms is still the burst', () => {
    request();
    clock.advance(300);
    request();
    assert.deepEqual(
      runs.map((r) => r.at),
      [0, 300],
    );
    clock.advance(299);
    request();
    assert.equal(runs.length, 2, 'within the window: waits');
    clock.advance(300);
    assert.deepEqual(
      runs.map((r) => r.at),
      [0, 300, 899],
    );
    // Right after a trailing run, the user has paused 300 ms already: the next key is answered at once.
    clock.advance(10);
    request();
    assert.deepEqual(
      runs.map((r) => r.at),
      [0, 300, 899, 909],
    );
  });

  it('keeps keys apart: one document’s burst does not delay another', () => {
    request('a');
    clock.advance(50);
    request('a');
    request('b');
    assert.deepEqual(runs, [
      { key: 'a', at: 0 },
      { key: 'b', at: 50 },
    ]);
    clock.advance(300);
    assert.deepEqual(runs.at(-1), { key: 'a', at: 350 });
    assert.equal(runs.length, 3);
  });

  it('cancel drops a waiting trailing run', () => {
    request();
    clock.advance(10);
    request();
    debouncer.cancel('a');
    clock.advance(1000);
    assert.equal(runs.length, 1);
    assert.equal(clock.pending, 0);
  });
});
