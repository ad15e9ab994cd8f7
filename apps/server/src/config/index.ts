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
  RATE_LIMIT_AUTH_PER_5MIN: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_REGISTER_PER_30MIN: z.coerce.number().int().min(1).default(10),
});

export type RegistrationMode = (typeof registrationModes)[number];

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
  rateLimits: { authPer5Min: number; registerPer30Min: number };
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
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
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
    rateLimits: {
      authPer5Min: e.RATE_LIMIT_AUTH_PER_5MIN,
      registerPer30Min: e.RATE_LIMIT_REGISTER_PER_30MIN,
    },
  };
}
