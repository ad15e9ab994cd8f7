import { describe, expect, it } from 'vitest';
import { movePart, numberedText, textOffset } from './thread-composer.ts';

describe('the thread composer', () => {
  it('numbers each part as the preview shows it, at the end or at the start', () => {
    expect(numberedText('Why QT matters #MedEd', 0, 3, 'end')).toBe('Why QT matters #MedEd 1/3');
    expect(numberedText('  Last part.\n', 2, 3, 'start')).toBe('3/3 Last part.');
    expect(numberedText('', 1, 3, 'end')).toBe('2/3');
  });

  it('maps a refusal span in the posted text back onto what the person typed', () => {
    const typed = '  Seen by Jane Roe today';
    for (const numbering of ['start', 'end'] as const) {
      const posted = numberedText(typed, 1, 12, numbering);
      const at = posted.indexOf('Jane');
      expect(typed.slice(at - textOffset(typed, 1, 12, numbering)).startsWith('Jane')).toBe(true);
    }
  });

  it('moves a part up or down, and leaves the order alone at either end', () => {
    expect(movePart(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(movePart(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(movePart(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(movePart(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
