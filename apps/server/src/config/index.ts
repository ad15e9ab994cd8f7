import path from 'node:path';
import { z } from 'zod';

const registrationModes = ['open', 'approval', 'closed'] as const;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://rounds.example' }).optional(),
  REGISTRATION_MODE: z.enum(registrationModes).default('open'),
  TRUSTED_PROXIES: z.string().default(''),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  INSTANCE_TITLE: z.string().min(1).default('Rounds'),
  CONTACT_EMAIL: z.email({ message: 'must be an email address such as admin@rounds.example' }).optional(),
  RATE_LIMIT_AUTH_PER_5MIN: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_REGISTER_PER_30MIN: z.coerce.number().int().min(1).default(10),
  CREDENTIALS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, {
      message: 'must be 32 random bytes in base64 (openssl rand -base64 32)',
    })
    .optional(),
});

export type RegistrationMode = (typeof registrationModes)[number];

/** Where uploaded media live: files under DATA_DIR/media, or an S3-compatible bucket. */
const MediaEnvSchema = z
  .object({
    MEDIA_STORAGE: z.enum(['local', 's3']).default('local'),
    S3_ENDPOINT: z
      .url({ message: 'must be an absolute URL such as https://s3.eu-west-1.amazonaws.com' })
      .optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_PUBLIC_URL: z
      .url({ message: 'must be an absolute URL such as https://media.rounds.example' })
      .optional(),
  })
  .superRefine((e, issues) => {
    if (e.MEDIA_STORAGE !== 's3') return;
    for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!e[key])
        issues.addIssue({ code: 'custom', path: [key], message: 'is required when MEDIA_STORAGE=s3' });
    }
  });

/** Live streams: in-process by default; across processes over PostgreSQL LISTEN/NOTIFY or Redis. */
const StreamingEnvSchema = z.object({
  STREAMING_BACKEND: z.enum(['memory', 'postgres', 'redis']).default('memory'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .default('redis://127.0.0.1:6379'),
});

export interface StreamingSettings {
  backend: 'memory' | 'postgres' | 'redis';
  redisUrl: string;
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where clients fetch objects (a CDN or public bucket); unset: through this server's /media. */
  publicUrl: string | undefined;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  domain: string;
  registrationMode: RegistrationMode;
  trustedProxies: string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  instanceTitle: string;
  /** Where people write about this server (Mastodon's contact email); default admin@<host>. */
  contactEmail: string;
  rateLimits: { authPer5Min: number; registerPer30Min: number };
  media: { storage: 'local' | 's3'; s3: S3Settings | null };
  streaming: StreamingSettings;
  /**
   * The AES-256-GCM key for licence numbers (base64 of 32 bytes); unset: generated once and kept in
   * DATA_DIR/credentials.key (domain/credentials/secret.ts). Set it when several machines serve.
   */
  credentialsKey: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Rounds cannot start: the configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once, at start-up. The only code that reads process.env.
 * Every setting has a default that works for the embedded (PGlite) mode.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  const media = MediaEnvSchema.safeParse(cleaned);
  const streaming = StreamingEnvSchema.safeParse(cleaned);
  // The embedded database lives in one process: streaming between processes needs PostgreSQL.
  const streamingNeedsDb =
    streaming.success && streaming.data.STREAMING_BACKEND === 'postgres' && !cleaned.DATABASE_URL
      ? ['STREAMING_BACKEND: postgres requires DATABASE_URL']
      : [];
  if (!parsed.success || !media.success || !streaming.success || streamingNeedsDb.length) {
    const issues = [
      ...(parsed.error?.issues ?? []),
      ...(media.error?.issues ?? []),
      ...(streaming.error?.issues ?? []),
    ];
    throw new ConfigError([
      ...issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
      ...streamingNeedsDb,
    ]);
  }
  const e = parsed.data;
  const m = media.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    domain: new URL(publicUrl).host,
    registrationMode: e.REGISTRATION_MODE,
    trustedProxies: e.TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    instanceTitle: e.INSTANCE_TITLE,
    contactEmail: e.CONTACT_EMAIL ?? `admin@${new URL(publicUrl).hostname}`,
    rateLimits: {
      authPer5Min: e.RATE_LIMIT_AUTH_PER_5MIN,
      registerPer30Min: e.RATE_LIMIT_REGISTER_PER_30MIN,
    },
    media: {
      storage: m.MEDIA_STORAGE,
      s3:
        m.MEDIA_STORAGE === 's3'
          ? {
              endpoint: m.S3_ENDPOINT!.replace(/\/+$/, ''),
              bucket: m.S3_BUCKET!,
              region: m.S3_REGION,
              accessKeyId: m.S3_ACCESS_KEY_ID!,
              secretAccessKey: m.S3_SECRET_ACCESS_KEY!,
              publicUrl: m.S3_PUBLIC_URL?.replace(/\/+$/, ''),
            }
          : null,
    },
    streaming: { backend: streaming.data.STREAMING_BACKEND, redisUrl: streaming.data.REDIS_URL },
    credentialsKey: e.CREDENTIALS_KEY,
  };
}
