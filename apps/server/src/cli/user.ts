import { openRuntime } from '../bootstrap.ts';
import type { UserRole } from '../db/schema/index.ts';
import { createLocalAccount, findUserByLogin, setPassword } from '../domain/accounts/index.ts';
import { setUserRole } from '../domain/credentials/index.ts';
import { AppError } from '../domain/errors.ts';
import { configOrExit, parseOptions } from './util.ts';

const CREATE_HELP = `Usage: rounds user create --username NAME --email EMAIL [--password PW] [--role user|moderator|admin|verifier] [--display-name NAME]

Creates an approved user. Without --password, one is generated and printed once.`;
const PASSWORD_HELP = `Usage: rounds user password (--username NAME | --email EMAIL) [--password PW]

Sets a user's password. Without --password, one is generated and printed once.`;
const ROLE_HELP = `Usage: rounds user role (--username NAME | --email EMAIL) --role user|moderator|admin|verifier

Sets a user's role. Verifiers work the credential verification queue.`;
const ROLES = ['user', 'moderator', 'admin', 'verifier'];
const HELP = `Usage: rounds user <create|password|role> [options]

  user create     create a user account
  user password   set a user's password
  user role       set a user's role (e.g. verifier)`;

function generatePassword(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString('base64url');
}

export async function runUser(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const opts = parseOptions(
      rest,
      {
        username: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        'display-name': { type: 'string' },
      },
      CREATE_HELP,
    );
    if (typeof opts === 'number') return opts;
    const { username, email, role } = opts.values as Record<string, string | undefined>;
    if (!username || !email) {
      process.stderr.write(`--username and --email are required\n\n${CREATE_HELP}\n`);
      return 2;
    }
    if (role && !ROLES.includes(role)) {
      process.stderr.write(`--role must be user, moderator, admin or verifier\n`);
      return 2;
    }
    const config = configOrExit();
    if (typeof config === 'number') return config;
    const rt = await openRuntime(config, { logger: undefined });
    try {
      const password = (opts.values.password as string | undefined) ?? generatePassword();
      const { account } = await createLocalAccount(rt.ctx, {
        username,
        email,
        password,
        role: (role ?? 'user') as UserRole,
        displayName: opts.values['display-name'] as string | undefined,
      });
      process.stdout.write(`Created @${account.username} (id ${account.id}).\n`);
      if (!opts.values.password) process.stdout.write(`Password: ${password}\n`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        process.stderr.write(`Could not create the user: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await rt.close();
    }
  }
  if (sub === 'password') {
    const opts = parseOptions(
      rest,
      { username: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
      PASSWORD_HELP,
    );
    if (typeof opts === 'number') return opts;
    const login = (opts.values.username ?? opts.values.email) as string | undefined;
    if (!login) {
      process.stderr.write(`--username or --email is required\n\n${PASSWORD_HELP}\n`);
      return 2;
    }
    const config = configOrExit();
    if (typeof config === 'number') return config;
    const rt = await openRuntime(config);
    try {
      const user = await findUserByLogin(rt.ctx, login);
      if (!user) {
        process.stderr.write(`No user '${login}'.\n`);
        return 1;
      }
      const password = (opts.values.password as string | undefined) ?? generatePassword();
      await setPassword(rt.ctx, user.id, password);
      process.stdout.write(`Password updated for ${login}.\n`);
      if (!opts.values.password) process.stdout.write(`Password: ${password}\n`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        process.stderr.write(`Could not set the password: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await rt.close();
    }
  }
  if (sub === 'role') {
    const opts = parseOptions(
      rest,
      { username: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' } },
      ROLE_HELP,
    );
    if (typeof opts === 'number') return opts;
    const login = (opts.values.username ?? opts.values.email) as string | undefined;
    const role = opts.values.role as string | undefined;
    if (!login || !role || !ROLES.includes(role)) {
      process.stderr.write(
        `--username (or --email) and --role user|moderator|admin|verifier are required\n\n${ROLE_HELP}\n`,
      );
      return 2;
    }
    const config = configOrExit();
    if (typeof config === 'number') return config;
    const rt = await openRuntime(config);
    try {
      const user = await findUserByLogin(rt.ctx, login);
      if (!user) {
        process.stderr.write(`No user '${login}'.\n`);
        return 1;
      }
      await setUserRole(rt.ctx, user.id, role as UserRole);
      process.stdout.write(`${login} is now ${role}.\n`);
      return 0;
    } finally {
      await rt.close();
    }
  }
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    process.stdout.write(`${HELP}\n`);
    return sub === undefined ? 2 : 0;
  }
  process.stderr.write(`rounds user: unknown subcommand '${sub}'\n\n${HELP}\n`);
  return 2;
}
