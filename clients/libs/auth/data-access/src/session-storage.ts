import { InjectionToken } from '@angular/core';
import { parseSession, type Session } from './session';

/**
 * Where the session lives between page loads. Each app keeps its own, so a
 * supplier and a customer can be signed in side by side in one browser.
 */
export const SESSION_STORAGE_KEY = new InjectionToken<string>('SESSION_STORAGE_KEY');

/** The browser storage the session is kept in; tests give their own. */
export const SESSION_STORAGE = new InjectionToken<Storage>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => localStorage,
});

export class SessionPersistence {
  constructor(
    private readonly storage: Storage,
    readonly key: string,
  ) {}

  read(): Session | null {
    try {
      return parseSession(this.storage.getItem(this.key));
    } catch {
      return null;
    }
  }

  write(session: Session | null): void {
    try {
      if (session) this.storage.setItem(this.key, JSON.stringify(session));
      else this.storage.removeItem(this.key);
    } catch {
      // Storage full or disabled (private mode): the session still lives in memory.
    }
  }
}
