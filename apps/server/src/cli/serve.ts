import { openRuntime } from '../bootstrap.ts';
import { startServer } from '../main.ts';
import { isDatabaseEmpty, seedDemo } from './seed.ts';
import { configOrExit, parseOptions } from './util.ts';

const HELP = `Usage: rounds serve [--seed-if-empty]

Starts Rounds: applies migrations, then serves HTTP on PORT (default 3000).
  --seed-if-empty   add the demo personas and posts when the database has no accounts yet`;

export async function runServe(args: string[]): Promise<number> {
  const opts = parseOptions(args, { 'seed-if-empty': { type: 'boolean' } }, HELP);
  if (typeof opts === 'number') return opts;
  const config = configOrExit();
  if (typeof config === 'number') return config;
  const runtime = await openRuntime(config);
  if (opts.values['seed-if-empty'] && (await isDatabaseEmpty(runtime.ctx))) {
    const summary = await seedDemo(runtime.ctx);
    process.stdout.write(`Seeded demo content: ${summary}\n`);
  }
  const server = await startServer(config, runtime);
  process.stdout.write(
    `Rounds is running at ${config.publicUrl} (port ${server.port}, ${runtime.handle.kind}).\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
