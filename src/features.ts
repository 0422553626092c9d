import * as vscode from 'vscode';
import { register as registerAssist } from './assist';
import type { FileSystem } from './core/fs';
import { VERSION } from './core/version';
import { register as registerDiagnostics } from './diagnostics';
import { register as registerPreview } from './preview';
import type { RendererBundle } from './preview/renderService';
import { register as registerSnippets } from './snippets';
import { register as registerTags, type PostIndexService, type TagsApi } from './tags';
import { ShownDocuments } from './util/shownDocuments';
import { register as registerWelcome } from './welcome';

/** What differs between the desktop entry (src/extension.ts) and the web one (src/web/extension.ts). */
export interface EntryPlatform {
  /** How the features read workspace files. */
  fs: FileSystem;
  /** The live post index the features share; creating it reads nothing (it scans on first use). */
  posts: PostIndexService;
  /** The preview's renderer when the entry bundles it; else the preview loads dist/renderer.js. */
  rendererBundle?: () => RendererBundle;
  /** Where this entry runs, shown by Show Version (the web entry names its host). */
  hostDescription?: string;
}

/** What `activate` returns (tests reach the features through it). */
export interface ExtensionApi {
  activatedInMs: number;
  posts: PostIndexService;
  tags: TagsApi;
}

/** Wires the features together; each feature lives in its own folder with a `register` function. */
export function registerFeatures(context: vscode.ExtensionContext, platform: EntryPlatform, started: number): ExtensionApi {
  const { posts } = platform;
  // One tracker of the documents shown in editors, for the live checks of diagnostics and assist.
  const shown = new ShownDocuments();
  const deps = { posts, fs: platform.fs, rendererBundle: platform.rendererBundle, shown };
  context.subscriptions.push(posts, shown);
  const tags = registerTags(context, deps);
  context.subscriptions.push(tags);
  context.subscriptions.push(
    vscode.commands.registerCommand('devopsNotes.showVersion', () => {
      void vscode.window.showInformationMessage(`DevOps Notes ${VERSION}${platform.hostDescription ? ` (${platform.hostDescription})` : ''}`);
      return VERSION;
    }),
  );
  context.subscriptions.push(registerSnippets(context, deps));
  context.subscriptions.push(registerPreview(context, deps));
  context.subscriptions.push(registerDiagnostics(context, deps));
  context.subscriptions.push(registerWelcome());
  context.subscriptions.push(registerAssist(context, deps));
  return { activatedInMs: performance.now() - started, posts, tags: tags.api };
}
