import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { type Api, createApi } from '../api/client.ts';
import type { CredentialAccount } from '../api/types.ts';
import { clearAllDrafts } from '../lib/drafts.ts';
import { readJson, removeKey, session as sessionStore, writeJson } from '../lib/storage.ts';
import { endBrowserSession, revokeToken } from './oauth.ts';

const TOKEN_KEY = 'rounds:token';

export interface Session {
  token: string;
  account: CredentialAccount;
}

interface SessionValue {
  session: Session | null;
  api: Api;
  /** Why the person was signed out without asking (their token was revoked or expired). */
  ended: boolean;
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** The token a previous page load of this tab kept (session storage dies with the tab). */
export function storedToken(): string | null {
  return readJson<string>(sessionStore(), TOKEN_KEY);
}

export function forgetStoredToken(): void {
  removeKey(sessionStore(), TOKEN_KEY);
}

/** Reads the signed-in account for a token; null when the server no longer accepts it. */
export async function loadSession(api: Api, token: string): Promise<Session | null> {
  try {
    const account = await api.request<CredentialAccount>('/api/v1/accounts/verify_credentials', { token });
    return { token, account };
  } catch {
    return null;
  }
}

/**
 * The signed-in person: the token lives in memory and in this tab's session storage (gone when the
 * tab closes), never in cookies or local storage.
 */
export function SessionProvider(props: { initial: Session | null; children: ReactNode }) {
  const [current, setCurrent] = useState<Session | null>(props.initial);
  const [ended, setEnded] = useState(false);
  const tokenRef = useRef<string | null>(props.initial?.token ?? null);

  const clear = useCallback(() => {
    tokenRef.current = null;
    removeKey(sessionStore(), TOKEN_KEY);
    setCurrent(null);
  }, []);

  const api = useMemo(
    () =>
      createApi(
        () => tokenRef.current,
        () => {
          clear();
          setEnded(true);
        },
      ),
    [clear],
  );

  const signIn = useCallback(
    async (token: string) => {
      const next = await loadSession(api, token);
      if (!next) throw new Error('The new token was not accepted');
      tokenRef.current = token;
      writeJson(sessionStore(), TOKEN_KEY, token);
      setEnded(false);
      setCurrent(next);
    },
    [api],
  );

  const signOut = useCallback(async () => {
    const token = tokenRef.current;
    try {
      if (token) await revokeToken(api, token);
    } finally {
      await endBrowserSession();
      clearAllDrafts();
      clear();
      setEnded(false);
    }
  }, [api, clear]);

  const value = useMemo(
    () => ({ session: current, api, ended, signIn, signOut }),
    [current, api, ended, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
