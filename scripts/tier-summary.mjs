// How a test tier tells scripts/test-all.mjs its counts: when DEVOPS_NOTES_TIER_SUMMARY names a
// file, the tier writes { passed, failed, pending, note } there (its exit code still decides).
import { writeFileSync } from 'node:fs';

export const TIER_SUMMARY_ENV = 'DEVOPS_NOTES_TIER_SUMMARY';

export function writeTierSummary({ passed, failed, pending = 0, note = '' }) {
  const file = process.env[TIER_SUMMARY_ENV];
  if (file) writeFileSync(file, `${JSON.stringify({ passed, failed, pending, note })}\n`);
}

/** Prints the counts line every tier ends with. */
export function printCounts(tier, { passed, failed, pending = 0 }) {
  const extra = pending ? `, ${pending} pending` : '';
  console.log(`${tier}: ${passed} passed, ${failed} failed${extra}`);
}
