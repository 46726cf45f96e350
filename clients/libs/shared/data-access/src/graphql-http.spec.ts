import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { ApiError } from './api-error';
import { GATEWAY_URL } from './config';
import { GraphqlHttp } from './graphql-http';

const GATEWAY = 'http://gateway.test/graphql';
const LOGIN = gql`
  mutation Login($email: String!) {
    login(email: $email)
  }
` as TypedDocumentNode<{ login: string }, { email: string }>;

const sent = (request: TestRequest) =>
  request.request.body as { query: string; variables: Record<string, unknown> };

describe('GraphqlHttp (the session’s own calls)', () => {
  let http: HttpTestingController;
  let client: GraphqlHttp;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        { provide: GATEWAY_URL, useValue: GATEWAY },
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(GraphqlHttp);
  });

  afterEach(() => http.verify());

  it('posts the printed document and variables, with a bearer token when given', async () => {
    const result = client.request(LOGIN, { email: 'a@b.test' }, 'access-1');
    const request = http.expectOne(GATEWAY);
    expect(request.request.method).toBe('POST');
    expect(request.request.headers.get('authorization')).toBe('Bearer access-1');
    expect(sent(request).query).toContain('mutation Login');
    expect(sent(request).variables).toEqual({ email: 'a@b.test' });
    request.flush({ data: { login: 'ok' } });
    await expect(result).resolves.toEqual({ login: 'ok' });
  });

  it('sends no Authorization header without a token', () => {
    void client.request(LOGIN, { email: 'a@b.test' }).catch(() => undefined);
    const request = http.expectOne(GATEWAY);
    expect(request.request.headers.has('authorization')).toBe(false);
    request.flush({ data: { login: 'ok' } });
  });

  it('throws the first error’s code', async () => {
    const result = client.request(LOGIN, { email: 'x' });
    http.expectOne(GATEWAY).flush({
      data: null,
      errors: [{ message: 'Wrong email or password', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    await expect(result).rejects.toEqual(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('throws RATE_LIMITED from a 429 and NETWORK when nothing answers', async () => {
    const limited = client.request(LOGIN, { email: 'x' });
    http
      .expectOne(GATEWAY)
      .flush(
        { errors: [{ message: 'Too many', extensions: { code: 'RATE_LIMITED' } }] },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await expect(limited).rejects.toBeInstanceOf(ApiError);
    await expect(limited).rejects.toEqual(expect.objectContaining({ code: 'RATE_LIMITED' }));

    const offline = client.request(LOGIN, { email: 'x' });
    http.expectOne(GATEWAY).error(new ProgressEvent('error'), { status: 0 });
    await expect(offline).rejects.toEqual(expect.objectContaining({ code: 'NETWORK' }));
  });
});
