import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { GATEWAY_URL } from '@web/shared/data-access';
import type { Session } from './session';
import { SESSION_STORAGE, SESSION_STORAGE_KEY } from './session-storage';
import { REFRESH_MARGIN_MS, SessionStore } from './session.store';

const GATEWAY = 'http://gateway.test/graphql';
const KEY = 'astrobookings.test.session';
const USER = { id: 'u1', email: 'ada@example.com', name: 'Ada', roles: ['CUSTOMER' as const] };

/** A Storage of its own per test (jsdom's localStorage would leak between tests). */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What the store sent: a GraphQL request body. */
const sent = (request: TestRequest) =>
  request.request.body as { query: string; variables: Record<string, unknown> };

function session(overrides: Partial<Session> = {}): Session {
  return {
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresAt: Date.now() + 15 * 60_000,
    user: USER,
    ...overrides,
  };
}

describe('SessionStore', () => {
  let storage: MemoryStorage;
  let http: HttpTestingController;

  function start(): SessionStore {
    TestBed.configureTestingModule({
      providers: [
        { provide: GATEWAY_URL, useValue: GATEWAY },
        { provide: SESSION_STORAGE, useValue: storage },
        { provide: SESSION_STORAGE_KEY, useValue: KEY },
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    return TestBed.inject(SessionStore);
  }

  function stored(): Session | null {
    const raw = storage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  }

  function expectOperation(name: string) {
    const request = http.expectOne(
      (req) => req.url === GATEWAY && (req.body as { query: string }).query.includes(name),
    );
    return request;
  }

  beforeEach(() => {
    storage = new MemoryStorage();
  });

  afterEach(() => http.verify());

  it('signs in and keeps the session where a reload finds it', async () => {
    const store = start();
    const signingIn = store.signIn(' ada@example.com ', 'secret password 1');
    const login = expectOperation('mutation Login');
    expect(sent(login).variables).toEqual({
      email: 'ada@example.com',
      password: 'secret password 1',
    });
    login.flush({
      data: {
        login: { accessToken: 'a1', refreshToken: 'r1', expiresIn: 900, user: USER },
      },
    });
    await expect(signingIn).resolves.toEqual(USER);
    expect(store.signedIn()).toBe(true);
    expect(store.user()?.name).toBe('Ada');
    expect(store.hasRole('CUSTOMER')).toBe(true);
    expect(store.hasRole('EMPLOYEE')).toBe(false);
    expect(stored()?.refreshToken).toBe('r1');

    // A reload: a new store over the same storage.
    TestBed.resetTestingModule();
    const reloaded = start();
    expect(reloaded.user()).toEqual(USER);
    await expect(reloaded.accessToken()).resolves.toBe('a1');
  });

  it('registers customers and signs them in', async () => {
    const store = start();
    const registering = store.register({ name: ' Ada ', email: 'ada@example.com', password: 'pw' });
    const request = expectOperation('mutation Register');
    expect(sent(request).variables['input']).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      password: 'pw',
    });
    request.flush({
      data: { register: { accessToken: 'a1', refreshToken: 'r1', expiresIn: 900, user: USER } },
    });
    await registering;
    expect(store.signedIn()).toBe(true);
  });

  it('ignores a stored value that is not a session', () => {
    storage.setItem(KEY, '{"accessToken":1}');
    expect(start().signedIn()).toBe(false);
    TestBed.resetTestingModule();
    storage.setItem(KEY, 'not json');
    expect(start().signedIn()).toBe(false);
  });

  it('uses the access token while it is fresh', async () => {
    storage.setItem(KEY, JSON.stringify(session()));
    const store = start();
    await expect(store.accessToken()).resolves.toBe('access-1');
    http.expectNone(GATEWAY);
  });

  it('refreshes silently before the token expires, once for concurrent callers', async () => {
    storage.setItem(
      KEY,
      JSON.stringify(session({ expiresAt: Date.now() + REFRESH_MARGIN_MS - 1 })),
    );
    const store = start();
    const first = store.accessToken();
    const second = store.accessToken();
    await settle();
    const refresh = expectOperation('mutation Refresh');
    expect(sent(refresh).variables).toEqual({ refreshToken: 'refresh-1' });
    expect(refresh.request.headers.has('authorization')).toBe(false);
    refresh.flush({
      data: {
        refreshToken: { accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 900 },
      },
    });
    await expect(first).resolves.toBe('access-2');
    await expect(second).resolves.toBe('access-2');
    expect(stored()).toMatchObject({
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
      user: USER,
    });
    expect(stored()!.expiresAt).toBeGreaterThan(Date.now() + 800_000);
  });

  it('uses the tokens another tab refreshed instead of presenting a rotated one', async () => {
    storage.setItem(KEY, JSON.stringify(session({ expiresAt: Date.now() - 1000 })));
    const store = start();
    // The other tab refreshed meanwhile: its tokens are in storage.
    storage.setItem(
      KEY,
      JSON.stringify(session({ accessToken: 'tab-2', refreshToken: 'refresh-tab-2' })),
    );
    await expect(store.accessToken()).resolves.toBe('tab-2');
    http.expectNone(GATEWAY);
  });

  it('follows other tabs through storage events', () => {
    storage.setItem(KEY, JSON.stringify(session()));
    const store = start();
    storage.removeItem(KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: KEY }));
    expect(store.signedIn()).toBe(false);
    storage.setItem(KEY, JSON.stringify(session({ user: { ...USER, name: 'Grace' } })));
    window.dispatchEvent(new StorageEvent('storage', { key: KEY }));
    expect(store.user()?.name).toBe('Grace');
  });

  it('ends the session when the refresh token is refused', async () => {
    storage.setItem(KEY, JSON.stringify(session()));
    const store = start();
    const recovering = store.recoverFromRejection();
    await settle();
    expectOperation('mutation Refresh').flush({
      data: null,
      errors: [{ message: 'revoked', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    await expect(recovering).resolves.toBe(false);
    expect(store.signedIn()).toBe(false);
    expect(stored()).toBeNull();
  });

  it('keeps the session when the gateway can’t be reached for a refresh', async () => {
    storage.setItem(KEY, JSON.stringify(session({ expiresAt: Date.now() })));
    const store = start();
    const token = store.accessToken();
    await settle();
    expectOperation('mutation Refresh').error(new ProgressEvent('error'), { status: 0 });
    await expect(token).rejects.toEqual(expect.objectContaining({ code: 'NETWORK' }));
    expect(store.signedIn()).toBe(true);
  });

  it('signs out: the gateway forgets the refresh token, the browser the session', async () => {
    storage.setItem(KEY, JSON.stringify(session()));
    const store = start();
    const signingOut = store.signOut();
    await settle();
    const logout = expectOperation('mutation Logout');
    expect(sent(logout).variables).toEqual({ refreshToken: 'refresh-1' });
    expect(logout.request.headers.get('authorization')).toBe('Bearer access-1');
    logout.flush({ data: { logout: true } });
    await signingOut;
    expect(store.signedIn()).toBe(false);
    expect(stored()).toBeNull();
  });

  it('signs out locally even when the gateway can’t be told', async () => {
    storage.setItem(KEY, JSON.stringify(session()));
    const store = start();
    const signingOut = store.signOut();
    await settle();
    expectOperation('mutation Logout').error(new ProgressEvent('error'), { status: 0 });
    await signingOut;
    expect(store.signedIn()).toBe(false);
  });

  it('signs out everywhere with the caller’s token', async () => {
    storage.setItem(KEY, JSON.stringify(session()));
    const store = start();
    const everywhere = store.signOutEverywhere();
    await settle();
    const request = expectOperation('mutation LogoutEverywhere');
    expect(request.request.headers.get('authorization')).toBe('Bearer access-1');
    request.flush({ data: { logoutEverywhere: true } });
    await everywhere;
    expect(store.signedIn()).toBe(false);
  });

  it('stays signed in when signing out everywhere fails, so the person can try again', async () => {
    storage.setItem(KEY, JSON.stringify(session()));
    const store = start();
    const everywhere = store.signOutEverywhere();
    await settle();
    expectOperation('mutation LogoutEverywhere').error(new ProgressEvent('error'), { status: 0 });
    await expect(everywhere).rejects.toEqual(expect.objectContaining({ code: 'NETWORK' }));
    expect(store.signedIn()).toBe(true);
  });

  it('reads the user again with Me', async () => {
    storage.setItem(KEY, JSON.stringify(session()));
    const store = start();
    const reloading = store.reloadUser();
    await settle();
    expectOperation('query Me').flush({
      data: { me: { ...USER, roles: ['CUSTOMER', 'OPERATOR'] } },
    });
    await reloading;
    expect(store.hasRole('OPERATOR')).toBe(true);
    expect(stored()?.user.roles).toEqual(['CUSTOMER', 'OPERATOR']);
  });
});
