/** See web-suite.mjs (the parts the unit tests use). */
export declare const RESULTS_MARKER: string;
export declare function resultsFromLines(lines: readonly string[]): unknown;
