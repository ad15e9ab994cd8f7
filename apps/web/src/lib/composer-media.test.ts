import { describe, expect, it } from 'vitest';
import { missingDescriptions } from './composer-media.ts';
import type { DraftMedia } from './drafts.ts';

const upload = (id: string, type: string, description: string): DraftMedia => ({
  id,
  type,
  previewUrl: null,
  description,
  savedDescription: '',
});

describe('alt text before posting', () => {
  const media = [upload('1', 'image', '  '), upload('2', 'image', 'An ECG strip'), upload('3', 'audio', '')];

  it('asks for a description of every image and video, not of audio', () => {
    expect(missingDescriptions(media, true).map((m) => m.id)).toEqual(['1']);
  });

  it('asks for nothing when the person switched the requirement off', () => {
    expect(missingDescriptions(media, false)).toEqual([]);
  });
});
