import { QUOTE_POLICIES, VISIBILITIES, zBool } from '@rounds/contract';
import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { followRequests } from '../../../db/schema/index.ts';
import {
  createLocalAccount,
  findAccountByAcct,
  findUserByAccountId,
  getAccount,
  updateProfile,
} from '../../../domain/accounts/index.ts';
import { getPostingDefaults, updatePostingDefaults } from '../../../domain/accounts/preferences.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.ts';
import { issueToken } from '../../../domain/oauth/index.ts';
import { requireApp, requireUser } from '../../auth.ts';
import { renderAccount, renderCredentialAccount } from '../../entities/account.ts';
import type { MastodonApp } from '../../env.ts';
import { parseWith, pathId, readParams, readQuery } from '../../params.ts';
import { limitByIp } from '../../rate-limit.ts';

const Register = z.object({
  username: z.string({ message: 'is required' }),
  email: z.string({ message: 'is required' }),
  password: z.string({ message: 'is required' }),
  agreement: zBool.refine((v) => v, 'you must accept the server rules (agreement=true)'),
  locale: z.string().max(16).optional(),
  reason: z.string().max(1000).optional(),
  display_name: z.string().optional(),
});

const FieldInput = z.object({ name: z.string().default(''), value: z.string().default('') });

const UpdateCredentials = z.object({
  display_name: z.string().optional(),
  note: z.string().optional(),
  locked: zBool.optional(),
  bot: zBool.optional(),
  discoverable: zBool.optional(),
  indexable: zBool.optional(),
  hide_collections: zBool.optional(),
  fields_attributes: z
    .union([z.array(FieldInput), z.record(z.string(), FieldInput)])
    .transform((v) =>
      Array.isArray(v)
        ? v
        : Object.entries(v)
            .sort(([a], [b]) => Number(a) - Number(b))
            .map(([, f]) => f),
    )
    .optional(),
  source: z
    .object({
      privacy: z.enum(VISIBILITIES).optional(),
      sensitive: zBool.optional(),
      language: z.string().max(16).optional(),
      quote_policy: z.enum(QUOTE_POLICIES).optional(),
    })
    .optional(),
});

async function pendingFollowRequests(
  c: Parameters<typeof requireUser>[0],
  accountId: string,
): Promise<number> {
  const [row] = await c
    .get('ctx')
    .db.select({ n: count() })
    .from(followRequests)
    .where(eq(followRequests.targetAccountId, accountId));
  return row?.n ?? 0;
}

/** Registration and the profile endpoints of /api/v1/accounts. */
export function registerAccounts(app: MastodonApp): void {
  app.post('/api/v1/accounts', async (c) => {
    const ctx = c.get('ctx');
    const viewer = requireApp(c, 'write:accounts');
    limitByIp(c, 'register', ctx.config.rateLimits.registerPer30Min, 30 * 60_000);
    if (ctx.config.registrationMode === 'closed')
      throw new ForbiddenError('Registrations are closed on this server');
    const p = parseWith(Register, await readParams(c));
    const approval = ctx.config.registrationMode === 'approval';
    if (approval && !p.reason?.trim())
      throw new ValidationError('reason: this server approves sign-ups; say why you want to join', 'reason');
    const { user } = await createLocalAccount(ctx, {
      username: p.username,
      email: p.email,
      password: p.password,
      displayName: p.display_name,
      locale: p.locale,
      reason: p.reason,
      approved: !approval,
    });
    const token = await issueToken(ctx, viewer.appId, user.id, viewer.scopes.join(' '));
    return c.json({
      access_token: token.accessToken,
      token_type: 'Bearer',
      scope: token.scope,
      created_at: Math.floor(token.createdAt.getTime() / 1000),
    });
  });

  app.get('/api/v1/accounts/verify_credentials', async (c) => {
    const me = requireUser(c, 'profile');
    const ctx = c.get('ctx');
    // NOTE: the user row is read fresh, not taken from the token's cached viewer: an app reads its
    // posting defaults back right after saving them (update_credentials).
    const [account, user, posting] = await Promise.all([
      getAccount(ctx.db, me.account.id),
      findUserByAccountId(ctx.db, me.account.id),
      getPostingDefaults(ctx, me.account.id),
    ]);
    return c.json(
      renderCredentialAccount(
        ctx.config,
        account,
        user ?? me.user,
        posting,
        await pendingFollowRequests(c, account.id),
      ),
    );
  });

  app.patch('/api/v1/accounts/update_credentials', async (c) => {
    const me = requireUser(c, 'write:accounts');
    const ctx = c.get('ctx');
    const params = await readParams(c);
    if (params.avatar !== undefined || params.header !== undefined) {
      if (params.avatar instanceof File || params.header instanceof File) {
        throw new ValidationError(
          'avatar and header uploads are not supported yet; nothing was changed',
          'avatar',
        );
      }
    }
    const p = parseWith(UpdateCredentials, params);
    const account = await updateProfile(ctx, me.account.id, {
      displayName: p.display_name,
      note: p.note,
      fields: p.fields_attributes,
      locked: p.locked,
      bot: p.bot,
      discoverable: p.discoverable,
      indexable: p.indexable,
      hideCollections: p.hide_collections,
    });
    if (p.source) {
      await updatePostingDefaults(ctx, me.account.id, {
        privacy: p.source.privacy,
        sensitive: p.source.sensitive,
        language: p.source.language,
        quotePolicy: p.source.quote_policy,
      });
    }
    const [user, fresh, posting] = await Promise.all([
      findUserByAccountId(ctx.db, account.id),
      getAccount(ctx.db, account.id),
      getPostingDefaults(ctx, account.id),
    ]);
    return c.json(
      renderCredentialAccount(
        ctx.config,
        fresh,
        user ?? me.user,
        posting,
        await pendingFollowRequests(c, account.id),
      ),
    );
  });

  app.get('/api/v1/accounts/lookup', async (c) => {
    const ctx = c.get('ctx');
    const acct = parseWith(
      z.object({ acct: z.string({ message: 'is required' }).min(1, 'is required') }),
      readQuery(c),
    ).acct;
    const account = await findAccountByAcct(ctx, acct);
    if (!account) throw new NotFoundError('Record not found');
    return c.json(renderAccount(ctx.config, account));
  });

  app.get('/api/v1/accounts/:id{[0-9]+}', async (c) => {
    const ctx = c.get('ctx');
    const id = pathId(c);
    return c.json(renderAccount(ctx.config, await getAccount(ctx.db, id)));
  });
}
