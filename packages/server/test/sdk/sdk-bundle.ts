import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../emulator/test/helpers/browser.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bundle = `${root}packages/sdk/dist/paykit.iife.js`;

/** The SDK's one-file IIFE bundle, built first when this checkout has not built it yet. */
export function sdkBundle(): string {
  if (!existsSync(bundle)) execFileSync(process.execPath, ['packages/sdk/build.mjs'], { cwd: root, stdio: 'pipe' });
  return readFileSync(bundle, 'utf8');
}

/** A blank app page on an origin of its own, so the SDK talks to paykit across origins as in a real app. */
export async function serveAppPage() {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>App</title><p>App</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface SdkPage {
  browser: Browser;
  context: BrowserContext;
  /** The app page, with the SDK's IIFE bundle loaded (`window.Paykit`). */
  page: Page;
  close(): Promise<void>;
}

/** Chromium on an app page of its own origin with the SDK bundle loaded, as a real app embeds it. */
export async function openSdkPage(): Promise<SdkPage> {
  const browser = await launchChromium();
  const appPage = await serveAppPage();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appPage.url);
  await page.addScriptTag({ content: sdkBundle() });
  return {
    browser,
    context,
    page,
    async close() {
      await browser.close();
      await appPage.close();
    },
  };
}
