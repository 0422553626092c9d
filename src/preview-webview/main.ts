import morphdom from 'morphdom';
import { codeBodyHtml, codeOptionsFromAttributes } from '../core/render/codeBlocks';
import { highlightCode } from '../core/render/highlight/highlighter';
import type { FromWebview, PreviewState, ToWebview } from '../preview/protocol';
import { ScrollSync } from './scrollSync';

/**
 * The preview page's script (loaded once per panel, by nonce). It patches each render into
 * the page with morphdom, so unchanged images and highlighted code stay as they are; highlights
 * code blocks when they come into view; keeps scroll position in step with the editor; and turns
 * clicks into requests to the extension, which decides what is allowed. It never evaluates post
 * content: the HTML it receives is already escaped by the renderer.
 */

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('dn-preview-root') as HTMLElement;
const content = document.getElementById('dn-preview-content') as HTMLElement;
const scroll = new ScrollSync(content);

let state: PreviewState = vscode.getState() ?? (JSON.parse(root.dataset.state ?? '{}') as PreviewState);
let version = 0;
let canRevealTerms = false;
let terminalAllowed = false;
/** Until then, scroll events are the echo of a scroll the editor asked for. */
let ignoreScrollUntil = 0;
let pendingScrollFrame = 0;

function post(message: FromWebview): void {
  vscode.postMessage(message);
}

function saveState(patch: Partial<PreviewState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message?.type) {
    case 'render':
      applyRender(message);
      break;
    case 'scrollToLine':
      scrollToLine(message.line);
      break;
    case 'locked':
      saveState({ locked: message.locked });
      break;
  }
});

function applyRender(message: Extract<ToWebview, { type: 'render' }>): void {
  const switched = message.documentUri !== state.documentUri;
  if (!switched && message.version <= version) {
    // The extension sends a render again when it heard nothing back: say again what is shown.
    if (message.version === version) acknowledge();
    return;
  }
  version = message.version;
  canRevealTerms = message.canRevealTerms;
  terminalAllowed = message.terminalAllowed;
  document.body.classList.toggle('dn-can-reveal', canRevealTerms);
  document.body.classList.toggle('dn-terminal-blocked', !terminalAllowed);

  // A template's content is inert: images in it do not start loading before morphdom keeps
  // the ones already on the page.
  const template = document.createElement('template');
  template.innerHTML = `<main>${message.html}</main>`;
  const next = template.content.firstElementChild as HTMLElement;
  if (switched) {
    content.replaceChildren(...Array.from(next.childNodes));
  } else {
    morphdom(content, next, { childrenOnly: true, onBeforeElUpdated: keepUnchanged });
  }
  scroll.invalidate();
  observeCode();
  saveState({ documentUri: message.documentUri });
  if (message.line !== undefined) scrollToLine(message.line);
  else if (switched) window.scrollTo(0, 0);
  acknowledge();
}

/** Keeps highlighted code, and a `<details>` the reader opened, when a render did not change them. */
function keepUnchanged(from: HTMLElement, to: HTMLElement): boolean {
  if (from.isEqualNode(to)) return false;
  if (from.tagName === 'CODE' && from.hasAttribute('data-dn-highlighted') && !to.hasAttribute('data-dn-highlighted')) {
    const same =
      from.getAttribute('data-dn-lang') === to.getAttribute('data-dn-lang') &&
      from.getAttribute('data-dn-linenos') === to.getAttribute('data-dn-linenos') &&
      from.getAttribute('data-dn-hl') === to.getAttribute('data-dn-hl') &&
      from.textContent === to.textContent;
    if (same) return false;
  }
  if (from.tagName === 'DETAILS' && (from as HTMLDetailsElement).open) to.setAttribute('open', '');
  return true;
}

function acknowledge(): void {
  post({
    type: 'rendered',
    version,
    headings: Array.from(content.querySelectorAll('h1, h2, h3, h4, h5, h6'), (h) => h.textContent ?? ''),
    textLength: content.textContent?.length ?? 0,
    images: content.querySelectorAll('img').length,
    codeBlocks: content.querySelectorAll('pre > code').length,
    // The problems the card lists and the note on a partial preview, as the reader sees them.
    alerts: Array.from(content.querySelectorAll('[role="alert"] li, [role="status"]'), (e) => e.textContent ?? ''),
  });
}

// Code is highlighted here with the same module the CLI uses: blocks near the viewport first,
// the rest a few at a time while the page is idle. (The document is the observer's root: the
// webview is a cross-origin frame, where the implicit root ignores rootMargin.)
const highlighter = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      highlighter.unobserve(entry.target);
      highlight(entry.target as HTMLElement);
    }
  },
  { root: document, rootMargin: '600px 0px' },
);
let idleHighlight = 0;

