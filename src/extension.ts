import * as vscode from 'vscode';
import { register as registerAssist } from './assist';
import { VERSION } from './core/version';
import { register as registerDiagnostics } from './diagnostics';
import { register as registerPreview } from './preview';
import { register as registerSnippets } from './snippets';
import { createPostIndexService, register as registerTags, type PostIndexService, type TagsApi } from './tags';
import { register as registerWelcome } from './welcome';

/** Wires the features together; each feature lives in its own folder with a `register` function. */
export function activate(context: vscode.ExtensionContext): { activatedInMs: number; posts: PostIndexService; tags: TagsApi } {
  const started = performance.now();
  // The live post index the features share; creating it reads nothing (it scans on first use).
  const posts = createPostIndexService(context);
  const deps = { posts };
  context.subscriptions.push(posts);
  const tags = registerTags(context, deps);
  context.subscriptions.push(tags);
  context.subscriptions.push(
    vscode.commands.registerCommand('devopsNotes.showVersion', () => {
      void vscode.window.showInformationMessage(`DevOps Notes ${VERSION}`);
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

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
