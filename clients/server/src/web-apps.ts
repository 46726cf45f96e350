import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';

/** The four apps, each built by `ng build <name>` into clients/dist/<name>/browser. */
export const WEB_APPS = ['customer', 'supplier', 'employee', 'ops'] as const;
export type WebAppName = (typeof WEB_APPS)[number];

export interface WebAppsOptions {
  /** clients/dist: one folder per app. */
  distDir: string;
  /** What the browser is told about where the gateway is (served as config.json). */
  gatewayPublicUrl: string;
}

/** Hashed bundles never change under their name; index.html and config.json always may. */
const IMMUTABLE = /\.[0-9A-Z]{8}\.(js|css)$|-[0-9A-Z]{8}\.(js|css)$/;

export function appDir(distDir: string, app: WebAppName): string {
  return path.join(distDir, app, 'browser');
}

export function builtApps(distDir: string): WebAppName[] {
  return WEB_APPS.filter((app) => fs.existsSync(path.join(appDir(distDir, app), 'index.html')));
}

/**
 * Content-Security-Policy for the apps: scripts only from here, API calls only
 * to here and the gateway. Angular adds component styles as <style> elements,
 * hence inline styles.
 */
export function contentSecurityPolicy(gatewayPublicUrl: string): string {
  const gateway = new URL(gatewayPublicUrl).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${gateway}`,
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Serves each built app under /<app>/ with a single-page fallback (any path of
 * an app that isn't a file is its index.html, so deep links and reloads work),
 * config.json beside each index.html, and / → /customer/.
 */
export function mountWebApps(app: Express, options: WebAppsOptions): void {
  const config = JSON.stringify({ gatewayUrl: options.gatewayPublicUrl });
  const csp = contentSecurityPolicy(options.gatewayPublicUrl);

  app.get('/', (_req, res) => res.redirect(302, '/customer/'));
  // An app's bare name gets its slash, so relative URLs resolve under its base href.
  // (Express routes ignore a trailing slash, so this can't be an app.get('/customer').)
  app.use((req, res, next) => {
    const bare = WEB_APPS.find((name) => req.path === `/${name}`);
    if (bare === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.redirect(301, `/${bare}/`);
  });

  for (const name of WEB_APPS) {
    const root = appDir(options.distDir, name);
    const router = express.Router();
    router.use((_req, res, next) => {
      res.setHeader('Content-Security-Policy', csp);
      next();
    });
    router.get('/config.json', (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.type('application/json').send(config);
    });
    router.use(
      express.static(root, {
        index: false,
        redirect: false,
        setHeaders: (res, file) => {
          res.setHeader(
            'Cache-Control',
            IMMUTABLE.test(path.basename(file))
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
          );
        },
      }),
    );
    router.get('/{*rest}', (req: Request, res: Response, next: NextFunction) => {
      // A missing asset is a 404, not the page: only navigations fall back.
      if (path.extname(req.path) !== '' || !req.accepts('html')) return next();
      const index = path.join(root, 'index.html');
      if (!fs.existsSync(index)) {
        res
          .status(503)
          .type('text/plain')
          .send(`The ${name} app is not built yet: run \`npm run build\`.\n`);
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
    app.use(`/${name}/`, router);
  }
}
