/**
 * Scroll sync between the source and the preview, through the `data-line` attribute the
 * renderer puts on every block (document line numbers, front matter included). Between two
 * blocks the position is interpolated, so long paragraphs and code blocks scroll smoothly.
 */

interface LineBlock {
  line: number;
  element: HTMLElement;
}

export class ScrollSync {
  private blocks: LineBlock[] | undefined;

  constructor(private readonly container: HTMLElement) {}

  /** Forget the block list after the DOM changed. */
  invalidate(): void {
    this.blocks = undefined;
  }

  private list(): LineBlock[] {
    if (!this.blocks) {
      const seen: LineBlock[] = [];
      for (const element of this.container.querySelectorAll<HTMLElement>('[data-line]')) {
        const line = Number(element.dataset.line);
        // Hidden or empty blocks have no place on screen to scroll to.
        if (Number.isFinite(line) && element.offsetParent !== null) seen.push({ line, element });
      }
      seen.sort((a, b) => a.line - b.line);
      this.blocks = seen;
    }
    return this.blocks;
  }

  /** Page offset (px) that shows document line `line` at the top. */
  offsetForLine(line: number): number | undefined {
    const blocks = this.list();
    if (!blocks.length) return undefined;
    let lo = 0;
    let hi = blocks.length - 1;
    if (line < blocks[0].line) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid].line <= line) lo = mid;
      else hi = mid - 1;
    }
    const before = blocks[lo];
    const after = blocks[lo + 1];
    const top = before.element.getBoundingClientRect().top + window.scrollY;
    if (!after || after.line === before.line) {
      const rect = before.element.getBoundingClientRect();
      return top + Math.min(rect.height, (line - before.line) * 18);
    }
    const nextTop = after.element.getBoundingClientRect().top + window.scrollY;
    return top + ((line - before.line) / (after.line - before.line)) * (nextTop - top);
  }

  /** Document line shown at the top of the viewport (fractional between blocks). */
  lineAtTop(): number | undefined {
    const blocks = this.list();
    if (!blocks.length) return undefined;
    const y = 0;
    let lo = 0;
    let hi = blocks.length - 1;
    // Blocks are sorted by line, and lines go down the page in the same order.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid].element.getBoundingClientRect().top <= y) lo = mid;
      else hi = mid - 1;
    }
    const before = blocks[lo];
    const rect = before.element.getBoundingClientRect();
    if (rect.top > y) return before.line;
    const after = blocks[lo + 1];
    if (!after) return before.line;
    const nextTop = after.element.getBoundingClientRect().top;
    const span = nextTop - rect.top;
    const fraction = span > 0 ? (y - rect.top) / span : 0;
    return before.line + Math.max(0, Math.min(1, fraction)) * (after.line - before.line);
  }
}
