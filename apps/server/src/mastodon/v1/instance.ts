import sharp from 'sharp';
import type { Config } from '../../config/index.ts';
import { PROFILE_LIMITS } from '../../domain/accounts/index.ts';
import { NotFoundError } from '../../domain/errors.ts';
import {
  countActiveUsers,
  EXTENDED_DESCRIPTION_HTML,
  getUsageCounts,
  getWeeklyActivity,
  INSTANCE_RULES,
  INSTANCE_TEXTS_UPDATED_AT,
  PRIVACY_POLICY_HTML,
  STATUS_LIMITS,
} from '../../domain/instance.ts';
import {
  MAX_AV_BYTES,
  MAX_DESCRIPTION_LENGTH,
  MAX_IMAGE_BYTES,
  SUPPORTED_MIME_TYPES,
} from '../../domain/media/index.ts';
import { POLL_LIMITS } from '../../domain/polls/limits.ts';
import { MAX_PINNED_STATUSES } from '../../domain/statuses/index.ts';
import { supportedLanguages } from '../../domain/text/languages.ts';
import { MASTODON_COMPAT_VERSION } from '../../version.ts';
import type { MastodonApp } from '../env.ts';

const DESCRIPTION = 'A social learning network for the health professions.';
const SOURCE_URL = 'https://github.com/rounds-social/rounds';
const LANGUAGES = ['en', 'es', 'ar'];

/** The icon sizes Mastodon offers (favicon, app icons, PWA). */
const ICON_SIZES = [36, 72, 192, 512] as const;

// A rounded square with a ring: drawn from shapes only, so rendering needs no fonts.
const ICON_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
    '<rect width="64" height="64" rx="14" fill="#0b5cad"/>' +
    '<circle cx="32" cy="32" r="17" fill="none" stroke="#fff" stroke-width="7"/>' +
    '<circle cx="32" cy="32" r="5" fill="#fff"/></svg>',
);
const renderedIcons = new Map<number, Promise<Buffer>>();

function iconPng(size: number): Promise<Buffer> {
  let png = renderedIcons.get(size);
  if (!png) {
    png = sharp(ICON_SVG, { density: (72 * size) / 64 })
      .resize(size, size)
      .png()
      .toBuffer()
      .catch((error: unknown) => {
        renderedIcons.delete(size);
        throw error;
      });
    renderedIcons.set(size, png);
  }
  return png;
}

function iconUrl(config: Config, size: number): string {
  return `${config.publicUrl}/instance/icon-${size}.png`;
}

function streamingUrl(config: Config): string {
  return config.publicUrl.replace(/^http/, 'ws');
}

const mediaLimits = {
  supported_mime_types: SUPPORTED_MIME_TYPES,
  image_size_limit: MAX_IMAGE_BYTES,
  image_matrix_limit: 33177600,
  video_size_limit: MAX_AV_BYTES,
  video_frame_rate_limit: 60,
  video_matrix_limit: 8294400,
};

const statusLimits = {
  max_characters: STATUS_LIMITS.maxCharacters,
  max_media_attachments: STATUS_LIMITS.maxMediaAttachments,
  characters_reserved_per_url: STATUS_LIMITS.charactersReservedPerUrl,
};

const pollLimits = {
  max_options: POLL_LIMITS.maxOptions,
  max_characters_per_option: POLL_LIMITS.maxCharactersPerOption,
  min_expiration: POLL_LIMITS.minExpiration,
  max_expiration: POLL_LIMITS.maxExpiration,
};

