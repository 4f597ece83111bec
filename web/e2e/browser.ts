// Browser journeys: the real app on a copy of the seeded test database, listening on a port, driven
// by Debian's Chromium through playwright-core. Screenshots go to .tmp/screenshots (not committed).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import { startTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_PASSWORD } from '../../test/test-db.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const SHOTS = new URL('../../.tmp/screenshots/', import.meta.url);

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

// A real 1×1 PNG: the server checks photos by their content.
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export type Journey = { test: TestApp; base: string; browser: Browser; close: () => Promise<void> };

export const startJourney = async (): Promise<Journey> => {
  const test = await startTestApp();
  const base = await test.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(SHOTS, { recursive: true });
  return { test, base, browser, close: async () => { await browser.close(); await test.close(); } };
};

/** A browser of its own for one person, zh-CN in Shanghai, failing the test on any page error. */
export const personContext = async (j: Journey, viewport: { width: number; height: number }) => {
  const context = await j.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: j.base, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  context.setDefaultTimeout(15_000);
  return context;
};

export const watchErrors = (page: Page, errors: string[]) => page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));

export const login = async (context: BrowserContext, username: string, errors: string[]) => {
  const page = await context.newPage();
  watchErrors(page, errors);
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
};

export const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });

/**
 * Opens an antd Select and clicks the option with this text (after typing it, for a Select that
 * searches). It first waits for the list of an earlier Select to finish closing: while it fades out it
 * is still visible, holds the same options, and a click on it goes nowhere.
 */
export const pick = async (page: Page, select: Locator, text: string, typed = false) => {
  await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
  await select.click();
  if (typed) await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
};

/** Picks an option of an antd Select with search by typing part of its label. */
export const choose = (page: Page, testId: string, text: string) => pick(page, page.getByTestId(testId), text, true);

/**
 * Waits until the element's animations have finished. A dialog or popover still zooming in moves under
 * the pointer: on a loaded machine a click then lands beside its button and is lost without an error.
 */
export const settled = (target: Locator) => target.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => null)))).then(() => undefined);

/** The dialog just opened, once it has stopped moving. */
export const openedDialog = async (page: Page) => {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await settled(dialog);
  return dialog;
};

/** Presses an action button of the event page and submits its form. */
export const act = async (page: Page, action: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) => {
  await page.locator(`[data-action="${action}"]`).click();
  const dialog = await openedDialog(page);
  if (fill) await fill(dialog);
  const submit = dialog.getByRole('button', { name: /提\s*交/ });
  const requests: string[] = [];
  const track = (r: Request) => { if (r.url().includes('/actions/')) requests.push(`${r.method()} ${new URL(r.url()).pathname}`); };
  page.on('request', track);
  await submit.click();
  // A dialog that stays open says why (a field's rule, the API's error, a request still in flight): put that in the failure.
  await dialog.waitFor({ state: 'hidden' }).catch(async (err: Error) => {
    const loading = await submit.evaluate((b) => b.classList.contains('ant-btn-loading')).catch(() => '?');
    throw new Error(`the ${action} dialog stayed open: ${(await dialog.innerText().catch(() => '?')).replace(/\s+/g, ' ')} (submit loading: ${loading}; action requests sent: ${requests.join(', ') || 'none'})\n${err.message}`);
  }).finally(() => page.off('request', track));
};

/** No horizontal scrolling: the page is no wider than the viewport. */
export const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/**
 * A small square (GeoJSON Polygon) around a building of street 330102011 whose square holds no address
 * of another street, so a street operator of 凯旋街道 may draw a risk zone over it.
 */
export const buildingSquare = async (j: Journey, skip = 0, half = 0.0002) => {
  const db = j.test.deps.db;
  const buildings = await db.selectFrom('addresses').select(['id', 'lng', 'lat', 'full_text']).where('level', '=', 'building').where('street_code', '=', '330102011')
    .orderBy('id').limit(50).execute();
  let found = 0;
  for (const b of buildings) {
    const [x0, x1, y0, y1] = [b.lng - half, b.lng + half, b.lat - half, b.lat + half];
    const others = await db.selectFrom('addresses').select('id').where('lng', '>=', x0).where('lng', '<=', x1).where('lat', '>=', y0).where('lat', '<=', y1)
      .where('street_code', '!=', '330102011').limit(1).execute();
    if (others.length > 0 || found++ < skip) continue;
    return { building: b.full_text, geometry: { type: 'Polygon' as const, coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] } };
  }
  throw new Error('no building of 330102011 stands clear of other streets');
};
