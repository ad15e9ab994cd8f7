import { getUsageCounts, STATUS_LIMITS } from '../../domain/instance.ts';
import {
  MAX_AV_BYTES,
  MAX_DESCRIPTION_LENGTH,
  MAX_IMAGE_BYTES,
  SUPPORTED_MIME_TYPES,
} from '../../domain/media/index.ts';
import { MASTODON_COMPAT_VERSION } from '../../version.ts';
import type { MastodonApp } from '../env.ts';

const DESCRIPTION = 'A social learning network for the health professions.';

/** /api/v1/instance and /api/v2/instance: what clients read to learn this server's limits. */
export function registerInstance(app: MastodonApp): void {
  app.get('/api/v2/instance', (c) => {
    const { config } = c.get('ctx');
    return c.json({
      domain: config.domain,
      title: config.instanceTitle,
      version: MASTODON_COMPAT_VERSION,
      source_url: 'https://github.com/rounds-social/rounds',
      description: DESCRIPTION,
      usage: { users: { active_month: 0 } },
      thumbnail: { url: `${config.publicUrl}/avatars/original/missing.png` },
      languages: ['en', 'es', 'ar'],
      api_versions: { mastodon: 1 },
      configuration: {
        urls: { streaming: config.publicUrl.replace(/^http/, 'ws'), status: null },
        vapid: { public_key: '' },
        accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
        statuses: {
          max_characters: STATUS_LIMITS.maxCharacters,
          max_media_attachments: STATUS_LIMITS.maxMediaAttachments,
          characters_reserved_per_url: STATUS_LIMITS.charactersReservedPerUrl,
        },
        media_attachments: {
          supported_mime_types: SUPPORTED_MIME_TYPES,
          description_limit: MAX_DESCRIPTION_LENGTH,
          image_size_limit: MAX_IMAGE_BYTES,
          image_matrix_limit: 33177600,
          video_size_limit: MAX_AV_BYTES,
          video_frame_rate_limit: 60,
          video_matrix_limit: 8294400,
        },
        polls: {
          max_options: 4,
          max_characters_per_option: 50,
          min_expiration: 300,
          max_expiration: 2629746,
        },
        translation: { enabled: false },
      },
      registrations: {
        enabled: config.registrationMode !== 'closed',
        approval_required: config.registrationMode === 'approval',
        message: null,
        url: null,
      },
      contact: { email: '', account: null },
      rules: [
        { id: '1', text: 'No patient-identifiable information, ever.', hint: '' },
        { id: '2', text: 'Be kind; disagree with evidence.', hint: '' },
      ],
    });
  });

  app.get('/api/v1/instance', async (c) => {
    const ctx = c.get('ctx');
    const { config } = ctx;
    const usage = await getUsageCounts(ctx);
    return c.json({
      uri: config.domain,
      title: config.instanceTitle,
      short_description: DESCRIPTION,
      description: DESCRIPTION,
      email: '',
      version: MASTODON_COMPAT_VERSION,
      urls: { streaming_api: config.publicUrl.replace(/^http/, 'ws') },
      stats: { user_count: usage.users, status_count: usage.statuses, domain_count: 0 },
      thumbnail: `${config.publicUrl}/avatars/original/missing.png`,
      languages: ['en', 'es', 'ar'],
      registrations: config.registrationMode !== 'closed',
      approval_required: config.registrationMode === 'approval',
      invites_enabled: false,
      configuration: {
        statuses: {
          max_characters: STATUS_LIMITS.maxCharacters,
          max_media_attachments: STATUS_LIMITS.maxMediaAttachments,
          characters_reserved_per_url: STATUS_LIMITS.charactersReservedPerUrl,
        },
        media_attachments: {
          supported_mime_types: SUPPORTED_MIME_TYPES,
          image_size_limit: MAX_IMAGE_BYTES,
          image_matrix_limit: 33177600,
          video_size_limit: MAX_AV_BYTES,
          video_frame_rate_limit: 60,
          video_matrix_limit: 8294400,
        },
        polls: {
          max_options: 4,
          max_characters_per_option: 50,
          min_expiration: 300,
          max_expiration: 2629746,
        },
      },
      contact_account: null,
      rules: [],
    });
  });
}
