import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { authenticateUser } from '../src/domain/accounts/index.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/rounds.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'rounds-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function rounds(...args: string[]) {
  const res = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('the rounds command', () => {
  it('prints help for every command', () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['migrate', '--help'],
      ['seed', '--help'],
      ['user', '--help'],
      ['user', 'create', '--help'],
      ['user', 'password', '--help'],
    ]) {
      const res = rounds(...args);
      expect(res.code, args.join(' ')).toBe(0);
      expect(res.out, args.join(' ')).toContain('Usage: rounds');
    }
    expect(rounds('frobnicate').code).toBe(2);
  }, 120_000);

  it('refuses an invalid configuration with a readable list', () => {
    const res = spawnSync(process.execPath, [bin, 'migrate'], {
      env: { ...process.env, PORT: 'x', REGISTRATION_MODE: 'maybe' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(78);
    expect(res.stderr).toContain('PORT');
    expect(res.stderr).toContain('REGISTRATION_MODE');
  }, 60_000);

  it('migrates, seeds the personas once, creates users and sets passwords', async () => {
    expect(rounds('migrate').code).toBe(0);
    const seeded = rounds('seed');
    expect(seeded.code, seeded.err).toBe(0);
    expect(seeded.out).toMatch(/5 accounts, \d+ posts/);
    expect(rounds('seed').code).toBe(1);

    const created = rounds(
      'user',
      'create',
      '--username',
      'nurse_ng',
      '--email',
      'ng@rounds.test',
      '--password',
      'first password',
    );
    expect(created.code, created.err).toBe(0);
    const dup = rounds('user', 'create', '--username', 'nurse_ng', '--email', 'other@rounds.test');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('already taken');
    const pw = rounds('user', 'password', '--username', 'nurse_ng');
    expect(pw.code).toBe(0);
    const newPassword = pw.out.match(/Password: (\S+)/)![1]!;

    const handle = await createDb({ dataDir });
    try {
      const ctx = { db: handle.db } as Parameters<typeof authenticateUser>[0];
      expect(await authenticateUser(ctx, 'nurse_ng', 'first password')).toBeNull();
      expect((await authenticateUser(ctx, 'ng@rounds.test', newPassword))?.email).toBe('ng@rounds.test');
    } finally {
      await handle.close();
    }
  }, 180_000);
});
