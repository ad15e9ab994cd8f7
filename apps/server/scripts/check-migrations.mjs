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
  // NOTE: drizzle-kit resolves `out` relative to the config and may exit 0 on errors, so the
  // verdict comes from its own words and from the folder, never from the exit code alone.
  const output = execFileSync(bin, ['generate', '--config', 'drizzle.config.ts', '--name', 'drift-check'], {
    cwd: serverDir,
    env: { ...process.env, DRIZZLE_OUT: path.relative(serverDir, scratch) },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const after = readdirSync(scratch).length;
  if (after !== before) {
    console.error(
      'The Drizzle schema has changes with no migration. Run: npm run db:generate -- --name <what-changed>',
    );
    process.exit(1);
  }
  if (!/No schema changes/i.test(output)) {
    console.error(`Could not compare the schema with the migrations:\n${output}`);
    process.exit(1);
  }
  console.log('Migrations match the schema.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
