import { runMigrate } from './migrate.ts';
import { runSeed } from './seed.ts';
import { runServe } from './serve.ts';
import { runUser } from './user.ts';

const HELP = `Usage: rounds <command> [options]

Commands:
  serve           start the server (applies migrations; seeds demo content with --seed-if-empty)
  migrate         apply database migrations and exit
  seed            add the demo personas and posts (alice, bob, carol, dan, mo)
  user create     create a user account
  user password   set a user's password
  user role       set a user's role (verifier: reviews credentials)
  phi             scan text for patient identifiers, or evaluate the detector

Run 'rounds <command> --help' for a command's options.
Configuration comes from the environment: PORT, DATA_DIR, DATABASE_URL, PUBLIC_URL, REGISTRATION_MODE, ...`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  switch (command) {
    case 'serve':
      return runServe(rest);
    case 'migrate':
      return runMigrate(rest);
    case 'seed':
      return runSeed(rest);
    case 'user':
      return runUser(rest);
    case 'phi':
      // Loaded on demand: the detector's word lists are not needed by the other commands.
      return (await import('./phi.ts')).runPhiCommand(rest, io);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${HELP}\n`);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`rounds: unknown command '${command}'\n\n${HELP}\n`);
      return 2;
  }
}
