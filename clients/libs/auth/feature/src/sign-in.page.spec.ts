import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  AUTH_APP,
  requireAppRole,
  SESSION_STORAGE,
  SESSION_STORAGE_KEY,
  SessionStore,
  type AuthAppConfig,
} from '@web/auth/data-access';
import { GATEWAY_URL } from '@web/shared/data-access';
import { safeReturnUrl, SignInPage } from './sign-in.page';

const GATEWAY = 'http://gateway.test/graphql';
const APP: AuthAppConfig = {
  audience: 'suppliers',
  role: 'SUPPLIER',
  home: '/launches',
  allowSignUp: false,
};

@Component({ template: '<h1>Launches page</h1>' })
class LaunchesStub {}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SignInPage and the role guard', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'sign-in', component: SignInPage },
          { path: 'launches', component: LaunchesStub, canActivate: [requireAppRole] },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: GATEWAY_URL, useValue: GATEWAY },
        { provide: AUTH_APP, useValue: APP },
        { provide: SESSION_STORAGE, useValue: sessionStorage },
        { provide: SESSION_STORAGE_KEY, useValue: 'test.session' },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  async function submit(email: string, password: string): Promise<void> {
    const root = harness.routeNativeElement!;
    const type = (selector: string, value: string) => {
      const input = root.querySelector<HTMLInputElement>(selector)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('#email', email);
    type('#password', password);
    harness.detectChanges();
    root.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
    await settle();
  }

  function answerLogin(body: object): void {
    http.expectOne(GATEWAY).flush(body);
  }

  it('keeps a visitor without the role out, and sends them to sign in', async () => {
    await harness.navigateByUrl('/launches');
    expect(TestBed.inject(Router).url).toBe('/sign-in?returnUrl=%2Flaunches');
    expect(harness.routeNativeElement!.textContent).toContain('AstroBookings · suppliers');
    expect(harness.routeNativeElement!.textContent).toContain('created by AstroBookings employees');
  });

  it('signs a supplier in and goes back where they were headed', async () => {
    await harness.navigateByUrl('/sign-in?returnUrl=%2Flaunches');
    await submit('sam@rockets.test', 'correct horse 7');
    answerLogin({
      data: {
        login: {
          accessToken: 'a',
          refreshToken: 'r',
          expiresIn: 900,
          user: { id: 's', email: 'sam@rockets.test', name: 'Sam', roles: ['SUPPLIER'] },
        },
      },
    });
    await settle();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/launches');
    expect(harness.routeNativeElement!.textContent).toContain('Launches page');
  });

  it('says a wrong email or password without saying which', async () => {
    await harness.navigateByUrl('/sign-in');
    await submit('sam@rockets.test', 'wrong');
    answerLogin({
      data: null,
      errors: [{ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    await settle();
    harness.detectChanges();
    const alert = harness.routeNativeElement!.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The email or password is not right.');
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
  });

  it('refuses an account without the app’s role, and doesn’t keep its session', async () => {
    await harness.navigateByUrl('/sign-in');
    await submit('cat@example.com', 'correct horse 7');
    answerLogin({
      data: {
        login: {
          accessToken: 'a',
          refreshToken: 'r',
          expiresIn: 900,
          user: { id: 'c', email: 'cat@example.com', name: 'Cat', roles: ['CUSTOMER'] },
        },
      },
    });
    await settle();
    http.expectOne(GATEWAY).flush({ data: { logout: true } });
    await settle();
    harness.detectChanges();
    expect(harness.routeNativeElement!.querySelector('[role="alert"]')?.textContent).toContain(
      'The account cat@example.com cannot use the app for suppliers.',
    );
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
  });

  it('returns only to paths inside the app', () => {
    expect(safeReturnUrl('/launches/42', '/home')).toBe('/launches/42');
    expect(safeReturnUrl('https://evil.test/', '/home')).toBe('/home');
    expect(safeReturnUrl('//evil.test/', '/home')).toBe('/home');
    expect(safeReturnUrl('/sign-in', '/home')).toBe('/home');
    expect(safeReturnUrl(undefined, '/home')).toBe('/home');
  });
});
