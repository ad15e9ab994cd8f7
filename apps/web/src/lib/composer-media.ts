import type { Api } from '../api/client.ts';
import type { MediaAttachment } from '../api/types.ts';
import type { DraftMedia } from './drafts.ts';

/** Mastodon's default; /api/v2/instance says what this server allows. */
export const DEFAULT_MAX_MEDIA = 4;
export const DEFAULT_DESCRIPTION_LIMIT = 1500;
/** What the file picker offers; the server decides by the file's bytes, never by this list. */
export const DEFAULT_ACCEPT =
  'image/jpeg,image/png,image/webp,image/gif,image/avif,video/mp4,video/webm,audio/*';

/** POST /api/v2/media: the server checks the bytes, strips metadata and makes a preview. */
export async function uploadMedia(api: Api, file: File): Promise<DraftMedia> {
  const form = new FormData();
  form.append('file', file, file.name);
  const media = await api.request<MediaAttachment>('/api/v2/media', { formData: form });
  return {
    id: media.id,
    type: media.type,
    previewUrl: media.preview_url ?? media.url,
    description: media.description ?? '',
    savedDescription: media.description ?? '',
  };
}

/** Sends every alt text that changed since it was last saved (PUT /api/v1/media/:id). */
export async function saveDescriptions(api: Api, media: readonly DraftMedia[]): Promise<DraftMedia[]> {
  return Promise.all(
    media.map(async (m) => {
      if (m.description === m.savedDescription) return m;
      const saved = await api.request<MediaAttachment>(`/api/v1/media/${m.id}`, {
        method: 'PUT',
        json: { description: m.description },
      });
      const description = saved.description ?? '';
      return { ...m, description, savedDescription: description };
    }),
  );
}

/** Images and animations need a description for people who cannot see them. */
export function needsDescription(media: DraftMedia): boolean {
  return media.type !== 'audio' && !media.description.trim();
}

/** The uploads still missing a description, when the person's setting asks for one. */
export function missingDescriptions(media: readonly DraftMedia[], required: boolean): DraftMedia[] {
  return required ? media.filter(needsDescription) : [];
}
