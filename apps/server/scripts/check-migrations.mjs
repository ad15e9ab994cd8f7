// Fails when the Drizzle schema and the committed migrations have drifted apart: generates into a
// scratch copy of the migrations folder and checks that drizzle-kit found nothing to add.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'rounds-drift-'));
try {
  cpSync(path.join(serverDir, 'drizzle'), scratch, { recursive: true });
  const before = readdirSync(scratch).length;
  const bin = path.resolve(serverDir, '../../node_modules/.bin/drizzle-kit');
  execFileSync(bin, ['generate', '--config', 'drizzle.config.ts', '--name', 'drift-check'], {
    cwd: serverDir,
    env: { ...process.env, DRIZZLE_OUT: scratch },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const after = readdirSync(scratch).length;
  if (after !== before) {
    console.error(
      'The Drizzle schema has changes with no migration. Run: npm run db:generate -- --name <what-changed>',
    );
    process.exit(1);
  }
  console.log('Migrations match the schema.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
