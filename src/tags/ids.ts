/** The tag tree view (contributed in package.json inside the `devopsNotes` container). */
export const TAGS_VIEW_ID = 'devopsNotes.tags';

/** Commands of the tag tree and tag refactoring. */
export const TAG_COMMANDS = {
  refresh: 'devopsNotes.tags.refresh',
  sortByCount: 'devopsNotes.tags.sortByCount',
  sortByName: 'devopsNotes.tags.sortByName',
  filter: 'devopsNotes.tags.filter',
  clearFilter: 'devopsNotes.tags.clearFilter',
  openPost: 'devopsNotes.tags.openPost',
  openPreview: 'devopsNotes.tags.openPreview',
  copyPath: 'devopsNotes.tags.copyPath',
  renameTerm: 'devopsNotes.tags.renameTerm',
  mergeTerm: 'devopsNotes.tags.mergeTerm',
  removeTerm: 'devopsNotes.tags.removeTerm',
  revealTerm: 'devopsNotes.tags.revealTerm',
  newPost: 'devopsNotes.tags.newPost',
} as const;

/** Context keys the view's menus and welcome content depend on. */
export const TAG_CONTEXT = {
  sortByCount: 'devopsNotes.tags.sortByCount',
  filtered: 'devopsNotes.tags.filtered',
  scanned: 'devopsNotes.tags.scanned',
  hasPosts: 'devopsNotes.tags.hasPosts',
} as const;

/** The preview's command (contributed by the preview feature). */
export const PREVIEW_OPEN_COMMAND = 'devopsNotes.preview.open';
