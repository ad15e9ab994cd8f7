import { ValidationError } from '../errors.ts';

/** One ISO base media file format box (MP4, M4A, AVIF): `[start, end)` is its payload. */
export interface Box {
  type: string;
  offset: number;
  start: number;
  end: number;
}

function isTypeChar(c: number): boolean {
  // Printable Latin-1: QuickTime's metadata boxes start with © (0xA9).
  return (c >= 0x20 && c <= 0x7e) || c === 0xa9;
}

/**
 * Reads the box header at `offset`. Returns null when the bytes are not a box header at all;
 * `end` may lie beyond `limit` (the caller decides whether that is truncation).
 */
export function readBox(b: Uint8Array, offset: number, limit: number): Box | null {
  if (offset + 8 > limit) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let k = 4; k < 8; k++) if (!isTypeChar(b[offset + k]!)) return null;
  const type = String.fromCharCode(b[offset + 4]!, b[offset + 5]!, b[offset + 6]!, b[offset + 7]!);
  let size = view.getUint32(offset);
  let header = 8;
  if (size === 1) {
    if (offset + 16 > limit) return null;
    const big = view.getBigUint64(offset + 8);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) return null;
    size = Number(big);
    header = 16;
  } else if (size === 0) {
    size = limit - offset; // extends to the end of its parent (or the file)
  }
  if (size < header) return null;
  return { type, offset, start: offset + header, end: offset + size };
}

/**
 * The child boxes filling `[start, end)` exactly. Anything that is not a well-formed box, or a box
 * that overruns its parent, is refused: a container is all boxes, nothing hidden in between.
 */
export function childBoxes(b: Uint8Array, start: number, end: number, what: string): Box[] {
  const boxes: Box[] = [];
  let i = start;
  while (i < end) {
    const box = readBox(b, i, end);
    if (!box) {
      throw new ValidationError(
        `file: the ${what} has data that is not part of its structure at offset ${i}; export it again`,
        'file',
      );
    }
    if (box.end > end) {
      throw new ValidationError(
        `file: the ${what} is truncated or damaged (a "${box.type}" box runs past the end); upload the complete file`,
        'file',
      );
    }
    boxes.push(box);
    i = box.end;
  }
  return boxes;
}
