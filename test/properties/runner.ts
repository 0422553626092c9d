/**
 * Runs named fast-check properties with a chosen number of cases. The unit tier runs each with a
 * few hundred cases; `npm run fuzz` runs the same properties with many more.
 */
import fc from 'fast-check';

export interface NamedProperty {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- fast-check's property types vary by arity
  property: fc.IRawProperty<any, boolean>;
  /** Cost relative to a parser case; slow properties run `1 / cost` as many cases. */
  cost?: number;
}

/** Cases for a property given the budget per property. */
export function runsFor(p: NamedProperty, budget: number): number {
  return Math.max(1, Math.round(budget / (p.cost ?? 1)));
}

/** Runs one property; resolves with how many cases ran and the failure, if any. */
export async function checkProperty(p: NamedProperty, numRuns: number, seed?: number): Promise<{ numRuns: number; failure?: string }> {
  const details = await fc.check(p.property, { numRuns, seed, endOnFailure: false });
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const report = fc.defaultReportMessage(details) ?? `failed after ${details.numRuns} cases`;
    return { numRuns: details.numRuns, failure: `${report}\n${error}` };
  }
  return { numRuns: details.numRuns };
}

/** Registers each property as a mocha test running `budget` cases (scaled by its cost). */
export function describeProperties(title: string, properties: () => NamedProperty[], budget: number): void {
  describe(title, () => {
    for (const p of properties()) {
      it(p.name, async () => {
        const result = await checkProperty(p, runsFor(p, budget));
        if (result.failure) throw new Error(result.failure);
      });
    }
  });
}

/** Cases per property in the unit tier; override with DEVOPS_NOTES_PROP_RUNS. */
export const QUICK_RUNS = Number(process.env.DEVOPS_NOTES_PROP_RUNS) || 100;
