import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { ApiError, GraphqlHttp, type AccessTokenSource } from '@web/shared/data-access';
import {
  LoginDocument,
  LogoutDocument,
  LogoutEverywhereDocument,
  MeDocument,
  RefreshDocument,
  RegisterDocument,
  type RegisterInput,
} from './generated/graphql';
import type { Role, Session, SessionUser } from './session';
import { SESSION_STORAGE, SESSION_STORAGE_KEY, SessionPersistence } from './session-storage';

/** Refresh this long before the access token expires, so no call carries a dying token. */
export const REFRESH_MARGIN_MS = 30_000;

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * The signed-in session of this app: kept in storage so it survives a reload,
 * its access token refreshed silently before it expires, and shared with the
 * app's other tabs (what one tab signs in, refreshes or signs out, all do).
 */
@Injectable({ providedIn: 'root' })
export class SessionStore implements AccessTokenSource {
  private readonly api = inject(GraphqlHttp);
  private readonly persistence = new SessionPersistence(
    inject(SESSION_STORAGE),
    inject(SESSION_STORAGE_KEY),
  );
  private readonly state = signal<Session | null>(this.persistence.read());
  private refreshing?: Promise<Session | null>;

  readonly session = this.state.asReadonly();
  readonly user = computed(() => this.state()?.user ?? null);
  readonly signedIn = computed(() => this.state() !== null);

  constructor() {
    const onStorage = (event: StorageEvent) => {
      if (event.key === this.persistence.key || event.key === null) {
        this.state.set(this.persistence.read());
      }
    };
    window.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', onStorage));
  }

  hasRole(role: Role): boolean {
    return this.user()?.roles.includes(role) ?? false;
  }

  async signIn(email: string, password: string): Promise<SessionUser> {
    const { login } = await this.api.request(LoginDocument, { email: email.trim(), password });
    this.save(this.sessionFrom(login, login.user));
    return login.user;
  }

  async register(input: RegisterInput): Promise<SessionUser> {
    const { register } = await this.api.request(RegisterDocument, {
      input: { ...input, email: input.email.trim(), name: input.name.trim() },
    });
    this.save(this.sessionFrom(register, register.user));
    return register.user;
  }

  /** Reads the user again (roles may have changed since sign-in). */
  async reloadUser(): Promise<SessionUser | null> {
    const token = await this.accessToken();
    if (!token) return null;
    const { me } = await this.api.request(MeDocument, {}, token);
    const current = this.state();
    if (current) this.save({ ...current, user: me });
    return me;
  }

  /** Ends this browser's session; the local sign-out happens even when the gateway can't be told. */
  async signOut(): Promise<void> {
    const session = this.state();
    if (!session) return;
    try {
      const token = await this.accessToken();
      if (token) {
        await this.api.request(
          LogoutDocument,
          { refreshToken: this.state()?.refreshToken ?? '' },
          token,
        );
      }
    } catch {
      // The refresh token expires on its own; the person asked to be signed out here and now.
    } finally {
      this.save(null);
    }
  }

  /** Ends every session of this user on every device; fails (and stays signed in) if the gateway can't be told. */
  async signOutEverywhere(): Promise<void> {
    const token = await this.accessToken();
    if (!token) return;
    try {
      await this.api.request(LogoutEverywhereDocument, {}, token);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error;
    }
    this.save(null);
  }

  async accessToken(): Promise<string | null> {
    const session = this.state();
    if (!session) return null;
    if (session.expiresAt - Date.now() > REFRESH_MARGIN_MS) return session.accessToken;
    return (await this.refresh(session, false))?.accessToken ?? null;
  }

  async recoverFromRejection(): Promise<boolean> {
    const session = this.state();
    if (!session) return false;
    return (await this.refresh(session, true)) !== null;
  }

  private refresh(stale: Session, force: boolean): Promise<Session | null> {
    this.refreshing ??= this.withLock(() => this.refreshOnce(stale, force)).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshOnce(stale: Session, force: boolean): Promise<Session | null> {
    // Another tab may have refreshed while this one waited for the lock. Its
    // tokens are the live ones: presenting the old refresh token again would
    // look like theft and revoke the whole session.
    const latest = this.persistence.read() ?? this.state();
    if (!latest || latest.user.id !== stale.user.id) {
      this.state.set(latest);
      return latest;
    }
    if (latest.refreshToken !== stale.refreshToken) {
      this.state.set(latest);
      return latest;
    }
    if (!force && latest.expiresAt - Date.now() > REFRESH_MARGIN_MS) return latest;
    try {
      const { refreshToken } = await this.api.request(RefreshDocument, {
        refreshToken: latest.refreshToken,
      });
      const next = this.sessionFrom(refreshToken, latest.user);
      this.save(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        this.save(null);
        return null;
      }
      throw error;
    }
  }

  /** One refresh at a time across this app's tabs, where the browser can coordinate them. */
  private async withLock<T>(task: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (!locks) return task();
    return await locks.request(`astrobookings-session:${this.persistence.key}`, task);
  }

  private sessionFrom(tokens: Tokens, user: SessionUser): Session {
    return {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: Date.now() + tokens.expiresIn * 1000,
      user,
    };
  }

  private save(session: Session | null): void {
    this.persistence.write(session);
    this.state.set(session);
  }
}
