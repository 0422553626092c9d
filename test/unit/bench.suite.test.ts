import * as assert from 'node:assert/strict';
import { checkEnvironment, fastestPerRound, pairedRatio } from '../../bench/suite';

describe('bench suite', () => {
  it('runs the check without the variables that only slow node start-up, and says which were set', () => {
    const machine = { PATH: '/bin', NODE_EXTRA_CA_CERTS: '/certs.pem', LANG: 'C' };
    const { env, removed } = checkEnvironment(machine);
    assert.deepEqual(env, { PATH: '/bin', LANG: 'C' });
    assert.deepEqual(removed, ['NODE_EXTRA_CA_CERTS']);
    // The bench's own environment is left as it was (the as-is runs use it).
    assert.equal(machine.NODE_EXTRA_CA_CERTS, '/certs.pem');
  });

  it('removes nothing from an environment without them', () => {
    const { env, removed } = checkEnvironment({ PATH: '/bin' });
    assert.deepEqual(env, { PATH: '/bin' });
    assert.deepEqual(removed, []);
  });

  it('pairs rounds for ratios, so a slow round slows both sides of its ratio', () => {
    // The second round ran on a machine three times slower: the ratio of medians would be 2.2.
    assert.equal(pairedRatio([200, 600, 220], [100, 300, 100]), 2);
  });

  it('takes the fastest variant of each round as that round\'s floor, and says which won', () => {
    const r = fastestPerRound({ sync: [100, 90, 300], async: [300, 280, 310], threads: [120, 80, 250] });
    assert.deepEqual(r.ms, [100, 80, 250]);
    assert.deepEqual(r.winners, ['sync', 'threads', 'threads']);
    assert.deepEqual(r.wins, { sync: 1, async: 0, threads: 2 });
  });
});
