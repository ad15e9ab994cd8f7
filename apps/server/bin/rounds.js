#!/usr/bin/env node
// The `rounds` command. TypeScript runs through tsx's loader: no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
