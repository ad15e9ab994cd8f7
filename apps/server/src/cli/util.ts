import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config/index.ts';

/** Parses options; prints help and a readable error instead of a stack trace. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  help: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | number {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if ((values as Record<string, unknown>).help) {
      process.stdout.write(`${help}\n`);
      return 0;
    }
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${help}\n`);
    return 2;
  }
}

export function configOrExit(): Config | number {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 78;
    }
    throw error;
  }
}
