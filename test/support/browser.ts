import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { repoRoot } from '../../scripts/lib/paths';
import { eventually } from './eventually';
import type { Stack } from './stack';

/**
 * The web apps in Debian's Chromium, driven by playwright-core: the browser, its
 * pages, and the moves a person makes on the apps' screens (signing in, the
 * navigation, sections and table rows), with screenshots for people to look at.
 */

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright gives every launch a fresh --user-data-dir of its own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...process.env, HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'astro-chromium-')) },
  });
}

/** Where the browser finds the apps: by name, as a person would reach them. */
export function webAppsUrl(stack: Stack): string {
  return stack.baseUrls.web.replace('127.0.0.1', 'localhost');
}

/** A page in a context of its own (its own storage, so its own session). */
export async function newPage(browser: Browser, width = 1280, height = 860): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Numbered screenshots in test-results/<folder>/ (not committed), emptied at start. */
export class Screenshots {
  private taken = 0;
  readonly dir: string;

  constructor(folder: string) {
    this.dir = path.join(repoRoot, 'test-results', folder);
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
  }

  async take(page: Page, name: string): Promise<void> {
    this.taken += 1;
    await page.screenshot({
      path: path.join(this.dir, `${String(this.taken).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  }

  /** Runs `step`; when it fails, the page as it was is kept (see `keepFailed`). */
  async keepOnFailure<T>(page: Page, name: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      await this.keepFailed(page, name);
      throw error;
    }
  }

  /** The page as it is, image and DOM, as FAILED-<name>: what a failed step left on screen. */
  async keepFailed(page: Page, name: string): Promise<void> {
    await page
      .screenshot({ path: path.join(this.dir, `FAILED-${name}.png`), fullPage: true })
      .catch(() => undefined);
    await page
      .content()
      .then((html) => fs.writeFileSync(path.join(this.dir, `FAILED-${name}.html`), html))
      .catch(() => undefined);
  }
}

/** Signs in on the sign-in screen of `app` (customer, supplier, employee, ops) at `web`. */
export async function signIn(
  page: Page,
  web: string,
  app: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${web}/${app}/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.includes('/sign-in'));
}

/** Goes to a section of the app by its navigation link. */
export async function openSection(page: Page, section: string): Promise<void> {
  const link = page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: section, exact: true });
  await link.click();
  await link.and(page.locator('[aria-current="page"]')).waitFor();
}

/** A section of a page, found by its heading (sections are labelled by them). */
export function region(page: Page, name: string): Locator {
  return page.getByRole('region', { name });
}

/** A table row that mentions all of `texts`. */
export function row(page: Page, ...texts: string[]): Locator {
  return texts.reduce((rows, text) => rows.filter({ hasText: text }), page.getByRole('row'));
}

/** Asks again (the page reloads) until `locator` shows up: for what other stores catch up on. */
export async function reloadUntilVisible(
  page: Page,
  locator: Locator,
  timeoutMs: number,
): Promise<void> {
  await eventually(
    async () => {
      if (await locator.first().isVisible()) return true;
      await page.reload();
      await page.waitForLoadState('networkidle');
      return (await locator.first().isVisible()) || undefined;
    },
    { timeoutMs, intervalMs: 1_000, what: `${locator.toString()} to show up` },
  );
}

/**
 * Element ids the page uses more than once: a label or an aria reference to such
 * an id names the first element, often the wrong one.
 */
export function repeatedIds(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  })()`);
}

/** A `datetime-local` value `daysAhead` days from now at 14:30, in UTC (the tests' and the browser's zone). */
export function localDateTime(daysAhead: number): string {
  const date = new Date(Date.now() + daysAhead * 86_400_000);
  date.setUTCHours(14, 30, 0, 0);
  return date.toISOString().slice(0, 16);
}
