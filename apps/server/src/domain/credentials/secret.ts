import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/index.ts';

/**
 * Licence numbers at rest: AES-256-GCM with a random 96-bit IV, the credential's id as associated
 * data (a ciphertext copied onto another row does not decrypt), stored as `v1:` + base64(iv ‖ tag ‖
 * ciphertext). The key is CREDENTIALS_KEY or, when unset, one generated once into
 * DATA_DIR/credentials.key (mode 0600).
 */

const VERSION = 'v1:';
const keys = new WeakMap<Config, Buffer>();

/** The key for `config`: from CREDENTIALS_KEY, or DATA_DIR/credentials.key (created when absent). */
export function credentialsKey(config: Config): Buffer {
  const known = keys.get(config);
  if (known) return known;
  let key: Buffer;
  if (config.credentialsKey) {
    key = Buffer.from(config.credentialsKey, 'base64');
  } else {
    const file = path.join(config.dataDir, 'credentials.key');
    try {
      key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(config.dataDir, { recursive: true });
      try {
        // `wx`: when two processes race, one writes and the other reads what it wrote.
        writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
      } catch (raced) {
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      }
      key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    }
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  }
  keys.set(config, key);
  return key;
}

export function encryptLicence(key: Buffer, credentialId: string, licence: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(credentialId));
  const body = Buffer.concat([cipher.update(licence, 'utf8'), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decryptLicence(key: Buffer, credentialId: string, stored: string): string {
  if (!stored.startsWith(VERSION)) throw new Error('unknown licence encryption version');
  const raw = Buffer.from(stored.slice(VERSION.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(credentialId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
