import type { Role } from './generated/graphql';

export type { Role };

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

/** A signed-in session as kept in the browser. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
  user: SessionUser;
}

const ROLES: readonly string[] = ['CUSTOMER', 'SUPPLIER', 'EMPLOYEE', 'OPERATOR'];

/** A stored value, if it really is a session (storage may hold anything, from any version). */
export function parseSession(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session> | null;
    const user = value?.user;
    if (
      typeof value?.accessToken !== 'string' ||
      typeof value.refreshToken !== 'string' ||
      typeof value.expiresAt !== 'number' ||
      typeof user?.id !== 'string' ||
      typeof user.email !== 'string' ||
      typeof user.name !== 'string' ||
      !Array.isArray(user.roles) ||
      !user.roles.every((role) => ROLES.includes(role))
    ) {
      return null;
    }
    return value as Session;
  } catch {
    return null;
  }
}
