import { openRuntime } from '../bootstrap.ts';
import { configOrExit, parseOptions } from './util.ts';

const HELP = `Usage: rounds migrate

Applies the committed database migrations (PGlite under DATA_DIR, or DATABASE_URL) and exits.`;

export async function runMigrate(args: string[]): Promise<number> {
  const opts = parseOptions(args, {}, HELP);
  if (typeof opts === 'number') return opts;
  const config = configOrExit();
  if (typeof config === 'number') return config;
  const rt = await openRuntime(config);
  await rt.close();
  process.stdout.write(`Migrations applied (${rt.handle.kind}).\n`);
  return 0;
}
