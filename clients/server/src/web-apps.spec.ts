import express from 'express';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { builtApps, contentSecurityPolicy, mountWebApps } from './web-apps';

const GATEWAY = 'http://localhost:4000/graphql';

describe('the web apps server', () => {
  let dist: string;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'astro-web-'));
    // Only the customer and ops apps are "built" here.
    for (const app of ['customer', 'ops']) {
      const dir = path.join(dist, app, 'browser');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'index.html'), `<html><body>${app} app</body></html>`);
      fs.writeFileSync(path.join(dir, 'main-ABCD1234.js'), 'console.log(1)');
      fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
    }
    const app = express();
    mountWebApps(app, { distDir: dist, gatewayPublicUrl: GATEWAY });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, accept = 'text/html') =>
    fetch(`${base}${url}`, { headers: { accept }, redirect: 'manual' });

  it('knows which apps are built', () => {
    expect(builtApps(dist)).toEqual(['customer', 'ops']);
  });

  it('answers every page of an app with its index.html, never cached', async () => {
    for (const url of ['/customer/', '/customer/launches', '/customer/launches/42?x=1']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('customer app');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
    expect(await (await get('/ops/logs')).text()).toContain('ops app');
  });

  it('serves hashed bundles as immutable and other files as revalidated', async () => {
    const bundle = await get('/customer/main-ABCD1234.js', '*/*');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    const icon = await get('/customer/favicon.svg', '*/*');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing file with 404, not the page', async () => {
    expect((await get('/customer/chunk-MISSING0.js', '*/*')).status).toBe(404);
  });

  it('tells each app where the gateway is', async () => {
    for (const app of ['customer', 'supplier']) {
      const response = await get(`/${app}/config.json`, 'application/json');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ gatewayUrl: GATEWAY });
    }
  });

  it('lets pages call only this server and the gateway', async () => {
    const policy = (await get('/customer/')).headers.get('content-security-policy') ?? '';
    expect(policy).toContain("connect-src 'self' http://localhost:4000;");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy('https://api.example.com/graphql')).toContain(
      "connect-src 'self' https://api.example.com;",
    );
  });

  it('says an app is not built yet instead of failing obscurely', async () => {
    const response = await get('/supplier/launches');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });

  it('sends the bare root and app names to the app', async () => {
    const root = await get('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/customer/');
    const bare = await get('/ops');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/ops/');
  });
});
