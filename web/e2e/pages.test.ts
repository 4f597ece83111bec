// Every console page opens for the people who use it, in Chinese and in English, without an error and
// without horizontal scrolling; the login page says clearly why it refuses. Screenshots of each page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildingSquare, DESKTOP, hasChromium, login, pageWidth, personContext, shot, startJourney, watchErrors, type Journey } from './browser.ts';

const run = hasChromium || process.env.CI === 'true';

// Who opens which page, and what shows that it has loaded with data.
const PAGES: { user: string; path: string; ready: string; name: string }[] = [
  { user: 'street_op', path: '/console/events', ready: '[data-testid="event-table"] .ant-table-row', name: 'console-events' },
  { user: 'county_op', path: '/console/map', ready: '[data-testid="grid-map"] path.leaflet-interactive', name: 'console-map' },
  { user: 'county_op', path: '/console/overview?area=330102', ready: '[data-testid="kpi-received"]', name: 'console-overview-county' },
  { user: 'street_op', path: '/console/registry', ready: '[data-testid="persons-table"] .ant-table-row', name: 'console-registry' },
  { user: 'admin', path: '/console/admin/users', ready: '[data-testid="users-table"] .ant-table-row', name: 'admin-users' },
  { user: 'admin', path: '/console/admin/units', ready: '[data-testid="units-table"] .ant-table-row', name: 'admin-units' },
  { user: 'admin', path: '/console/admin/categories', ready: '[data-testid="categories-table"] .ant-table-row', name: 'admin-categories' },
  { user: 'auditor', path: '/console/admin/audit', ready: '[data-testid="audit-table"] .ant-table-row', name: 'admin-audit' },
  { user: 'street_op', path: '/console/checkpoints', ready: '[data-testid="checkpoints-table"] .ant-table-row', name: 'console-checkpoints' },
  { user: 'street_op', path: '/console/zones', ready: '[data-testid="zones-table"] .ant-table-row', name: 'console-zones' },
  { user: 'street_op', path: '/console/appeals', ready: '[data-testid="appeals-table"] .ant-table-row', name: 'console-appeals' },
  { user: 'leader', path: '/console/zones', ready: '[data-testid="zones-table"] .ant-table-row', name: 'console-zones-leader' },
  { user: 'sec_admin', path: '/console/health-rules', ready: '[data-testid="rules-versions"] .ant-table-row', name: 'console-health-rules' },
];

describe.skipIf(!run)('console pages', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
    // A few events, so the lists, the map and the figures have something to show.
    const token = await j.test.login('grid_worker');
    for (const text of ['楼道堆放杂物堵塞消防通道', '小区门口垃圾堆放', '夜间施工噪音扰民']) {
      const res = await j.test.call('POST', '/api/v1/events', { token, body: { categoryCode: 'YJ0101', channel: 'grid_patrol', description: text, addressText: null, ...(await gridCentre(j)) } });
      expect(res.status).toBe(201);
    }
    // A risk zone and an appeal, so their lists have a row.
    const op = await j.test.login('street_op');
    const zone = await j.test.call('POST', '/api/v1/risk-zones', { token: op, body: { name: '测试封控区', level: 'sealed', geometry: (await buildingSquare(j)).geometry } });
    expect(zone.status).toBe(201);
    const appeal = await j.test.call('POST', '/api/v1/health-codes/appeals', { token: await j.test.login('resident'), body: { reason: '本人近期未离开杭州，码色有误' } });
    expect(appeal.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await j?.close();
  });

  it.each(PAGES)('opens $path for $user', async ({ user, path, ready, name }) => {
    const errors: string[] = [];
    const context = await personContext(j, DESKTOP);
    const page = await login(context, user, errors);
    await page.goto(path);
    await page.locator(ready).first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(DESKTOP.width);
    await shot(page, name);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('switches the console to English and back', async () => {
    const context = await personContext(j, DESKTOP);
    const page = await login(context, 'street_op', []);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Workbench' }).waitFor();
    await page.goto('/console/events');
    await page.getByRole('heading', { name: 'Events' }).waitFor();
    await shot(page, 'console-events-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '事件列表' }).waitFor();
    await context.close();
  }, 60_000);

  it('says why it refuses a sign-in: wrong password, locked account, expired session', async () => {
    const context = await personContext(j, DESKTOP);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('demo-users').waitFor();
    await shot(page, 'login');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('用户名').fill('mediator');
      await page.getByLabel('密码').fill('not-the-password');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('login-error').filter({ hasText: i < 4 ? '用户名或密码错误' : '锁定' }).waitFor();
    }
    await shot(page, 'login-locked');

    // A session past its lifetime sends the user back to sign in, with the reason.
    const op = await login(context, 'street_op', []);
    await op.getByTestId('inbox').waitFor();
    j.test.setNow(new Date(Date.now() + 13 * 3_600_000));
    await op.goto('/console/events');
    await op.waitForURL(/\/login/);
    await op.getByText('登录已过期，请重新登录').waitFor();
    j.test.setNow(new Date());
    await context.close();
  }, 60_000);
});

const gridCentre = async (j: Journey) => {
  const row = await j.test.deps.db.selectFrom('grids').select('geometry').where('code', '=', '330102011002001').executeTakeFirstOrThrow();
  const g = (row.geometry as { coordinates: number[][][] }).coordinates[0]!;
  return { lng: (g[0]![0]! + g[2]![0]!) / 2, lat: (g[0]![1]! + g[2]![1]!) / 2 };
};
