/** See build-web-tests.mjs. */
export declare function buildWebTests(outFile: string, options?: { grep?: string }): Promise<{ entry: string; tests: string[] }>;