function observeCode(): void {
  for (const code of pendingCode()) highlighter.observe(code);
  if (!idleHighlight) idleHighlight = requestIdleCallback(highlightWhileIdle);
}

function pendingCode(): NodeListOf<HTMLElement> {
  return content.querySelectorAll<HTMLElement>('code[data-dn-lang]:not([data-dn-highlighted])');
}

function highlightWhileIdle(deadline: IdleDeadline): void {
  idleHighlight = 0;
  const pending = pendingCode();
  let i = 0;
  while (i < pending.length && deadline.timeRemaining() > 2) {
    highlighter.unobserve(pending[i]);
    highlight(pending[i++]);
  }
  if (i < pending.length) idleHighlight = requestIdleCallback(highlightWhileIdle);
}

function highlight(code: HTMLElement): void {
  if (code.hasAttribute('data-dn-highlighted') || !code.isConnected) return;
  const options = codeOptionsFromAttributes(code.dataset.dnLinenos, code.dataset.dnHl);
  // codeBodyHtml escapes the code (highlight.js output holds only its own spans).
  code.innerHTML = codeBodyHtml(code.textContent ?? '', code.dataset.dnLang ?? '', options, highlightCode);
  code.setAttribute('data-dn-highlighted', '');
}

function scrollToLine(line: number): void {
  const offset = scroll.offsetForLine(line);
  if (offset === undefined) return;
  ignoreScrollUntil = Date.now() + 250;
  window.scrollTo(0, offset);
  saveState({ line });
}

window.addEventListener(
  'scroll',
  () => {
    if (pendingScrollFrame) return;
    pendingScrollFrame = requestAnimationFrame(() => {
      pendingScrollFrame = 0;
      if (Date.now() < ignoreScrollUntil) return;
      const line = scroll.lineAtTop();
      if (line === undefined) return;
      saveState({ line: Math.floor(line) });
      post({ type: 'revealLine', line: Math.floor(line) });
    });
  },
  { passive: true },
);

window.addEventListener('resize', () => scroll.invalidate());
content.addEventListener('load', () => scroll.invalidate(), true);

document.addEventListener('click', (event) => {
  const target = event.target as Element | null;
  if (!target) return;
  const link = target.closest('a');
  if (link) {
    event.preventDefault();
    onLinkClick(link);
    return;
  }
  const button = target.closest('button');
  if (!button || button.disabled) return;
  const action = button.dataset.action;
  if (action === 'copy') {
    const code = button.closest('.dn-code')?.querySelector('pre > code');
    if (code) post({ type: 'copy', text: code.textContent ?? '' });
  } else if (action === 'copy-url') {
    if (button.dataset.url) post({ type: 'copy', text: button.dataset.url });
  } else if (action === 'send-to-terminal') {
    if (terminalAllowed && button.dataset.command) post({ type: 'sendToTerminal', text: button.dataset.command });
  } else if (button.classList.contains('dn-chip') && canRevealTerms) {
    const taxonomy = button.dataset.taxonomy;
    const term = button.dataset.term;
    if ((taxonomy === 'tags' || taxonomy === 'categories') && term) post({ type: 'revealTerm', taxonomy, term });
  }
});

function onLinkClick(link: HTMLAnchorElement): void {
  const href = link.getAttribute('href');
  const kind = link.dataset.dnLink;
  if (!href) return;
  if (kind === 'fragment' || href.startsWith('#')) {
    scrollToFragment(href.slice(1));
  } else if (kind === 'external' || kind === 'mail' || kind === 'relative') {
    post({ type: 'openLink', href, kind });
  }
}

function scrollToFragment(fragment: string): void {
  let id = fragment;
  try {
    id = decodeURIComponent(fragment);
  } catch {
    // Use it as written.
  }
  const target = Array.from(content.querySelectorAll<HTMLElement>('[id]')).find((el) => el.id === id);
  target?.scrollIntoView({ block: 'start' });
}

document.addEventListener('dblclick', (event) => {
  const block = (event.target as Element | null)?.closest<HTMLElement>('[data-line]');
  const line = Number(block?.dataset.line);
  if (Number.isFinite(line)) post({ type: 'openSourceAt', line });
});

vscode.setState(state);
post({ type: 'ready' });
// Until a first render arrives, say so again now and then (a message can be lost while a panel loads).
let readyRepeats = 0;
const readyTimer = setInterval(() => {
  if (version > 0 || ++readyRepeats > 8) clearInterval(readyTimer);
  else post({ type: 'ready' });
}, 2000);