/** Mastodon's Instance entity (v2). */
function renderInstance(config: Config, activeMonth: number) {
  return {
    domain: config.domain,
    title: config.instanceTitle,
    version: MASTODON_COMPAT_VERSION,
    source_url: SOURCE_URL,
    description: DESCRIPTION,
    usage: { users: { active_month: activeMonth } },
    thumbnail: { url: iconUrl(config, 512) },
    icon: ICON_SIZES.map((size) => ({ src: iconUrl(config, size), size: `${size}x${size}` })),
    languages: LANGUAGES,
    api_versions: { mastodon: 1 },
    configuration: {
      // No about, privacy or terms web pages yet: their content is served by the API below.
      urls: {
        streaming: streamingUrl(config),
        status: null,
        about: null,
        privacy_policy: null,
        terms_of_service: null,
      },
      // Web Push is not offered yet; an empty key tells clients not to subscribe.
      vapid: { public_key: '' },
      accounts: {
        max_featured_tags: 10,
        max_pinned_statuses: MAX_PINNED_STATUSES,
        max_display_name_length: PROFILE_LIMITS.displayName,
        max_note_length: PROFILE_LIMITS.note,
        max_profile_fields: PROFILE_LIMITS.fields,
        profile_field_name_limit: PROFILE_LIMITS.fieldName,
        profile_field_value_limit: PROFILE_LIMITS.fieldValue,
      },
      statuses: statusLimits,
      media_attachments: { ...mediaLimits, description_limit: MAX_DESCRIPTION_LENGTH },
      polls: pollLimits,
      translation: { enabled: false },
    },
    registrations: {
      enabled: config.registrationMode !== 'closed',
      approval_required: config.registrationMode === 'approval',
      reason_required: config.registrationMode === 'approval',
      message: null,
      url: null,
      min_age: null,
    },
    contact: { email: config.contactEmail, account: null },
    rules: INSTANCE_RULES,
  };
}

/** Mastodon's deprecated V1::Instance, still read by older apps. */
function renderInstanceV1(config: Config, usage: { users: number; statuses: number }) {
  return {
    uri: config.domain,
    title: config.instanceTitle,
    short_description: DESCRIPTION,
    description: DESCRIPTION,
    email: config.contactEmail,
    version: MASTODON_COMPAT_VERSION,
    urls: { streaming_api: streamingUrl(config) },
    // No federation yet, so no other domains are known.
    stats: { user_count: usage.users, status_count: usage.statuses, domain_count: 0 },
    thumbnail: iconUrl(config, 512),
    languages: LANGUAGES,
    registrations: config.registrationMode !== 'closed',
    approval_required: config.registrationMode === 'approval',
    invites_enabled: false,
    configuration: {
      accounts: { max_featured_tags: 10 },
      statuses: statusLimits,
      media_attachments: mediaLimits,
      polls: pollLimits,
    },
    contact_account: null,
    rules: INSTANCE_RULES,
  };
}

/** /api/v1/instance, /api/v2/instance and /api/v1/instance/*: what clients read about this server. */
export function registerInstance(app: MastodonApp): void {
  app.get('/api/v2/instance', async (c) => {
    const ctx = c.get('ctx');
    return c.json(renderInstance(ctx.config, await countActiveUsers(ctx.db, ctx.clock.now())));
  });

  app.get('/api/v1/instance', async (c) => {
    const ctx = c.get('ctx');
    return c.json(renderInstanceV1(ctx.config, await getUsageCounts(ctx)));
  });

  app.get('/api/v1/instance/rules', (c) => c.json(INSTANCE_RULES));

  // Domains this server knows: none until federation arrives.
  app.get('/api/v1/instance/peers', (c) => c.json([]));

  app.get('/api/v1/instance/activity', async (c) => {
    const ctx = c.get('ctx');
    return c.json(await getWeeklyActivity(ctx.db, ctx.clock.now()));
  });

  app.get('/api/v1/instance/extended_description', (c) =>
    c.json({ updated_at: INSTANCE_TEXTS_UPDATED_AT.toISOString(), content: EXTENDED_DESCRIPTION_HTML }),
  );

  app.get('/api/v1/instance/privacy_policy', (c) =>
    c.json({ updated_at: INSTANCE_TEXTS_UPDATED_AT.toISOString(), content: PRIVACY_POLICY_HTML }),
  );

  // As Mastodon when none is configured: no terms of service, 404.
  for (const path of ['/api/v1/instance/terms_of_service', '/api/v1/instance/terms_of_service/:date']) {
    app.get(path, () => {
      throw new NotFoundError();
    });
  }

  // The languages a post may be tagged with (apps build their language pickers from it).
  app.get('/api/v1/instance/languages', (c) => c.json(supportedLanguages()));

  // Translation is not offered (configuration.translation.enabled is false): no language pairs.
  app.get('/api/v1/instance/translation_languages', (c) => c.json({}));

  // No servers are blocked: there is no federation to moderate yet.
  app.get('/api/v1/instance/domain_blocks', (c) => c.json([]));

  for (const size of ICON_SIZES) {
    app.get(`/instance/icon-${size}.png`, async (c) => {
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(new Uint8Array(await iconPng(size)), 200, { 'Content-Type': 'image/png' });
    });
  }
}
