import * as vscode from 'vscode';
import { listingFileExists, MAX_POST_BYTES, type FileSystem } from '../core/fs';
import { documentLength } from '../workspace/documentText';
import { forEachLimited } from '../core/index';
import { LineIndex } from '../core/text/lineIndex';
import { checkPost, decodePost, SpellingPass, unreadableProblems, type Severity } from '../core/validate';
import { toVscodeDiagnostic } from './convert';
import { readPostContent, toRange, type FrontMatterDiagnosticsManager } from './manager';
import type { TermIndexSource } from './termSpellings';

/** What "Check All Posts" found (also its command result, for scripts and tests). */
export interface CheckAllSummary {
  files: number;
  checked: number;
  errors: number;
  warnings: number;
  infos: number;
  cancelled: boolean;
}

/** Reads in flight at once: keeps the disk busy without crowding the extension host. */
const READ_CONCURRENCY = 16;
const EXCLUDE = '{**/node_modules/**,**/public/**,**/resources/**,**/.git/**}';

/**
 * Checks every post of the workspace and fills Problems, with progress and cancellation. Posts
 * come from the live index when there is one (else every Markdown file outside Hugo's output);
 * open documents are checked as they are in the editor, the rest as they are on disk.
 */
export async function checkAllPosts(manager: FrontMatterDiagnosticsManager, index: TermIndexSource | undefined): Promise<CheckAllSummary> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'DevOps Notes: checking posts', cancellable: true },
    async (progress, token) => {
      const uris = await postUris(index);
      const summary: CheckAllSummary = { files: uris.length, checked: 0, errors: 0, warnings: 0, infos: 0, cancelled: false };
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      const exists = folderListings(manager.fs);
      const spellings = new SpellingPass<{ diagnostics: vscode.Diagnostic[]; severity: Exclude<Severity, 'off'>; range: vscode.Range }>();
      const results = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
      let lastReport = 0;

      await forEachLimited(uris, READ_CONCURRENCY, async (uri) => {
        if (token.isCancellationRequested) return;
        const doc = open.get(uri.toString());
        const diagnostics: vscode.Diagnostic[] = [];
        results.set(uri.toString(), { uri, diagnostics });
        // An open post too big to check is left to the live check, which reports it without copying its text.
        const content = doc ? (documentLength(doc) > MAX_POST_BYTES ? undefined : { text: doc.getText() }) : await readPostContent(manager.fs, uri);
        summary.checked++;
        const done = summary.checked;
        if (done - lastReport >= 50 || done === uris.length) {
          progress.report({ message: `${done} of ${uris.length}`, increment: ((done - lastReport) / Math.max(1, uris.length)) * 100 });
          lastReport = done;
        }
        if (content === undefined) return;
        const site = await manager.sites.forDocument(uri);
        if (site.notAPage) {
          // Not checked; but what is wrong with its bytes is said, as for every post file.
          const notes: string[] = [];
          decodePost(content, (m) => notes.push(m));
          for (const d of unreadableProblems(notes, site.config)) diagnostics.push(toVscodeDiagnostic(d, () => new vscode.Range(0, 0, 0, 0)));
          return;
        }
        const checked = await checkPost(content, { config: site.config, filePath: site.filePath, siteRoot: site.siteRoot, fileExists: exists });
        const lines = new LineIndex(checked.text);
        const rangeOf = (s: number, e: number) => toRange(lines, s, e);
        for (const d of checked.problems) diagnostics.push(toVscodeDiagnostic(d, rangeOf));
        const severity = site.config.severities['fm/tag-spelling'];
        spellings.addPost(checked.terms, severity !== 'off', (t) => ({
          diagnostics,
          severity: severity === 'off' ? 'warning' : severity,
          range: rangeOf(t.node.start, t.node.end),
        }));
      });
      summary.cancelled = token.isCancellationRequested;

      // Spellings are judged against the whole workspace: the live index when it is ready, else this run's count.
      manager.spellings.rememberCheck(spellings.provider());
      for (const { ref, message } of spellings.problems(manager.spellings.current())) {
        ref.diagnostics.push(toVscodeDiagnostic({ code: 'fm/tag-spelling', severity: ref.severity, message, start: 0, end: 0, fixes: [] }, () => ref.range));
      }

      for (const { uri, diagnostics } of results.values()) {
        const doc = open.get(uri.toString());
        manager.checkedOnDisk.add(uri.toString());
        if (doc) {
          // Open documents get the live check, which also records what quick fixes need.
          await manager.check(doc);
          tally(summary, manager.collection.get(uri) ?? []);
        } else {
          manager.collection.set(uri, diagnostics);
          tally(summary, diagnostics);
        }
      }
      return summary;
    },
  );
}

async function postUris(index: TermIndexSource | undefined): Promise<readonly vscode.Uri[]> {
  if (index) {
    await index.ready();
    // Files the index skipped (binary, unreadable) are posts by their name: report them, as the CLI does.
    return [...index.posts(), ...(index.skippedPosts?.() ?? [])];
  }
  return vscode.workspace.findFiles('**/*.{md,markdown}', EXCLUDE);
}

/** One directory listing per folder for the whole run (images share static/ folders). */
function folderListings(fs: FileSystem): (path: string) => Promise<boolean> {
  return listingFileExists((dir) => fs.readDirectory(dir).then((entries): ReadonlySet<string> => new Set(entries.filter((e) => !e.isDirectory).map((e) => e.name))));
}

function tally(summary: CheckAllSummary, diagnostics: readonly vscode.Diagnostic[]): void {
  for (const d of diagnostics) {
    if (d.severity === vscode.DiagnosticSeverity.Error) summary.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) summary.warnings++;
    else summary.infos++;
  }
}
