// Who is signed in: the token kept in this browser and the user the server says it belongs to. Pages
// read it through useSession(); signing in checks the token with GET /me before keeping it.
import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useState } from "preact/hooks";
import { api, ApiError } from "./api/client";
import { storedToken, storeToken } from "./api/token";
import type { Me } from "./api/types";

export interface Session {
  me: Me | null;
  checking: boolean; // the stored token is being checked with the server
  notice: string | null; // why a stored token was dropped
  signIn(token: string): Promise<Me>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(() => storedToken() !== null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!storedToken()) return;
    api
      .me()
      .then(setMe)
      .catch((e: ApiError) => {
        // A token the server refuses (revoked, user disabled) is of no more use; any other failure
        // (server down) keeps it for the next visit.
        if (e.status === 401) storeToken(null);
        setNotice(`Not signed in: ${e.message}`);
      })
      .finally(() => setChecking(false));
  }, []);

  const signIn = useCallback(async (token: string) => {
    const user = await api.me(token);
    storeToken(token);
    setMe(user);
    setNotice(null);
    return user;
  }, []);

  const signOut = useCallback(() => {
    storeToken(null);
    setMe(null);
  }, []);

  return (
    <SessionContext.Provider value={{ me, checking, notice, signIn, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

// Organizers and admins manage problems and competitions and see every submission.
export function canOrganize(me: Me | null): boolean {
  return me?.role === "organizer" || me?.role === "admin";
}
