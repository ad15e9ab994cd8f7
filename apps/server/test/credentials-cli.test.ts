import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/rounds.js');

function rounds(dataDir: string, ...args: string[]) {
  const res = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('rounds user role: granting the verifier role', () => {
  it('creates a verifier, grants and takes the role, and refuses unknown roles and users', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rounds-cli-credentials-'));
    const created = rounds(
      dataDir,
      'user',
      'create',
      '--username',
      'vera',
      '--email',
      'vera@rounds.test',
      '--role',
      'verifier',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created @vera/);
    rounds(dataDir, 'user', 'create', '--username', 'victor', '--email', 'victor@rounds.test');
    const granted = rounds(dataDir, 'user', 'role', '--username', 'victor', '--role', 'verifier');
    expect([granted.code, granted.stdout]).toEqual([0, 'victor is now verifier.\n']);
    const unknownRole = rounds(dataDir, 'user', 'role', '--username', 'victor', '--role', 'wizard');
    expect(unknownRole.code).toBe(2);
    expect(unknownRole.stderr).toMatch(/--role user\|moderator\|admin\|verifier are required/);
    const ghost = rounds(dataDir, 'user', 'role', '--username', 'ghost', '--role', 'verifier');
    expect([ghost.code, ghost.stderr]).toEqual([1, "No user 'ghost'.\n"]);
  }, 120_000);
});
