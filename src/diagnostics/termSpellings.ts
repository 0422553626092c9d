import type * as vscode from 'vscode';
import type { TermSpelling, TermSpellingProvider } from '../core/validate';

/**
 * The part of the live post index (src/tags PostIndexService) that spelling checks read: the
 * posts carrying each term and the spellings they use. Structural, so this feature does not
 * depend on the tag feature's classes.
 */
export interface TermIndexSource {
  readonly isReady: boolean;
  readonly index: { term(taxonomy: string, spellingOrKey: string): { readonly spellings: ReadonlyMap<string, number> } | undefined };
  ready(): Promise<void>;
  posts(): readonly vscode.Uri[];
  /** Files named like posts that the index could not read (binary, unreadable). */
  skippedPosts?(): readonly vscode.Uri[];
  readonly onDidChangePosts: vscode.Event<unknown>;
}

/**
 * `fm/tag-spelling`'s view of the workspace, from the live index once it has scanned (the index
 * already counts the open document's unsaved terms). Before that, the spellings the last
 * "Check All Posts" counted; with neither, the rule stays quiet.
 */
export class WorkspaceTermSpellings {
  private fromLastCheck: TermSpellingProvider | undefined;

  constructor(private readonly index: TermIndexSource | undefined) {}

  /** Keeps the spellings counted by a whole-workspace check, for when the index is not ready. */
  rememberCheck(provider: TermSpellingProvider): void {
    this.fromLastCheck = provider;
  }

  /** The provider to validate with now, or undefined when nothing is known yet. */
  current(): TermSpellingProvider | undefined {
    const index = this.index;
    if (index?.isReady) {
      return (taxonomy, key): TermSpelling[] => {
        const term = index.index.term(taxonomy, key);
        return term ? [...term.spellings].map(([spelling, count]) => ({ spelling, count })) : [];
      };
    }
    return this.fromLastCheck;
  }
}
