import type { BuildOptions } from 'esbuild';

/** See web-entry.mjs. */
export declare const webEntryOptions: BuildOptions;
