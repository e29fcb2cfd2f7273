/** DOM helpers of the span tagger: a selection point to a text offset, and label colours. */

/**
 * The text offset of a DOM selection point inside the tagger. Text is rendered in pieces that
 * carry their start offset in `data-start`; tag names and the caret have none and are skipped.
 */
export function domOffset(root: HTMLElement, node: Node | null, offset: number): number | null {
  if (!node || !root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const piece = node.parentElement?.closest<HTMLElement>('[data-start]');
    if (piece && root.contains(piece)) return Number(piece.dataset.start) + offset;
    // In a tag name: the end of the text piece before it.
    const mark = node.parentElement?.closest('mark');
    const before = mark?.querySelector<HTMLElement>('[data-start]');
    return before ? Number(before.dataset.start) + (before.textContent?.length ?? 0) : null;
  }
  const el = node as Element;
  const child = el.childNodes[offset];
  if (child) {
    const first =
      child instanceof HTMLElement
        ? child.matches('[data-start]')
          ? child
          : child.querySelector<HTMLElement>('[data-start]')
        : null;
    if (first) return Number(first.dataset.start);
  }
  const pieces = el.querySelectorAll<HTMLElement>('[data-start]');
  const last = pieces[pieces.length - 1];
  return last ? Number(last.dataset.start) + (last.textContent?.length ?? 0) : null;
}

const HUES = [48, 200, 130, 330, 270, 20, 170, 90];

/** A distinct colour per label: a border colour, or a light background with `soft`. */
export function labelColor(index: number, soft = false): string {
  const hue = HUES[((index % HUES.length) + HUES.length) % HUES.length];
  return soft ? `hsl(${hue} 90% 80% / 0.55)` : `hsl(${hue} 70% 40%)`;
}
