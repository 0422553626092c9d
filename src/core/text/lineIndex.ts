/** A zero-based line/character position, as VS Code and LSP use (UTF-16 code units). */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range between two positions. */
export interface Range {
  start: Position;
  end: Position;
}

/**
 * Converts between absolute UTF-16 offsets and line/character positions of one text.
 * Lines end at `\n`; a `\r` before it belongs to the line ending, so CRLF and LF files
 * map to the same positions VS Code reports. A lone `\r` ends a line as well, as in VS Code.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    const cr = text.indexOf('\r');
    if (cr !== -1 && /\r(?!\n)/.test(text.slice(cr))) {
      // A lone `\r` ends a line too, for VS Code as for Hugo (rare: old Mac files).
      for (const m of text.matchAll(/\r\n?|\n/g)) starts.push(m.index + m[0].length);
    } else {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEndOffset(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset just past the last character of `line`, before its line ending. */
  lineEndOffset(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return next > this.lineStarts[line] && this.text[next - 1] === '\r' && next < this.text.length ? next - 1 : next;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}
