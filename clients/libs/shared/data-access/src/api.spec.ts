import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { ACCESS_TOKEN_SOURCE, provideApi, type AccessTokenSource } from './provide-api';
import { GATEWAY_URL } from './config';
import { injectMutation, injectQuery } from './query';

const GATEWAY = 'http://gateway.test/graphql';
const PING = gql`
  query Ping($n: Int) {
    ping(n: $n)
  }
` as TypedDocumentNode<{ ping: string }, { n?: number | null }>;
const SAVE = gql`
  mutation Save($name: String!) {
    save(name: $name)
  }
` as TypedDocumentNode<{ save: boolean }, { name: string }>;

/** What Apollo sent: a GraphQL request body. */
const sent = (request: TestRequest) =>
  request.request.body as { operationName: string; variables: Record<string, unknown> };

/** Lets promise chains (the bearer link awaits the token) reach the HTTP layer. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the API client (Apollo over HttpClient, with the session’s token)', () => {
  let http: HttpTestingController;
  let token: string | null;
  let recover: jest.Mock<Promise<boolean>, []>;
  let source: AccessTokenSource;

  beforeEach(() => {
    token = 'token-1';
    recover = jest.fn(() => {
      token = 'token-2';
      return Promise.resolve(true);
    });
    source = {
      accessToken: () => Promise.resolve(token),
      recoverFromRejection: recover,
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: GATEWAY_URL, useValue: GATEWAY },
        { provide: ACCESS_TOKEN_SOURCE, useValue: source },
        provideApi(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function nextRequest() {
    TestBed.tick();
    await settle();
    return http.expectOne(GATEWAY);
  }

  it('sends the bearer token and shows loading, then the data', async () => {
    const state = TestBed.runInInjectionContext(() => injectQuery(PING, () => ({ n: 1 })));
    const request = await nextRequest();
    expect(request.request.headers.get('authorization')).toBe('Bearer token-1');
    expect(sent(request)).toMatchObject({ operationName: 'Ping', variables: { n: 1 } });
    expect(state.loading()).toBe(true);
    request.flush({ data: { ping: 'pong' } });
    await settle();
    expect(state.data()).toEqual({ ping: 'pong' });
    expect(state.loading()).toBe(false);
    expect(state.error()).toBeNull();
  });

  it('sends no Authorization header when signed out', async () => {
    token = null;
    TestBed.runInInjectionContext(() => injectQuery(PING, () => ({})));
    const request = await nextRequest();
    expect(request.request.headers.has('authorization')).toBe(false);
    request.flush({ data: { ping: 'pong' } });
  });

  it('puts a failure in words', async () => {
    const state = TestBed.runInInjectionContext(() => injectQuery(PING, () => ({})));
    (await nextRequest()).flush({
      data: null,
      errors: [{ message: 'Launch not found', extensions: { code: 'NOT_FOUND' } }],
    });
    await settle();
    expect(state.error()?.code).toBe('NOT_FOUND');
    expect(state.error()?.message).toBe('Launch not found.');
    expect(state.loading()).toBe(false);
  });

  it('refreshes the session once when the gateway refuses the token, then retries', async () => {
    const state = TestBed.runInInjectionContext(() => injectQuery(PING, () => ({})));
    (await nextRequest()).flush({
      data: null,
      errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    await settle();
    const retry = http.expectOne(GATEWAY);
    expect(recover).toHaveBeenCalledTimes(1);
    expect(retry.request.headers.get('authorization')).toBe('Bearer token-2');
    retry.flush({ data: { ping: 'again' } });
    await settle();
    expect(state.data()).toEqual({ ping: 'again' });
  });

  it('gives up when the session can’t be renewed, and never loops', async () => {
    recover.mockResolvedValue(false);
    const state = TestBed.runInInjectionContext(() => injectQuery(PING, () => ({})));
    (await nextRequest()).flush({
      data: null,
      errors: [{ message: 'revoked', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    await settle();
    http.expectNone(GATEWAY);
    expect(state.error()?.code).toBe('UNAUTHENTICATED');
  });

  it('skips while the variables are null and runs again when they change', async () => {
    const n = signal<number | null>(null);
    const state = TestBed.runInInjectionContext(() =>
      injectQuery(PING, () => (n() === null ? null : { n: n() })),
    );
    TestBed.tick();
    await settle();
    http.expectNone(GATEWAY);
    expect(state.loading()).toBe(false);
    n.set(2);
    const request = await nextRequest();
    expect(sent(request).variables).toEqual({ n: 2 });
    request.flush({ data: { ping: 'two' } });
    await settle();
    state.reload();
    (await nextRequest()).flush({ data: { ping: 'two again' } });
    await settle();
    expect(state.data()).toEqual({ ping: 'two again' });
  });

  it('polls while asked to', async () => {
    const state = TestBed.runInInjectionContext(() =>
      injectQuery(PING, () => ({}), { pollInterval: 20 }),
    );
    (await nextRequest()).flush({ data: { ping: 'first' } });
    await new Promise((resolve) => setTimeout(resolve, 40));
    http.expectOne(GATEWAY).flush({ data: { ping: 'second' } });
    await settle();
    expect(state.data()).toEqual({ ping: 'second' });
    // A poll doesn't blank the screen with a loading state.
    expect(state.loading()).toBe(false);
    TestBed.resetTestingModule();
  });

  it('runs a mutation: the result, or null with the reason', async () => {
    const save = TestBed.runInInjectionContext(() => injectMutation(SAVE));
    const first = save.run({ name: 'Falcon' });
    expect(save.pending()).toBe(true);
    await settle();
    http.expectOne(GATEWAY).flush({ data: { save: true } });
    await expect(first).resolves.toEqual({ save: true });
    expect(save.pending()).toBe(false);

    const second = save.run({ name: '' });
    await settle();
    http.expectOne(GATEWAY).flush({
      data: null,
      errors: [{ message: 'Name must not be empty', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    await expect(second).resolves.toBeNull();
    expect(save.error()?.message).toBe('Name must not be empty.');
    save.reset();
    expect(save.error()).toBeNull();
  });
});
