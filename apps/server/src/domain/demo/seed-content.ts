import type { AppContext } from '../../context.ts';
import type { AccountRow, UserRole } from '../../db/schema/index.ts';
import { createLocalAccount } from '../accounts/index.ts';

export const DEMO_PASSWORD = 'rounds-demo-password';

/** The named personas shared by tests and `rounds seed`. */
export const PERSONAS = [
  {
    username: 'alice',
    displayName: 'Alice Adeyemi',
    note: 'PGY-2 internal medicine resident. Learning #POCUS one view at a time.',
    role: 'user' as UserRole,
  },
  {
    username: 'bob',
    displayName: 'Dr Bob Baptiste',
    note: 'Attending, emergency medicine. Tweetorials on ultrasound and resuscitation. #MedEd',
    role: 'user' as UserRole,
  },
  {
    username: 'carol',
    displayName: 'Carol Chen, RN',
    note: 'ICU nurse educator. Lines, drips and safe handovers.',
    role: 'user' as UserRole,
  },
  {
    username: 'dan',
    displayName: 'Dan Dimitrov',
    note: 'Third-year medical student. Asking the questions everyone has.',
    role: 'user' as UserRole,
  },
  {
    username: 'mo',
    displayName: 'Mo Moderator',
    note: 'Community moderator for this server.',
    role: 'moderator' as UserRole,
  },
] as const;

export type PersonaName = (typeof PERSONAS)[number]['username'];

export async function seedPersonas(ctx: AppContext): Promise<Record<PersonaName, AccountRow>> {
  const out = {} as Record<PersonaName, AccountRow>;
  for (const p of PERSONAS) {
    const { account } = await createLocalAccount(ctx, {
      username: p.username,
      email: `${p.username}@rounds.example`,
      password: DEMO_PASSWORD,
      displayName: p.displayName,
      note: p.note,
      role: p.role,
    });
    out[p.username] = account;
  }
  return out;
}

/** Posts, replies, follows and a teaching thread; filled in with the statuses domain. */
export async function seedPosts(_ctx: AppContext, _people: Record<PersonaName, AccountRow>): Promise<number> {
  return 0;
}
