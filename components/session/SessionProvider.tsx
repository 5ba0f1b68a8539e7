'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { AuthMode, Role } from '../../server/contract';

export interface SessionInfo {
  role: Role;
  authMode: AuthMode;
}

const SessionContext = createContext<SessionInfo>({ role: 'none', authMode: 'password' });

/**
 * Who the page was rendered for, as the server's gate decided. Only for
 * what to show: the server enforces every permission on its own.
 */
export function SessionProvider({ value, children }: { value: SessionInfo; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionInfo {
  return useContext(SessionContext);
}

/** Viewers see everything but the buttons that change something. */
export function useCanWrite(): boolean {
  const { role } = useSession();
  return role === 'admin' || role === 'api';
}
