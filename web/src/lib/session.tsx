// Who is signed in: the token in localStorage, the user from /auth/me, and where each role starts.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, getToken, setToken, setUnauthenticatedHandler } from './api.ts';

export type Me = {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  areaCode: string;
  unitId: number | null;
  scope: string;
  permissions: string[];
};

type Session = {
  me: Me | null;
  loading: boolean;
  /** Why the last session ended, shown on the login page (expired, disabled). */
  endedBecause: string | null;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(!!getToken());
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  useEffect(() => {
    setUnauthenticatedHandler((code) => {
      setToken(null);
      setMe(null);
      setEndedBecause(code);
    });
    if (!getToken()) return;
    api<Me>('/auth/me')
      .then(setMe)
      .catch(() => setToken(null))
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const { token } = await api<{ token: string }>('/auth/login', { body: { username, password } });
    setToken(token);
    const user = await api<Me>('/auth/me');
    setEndedBecause(null);
    setMe(user);
    return user;
  }, []);

  const logout = useCallback(async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    setToken(null);
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, loading, endedBecause, login, logout }), [me, loading, endedBecause, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = () => {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
};

export const hasRole = (me: Me | null, ...roles: string[]) => !!me && me.roles.some((r) => roles.includes(r));
export const can = (me: Me | null, permission: string) => !!me && me.permissions.includes(permission);

// Where each role starts: grid staff on the phone pages, admins on their duty, the rest in the console.
const HOMES: [roles: string[], path: string][] = [
  [['grid_worker', 'grid_leader'], '/field'],
  [['street_operator', 'county_operator', 'handler', 'mediator'], '/console'],
  [['leader'], '/console/overview'],
  [['sys_admin', 'sec_admin'], '/console/admin/users'],
  [['auditor'], '/console/admin/audit'],
  [['resident'], '/me/code'],
];
export const homeOf = (me: Me) => HOMES.find(([roles]) => hasRole(me, ...roles))?.[1] ?? '/public';
