/** Who is logged in, for every page. */
import { createContext, useContext } from 'react';
import type { Role, User } from './api/types';

export interface Session {
  user: User;
  logout: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a logged-in page');
  return s;
}

export const canReview = (role: Role) => role === 'reviewer' || role === 'admin' || role === 'owner';
export const isAdmin = (role: Role) => role === 'admin' || role === 'owner';
