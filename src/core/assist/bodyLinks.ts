import { scanCodeBlocks } from '../snippets/fences';
import { parseShortcodeTag, startsShortcode } from '../render/shortcodes/syntax';

/** Something in a post's body that points at a file: a ref target, an image path, a shortcode name. */
export interface BodyReference {
  kind: 'ref' | 'image' | 'shortcode';
  /** What was written: the ref target, the image path, the shortcode name. */
  value: string;
  /** Offsets of the value (without quotes) in the text. */
  start: number;
  end: number;
}

/**
 * The references of a post's body, from `bodyStart`: every shortcode tag's name, the target of
 * `ref`/`relref`, the `src` of `figure`, and Markdown image paths outside code blocks. Shortcodes
 * inside fences count too, as Hugo expands them there.
 */
export function bodyReferences(text: string, bodyStart: number): BodyReference[] {
  const out: BodyReference[] = [];
  for (let i = text.indexOf('{{', bodyStart); i !== -1; i = text.indexOf('{{', i + 2)) {
    if (!startsShortcode(text, i)) continue;
    const tag = parseShortcodeTag(text, i);
    if (!tag || tag.kind === 'comment') continue;
    const nameStart = text.indexOf(tag.name, i + 3);
    out.push({ kind: 'shortcode', value: tag.name, start: nameStart, end: nameStart + tag.name.length });
    if (tag.kind !== 'open') continue;
    const name = tag.name.toLowerCase();
    const wanted = name === 'ref' || name === 'relref' ? tag.params.find((p) => p.name === undefined || p.name.toLowerCase() === 'path') : name === 'figure' ? tag.params.find((p) => p.name?.toLowerCase() === 'src') : undefined;
    if (wanted?.value) {
      const at = text.indexOf(wanted.value, nameStart + tag.name.length);
      if (at !== -1 && at < tag.end) out.push({ kind: name === 'figure' ? 'image' : 'ref', value: wanted.value, start: at, end: at + wanted.value.length });
    }
    i = tag.end - 2;
  }
  const blocks = scanCodeBlocks(text, bodyStart);
  const inCode = (offset: number) => blocks.some((b) => offset >= b.contentStart && offset < b.contentEnd);
  for (const m of text.slice(bodyStart).matchAll(/!\[[^\]\n]*\]\(<?([^()\s>]+)/g)) {
    const start = bodyStart + m.index! + m[0].length - m[1].length;
    if (!inCode(start)) out.push({ kind: 'image', value: m[1], start, end: start + m[1].length });
  }
  return out.sort((a, b) => a.start - b.start);
}
