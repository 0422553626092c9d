/**
 * Properties of the linear-time engine for workspace regular expressions (src/core/text/linearRegex.ts):
 * patterns known to backtrack catastrophically in a backtracking engine, on long inputs, always
 * finish (mocha's timeout is the hang guard; no time is measured), and on patterns both engines
 * accept, the answers agree with JavaScript's own RegExp on short inputs where it is still quick.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileLinearRegex } from '../../src/core/text/linearRegex';
import type { NamedProperty } from './runner';

/** Classic ReDoS shapes (nested and overlapping quantifiers, overlapping alternations). */
export const CATASTROPHIC_PATTERNS = [
  '^(a+)+$',
  '^(a*)*$',
  '^(a|a)*$',
  '^(a|aa)+$',
  '^(.*a){12}$',
  '^(a?){30}a{30}$',
  '^([a-zA-Z]+)*$',
  '^(\\w+\\s?)*$',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '(x+x+)+y',
  '^(\\d+)*[a-z]$',
  '^([a-z0-9]+([._-][a-z0-9]+)*)+@',
];

/** Inputs that make those patterns backtrack: long runs of what they repeat, then a mismatch. */
const hostileInput = fc
  .tuple(fc.constantFrom('a', 'x', '1', 'ab', 'a ', 'a.'), fc.integer({ min: 30, max: 5000 }), fc.constantFrom('!', '', 'Z', '\n', '_', '@'))
  .map(([unit, n, tail]) => unit.repeat(n) + tail);

/** A small pattern grammar whose meaning is the same in RE2 and in JavaScript (no backreferences, lookaround or classes that differ). */
const atom: fc.Arbitrary<string> = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\d', 'x');
const pattern: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
  re: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('re'), tie('re')).map(([x, y]) => x + y),
    fc.tuple(tie('re'), tie('re')).map(([x, y]) => `(?:${x}|${y})`),
    fc.tuple(tie('re'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}')).map(([x, q]) => `(${x})${q}`),
  ),
})).re.map((re) => re);
const anchored = fc.tuple(fc.boolean(), pattern, fc.boolean()).map(([s, re, e]) => `${s ? '^' : ''}${re}${e ? '$' : ''}`);

export function regexProperties(): NamedProperty[] {
  return [
    {
      name: 'known catastrophic patterns finish on long hostile inputs, with the answer a plain scan gives',
      cost: 2,
      property: fc.property(fc.constantFrom(...CATASTROPHIC_PATTERNS), hostileInput, (source, input) => {
        const re = compileLinearRegex(source);
        assert.ok(re.ok, source);
        const matched = re.test(input);
        // These inputs end in a mismatch for the anchored repeat patterns: none of them matches all-`a` then `!`.
        if (/^a+!$/.test(input) && source.startsWith('^(a')) assert.equal(matched, false, `${source} on ${input.length} chars`);
        return true;
      }),
    },
    {
      name: 'on patterns both engines accept, the answer equals JavaScript RegExp on short inputs',
      property: fc.property(anchored, fc.string({ unit: fc.constantFrom('a', 'b', 'x', '1', ' '), maxLength: 12 }), (source, input) => {
        const re = compileLinearRegex(source);
        assert.ok(re.ok, `${source}: ${re.ok ? '' : re.message}`);
        assert.equal(re.test(input), new RegExp(source, 'u').test(input), `${source} on ${JSON.stringify(input)}`);
        return true;
      }),
    },
  ];
}
