/**
 * Messages between the preview panel (extension host) and its webview script. Both sides
 * import this file (the webview bundle gets only the types and the guards below), so a change
 * to a message breaks the build on both sides at once.
 */

/** The webview panel type, also used by the serializer that restores panels after a reload. */
export const PREVIEW_VIEW_TYPE = 'devopsNotes.preview';

/** How the renderer classified a link (see src/core/render/links.ts). */
export type PreviewLinkKind = 'external' | 'mail' | 'relative';

/** Extension → webview. */
export type ToWebview =
  | {
      type: 'render';
      /** Increases with every render of this panel; the webview ignores older ones. */
      version: number;
      documentUri: string;
      html: string;
      /** Whether the tag tree can reveal a term (chips are clickable). */
      canRevealTerms: boolean;
      /** Whether "send to terminal" is available (trusted workspace). */
      terminalAllowed: boolean;
      /** Line to scroll to after a document switch, if any. */
      line?: number;
    }
  | { type: 'scrollToLine'; line: number }
  | { type: 'locked'; locked: boolean };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  /** Sent after a render was applied to the DOM: what the reader now sees, for tests and logs. */
  | { type: 'rendered'; version: number; headings: string[]; textLength: number; images: number; codeBlocks: number; alerts: string[] }
  /** The preview was scrolled by the reader; `line` is the document line at its top. */
  | { type: 'revealLine'; line: number }
  | { type: 'openLink'; href: string; kind: PreviewLinkKind }
  | { type: 'copy'; text: string }
  | { type: 'sendToTerminal'; text: string }
  | { type: 'revealTerm'; taxonomy: 'tags' | 'categories'; term: string }
  /** Double click: open the source at that line. */
  | { type: 'openSourceAt'; line: number };

/** What the webview stores with `setState`, handed back to the serializer after a reload. */
export interface PreviewState {
  documentUri: string;
  locked: boolean;
  line?: number;
}

const MAX_TEXT = 1024 * 1024;

function isString(v: unknown, max = MAX_TEXT): v is string {
  return typeof v === 'string' && v.length <= max;
}

function isLine(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 10_000_000;
}

/**
 * Checks a message from the webview before the extension acts on it. Our own script sends
 * these, but the check keeps a bug (or anything else in the page) from reaching the terminal
 * or the file system with a malformed request.
 */
export function parseFromWebview(raw: unknown): FromWebview | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'rendered':
      if (!isLine(m.version) || !Array.isArray(m.headings)) return undefined;
      return {
        type: 'rendered',
        version: m.version,
        headings: m.headings.filter((h): h is string => isString(h, 1000)).slice(0, 500),
        textLength: isLine(m.textLength) ? m.textLength : 0,
        images: isLine(m.images) ? m.images : 0,
        codeBlocks: isLine(m.codeBlocks) ? m.codeBlocks : 0,
        alerts: Array.isArray(m.alerts) ? m.alerts.filter((a): a is string => isString(a, 4000)).slice(0, 200) : [],
      };
    case 'revealLine':
    case 'openSourceAt':
      return isLine(m.line) ? { type: m.type, line: Math.floor(m.line) } : undefined;
    case 'openLink':
      if (!isString(m.href, 8192) || (m.kind !== 'external' && m.kind !== 'mail' && m.kind !== 'relative')) return undefined;
      return { type: 'openLink', href: m.href, kind: m.kind };
    case 'copy':
    case 'sendToTerminal':
      return isString(m.text) ? { type: m.type, text: m.text } : undefined;
    case 'revealTerm':
      if ((m.taxonomy !== 'tags' && m.taxonomy !== 'categories') || !isString(m.term, 1000)) return undefined;
      return { type: 'revealTerm', taxonomy: m.taxonomy, term: m.term };
    default:
      return undefined;
  }
}

/** Reads a saved state back, or undefined when it is not ours. */
export function parsePreviewState(raw: unknown): PreviewState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const s = raw as Record<string, unknown>;
  if (!isString(s.documentUri, 8192)) return undefined;
  return { documentUri: s.documentUri, locked: s.locked === true, line: isLine(s.line) ? s.line : undefined };
}
