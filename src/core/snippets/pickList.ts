import { PREFIX_FAMILIES, type CatalogSnippet, type SnippetLanguage } from './catalog';
import type { HarvestedSnippet } from './harvest';
import { applicableLanguages, type InsertionContext } from './insertion';

/** One entry of the "Insert DevOps Command…" list, catalog or harvested alike. */
export interface PickEntry {
  id: string;
  label: string;
  description?: string;
  detail?: string;
  language: SnippetLanguage;
  /** Snippet syntax to insert. */
  body: string;
  /** For a block from the user's notes: the note and the fence's zero-based line. */
  source?: { path: string; line: number };
}

export interface PickGroup {
  label: string;
  entries: PickEntry[];
}

export const NOTES_GROUP_LABEL = 'From your notes';

/**
 * The list grouped by topic, in prefix-family order, with the blocks harvested from the user's
 * notes as the last group. Only snippets that fit the cursor's context are listed.
 */
export function buildPickGroups(catalog: readonly CatalogSnippet[], notes: readonly HarvestedSnippet[], ctx: InsertionContext): PickGroup[] {
  const languages = applicableLanguages(ctx);
  const fits = (language: SnippetLanguage) => !languages || languages.includes(language);
  const groups: PickGroup[] = [];
  for (const family of PREFIX_FAMILIES) {
    const entries = catalog
      .filter((s) => s.family === family.prefix && fits(s.language))
      .map((s): PickEntry => ({ id: s.id, label: s.name, description: s.prefix, detail: s.description, language: s.language, body: s.body }));
    if (entries.length) groups.push({ label: family.topic, entries });
  }
  const fromNotes = notes.filter((n) => fits(n.language)).map(noteEntry);
  if (fromNotes.length) groups.push({ label: NOTES_GROUP_LABEL, entries: fromNotes });
  return groups;
}

function noteEntry(n: HarvestedSnippet): PickEntry {
  const first = n.sources[0];
  const where = first.heading ? `${first.title} › ${first.heading}` : first.title;
  const lines = n.text.split('\n').length;
  const more = n.sources.length > 1 ? ` · in ${n.sources.length} places` : '';
  return {
    id: n.id,
    label: n.label,
    description: where,
    detail: `${lines === 1 ? '1 line' : `${lines} lines`}${more}`,
    language: n.language,
    body: n.snippet,
    source: { path: first.path, line: first.line },
  };
}
