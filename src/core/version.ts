/** The extension and CLI version; scripts/build.mjs injects package.json's version. */
declare const __DEVOPS_NOTES_VERSION__: string | undefined;
export const VERSION: string = typeof __DEVOPS_NOTES_VERSION__ === 'string' ? __DEVOPS_NOTES_VERSION__ : '0.0.0-dev';
