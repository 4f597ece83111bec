// Device and supply journeys in Chromium against the real API: the street centre watches its devices on
// the map, a venue over capacity and the alerts that became events; a grid worker announces a door
// opening on the phone; a request goes from the phone through allocation at the centre to delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, DESKTOP, hasChromium, login, pageWidth, personContext, openedDialog, PHONE, pick, shot, startJourney, type Journey } from './browser.ts';
import { retireCategory } from '../../test/factories.ts';
import { makeDeviceFixtures, type DeviceFixtures } from './device-fixtures.ts';

const run = hasChromium || process.env.CI === 'true';

describe.skipIf(!run)('device and supply journeys', () => {
  let j: Journey;
  let f: DeviceFixtures;
  const errors: string[] = [];

  beforeAll(async () => {
    j = await startJourney();
    await j.test.app.ready(); // the device pipeline starts with the app
    f = await makeDeviceFixtures(j.test);
  }, 120_000);
  afterAll(async () => {
    await j?.close();
  });

  it('shows the street its devices on the map and in the table, and one device in a drawer', async () => {
    const desk = await personContext(j, DESKTOP);
    const op = await login(desk, 'street_op', errors);
    await op.locator('.ant-menu a[href="/console/devices"]').click();
    const table = op.getByTestId('devices-table');
    const row = table.locator('.ant-table-row').filter({ hasText: f.door.serial });
    await row.waitFor();
    // Every placed device is a dot; the door with its unannounced opening is red.
    const map = op.getByTestId('device-map');
    await expect.poll(async () => map.locator('path.leaflet-interactive').count()).toBe(Number(await map.getAttribute('data-devices')));
    await map.locator('path.leaflet-interactive[fill="#dc2626"]').first().waitFor();
    await expect.poll(() => op.getByTestId('device-counts').innerText()).toMatch(/在线\s*\d+/);
    expect(await pageWidth(op)).toBeLessThanOrEqual(DESKTOP.width);
    await shot(op, 'console-devices');

    await row.click();
    const drawer = op.getByTestId('device-drawer');
    await drawer.getByTestId('device-facts').filter({ hasText: '居家观察' }).waitFor();
    await drawer.getByTestId('device-reading').filter({ hasText: '开' }).waitFor();
    await drawer.getByRole('tab', { name: /最近告警/ }).click();
    await drawer.getByTestId('device-alerts').locator('.ant-table-row').filter({ hasText: '违规开门' }).waitFor();
    await drawer.getByRole('tab', { name: '绑定设置' }).click();
    await drawer.getByTestId('binding-form').waitFor();
    await shot(op, 'console-device-drawer');

    // The kind filter narrows the table and the map together.
    await op.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await op.getByTestId('device-kind').getByText(/^客流计数器/).click();
    await expect.poll(() => table.locator('.ant-table-row').filter({ hasText: '门磁' }).count()).toBe(0);
    await desk.close();
  }, 90_000);

  it('shows venues filling live, the crowded one in red, and alerts that link to their events', async () => {
    const desk = await personContext(j, DESKTOP);
    const op = await login(desk, 'street_op', errors);
    await op.goto('/console/venues');
    const crowded = op.getByTestId('venues-table').locator('.ant-table-row').filter({ hasText: f.crowded.name });
    await crowded.locator('[data-testid="venue-load"][data-crowded="true"]').waitFor();
    const calm = op.getByTestId('venues-table').locator('.ant-table-row').filter({ hasText: f.calm.name });
    await calm.getByText('120 / 500').waitFor();

    // More people arrive at the station: the page follows without a reload.
    const gateway = await j.test.login('gateway');
    const res = await j.test.call('POST', '/api/v1/devices/readings', { token: gateway, body: { readings: [{ serial: 'E2E-KL-002', seq: 2, at: new Date().toISOString(), entered: 300, left: 20 }] } });
    expect(res.status).toBe(202);
    await calm.getByText('400 / 500').waitFor({ timeout: 15_000 });
    expect(await pageWidth(op)).toBeLessThanOrEqual(DESKTOP.width);
    await shot(op, 'console-venues');

    await op.locator('.ant-menu a[href="/console/device-alerts"]').click();
    await op.getByTestId('alert-kind').getByText('违规开门').click();
    const alertRow = op.getByTestId('alerts-table').locator('.ant-table-row').filter({ hasText: f.door.name });
    await alertRow.getByTestId('alert-event').waitFor();
    await shot(op, 'console-device-alerts');
    await alertRow.getByTestId('alert-event').click();
    await op.waitForURL(/\/console\/events\/\d+$/);
    await op.getByTestId('event-history').waitFor();

    // With its category retired, a low battery cannot become an event: the page says why and when it is tried again.
    const restoreCategory = await retireCategory(j.test, 'YJ0801');
    try {
      const low = await j.test.call('POST', '/api/v1/devices/readings', { token: gateway, body: { readings: [{ serial: 'E2E-MC-002', seq: 90, at: new Date().toISOString(), battery: 8 }] } });
      expect(low.status).toBe(202);
      await op.goto('/console/device-alerts');
      await op.getByTestId('alert-kind').getByText('设备维护').click();
      const lowRow = op.getByTestId('alerts-table').locator('.ant-table-row').filter({ hasText: '景芳一区备用门磁' });
      await lowRow.getByTestId('alert-event-failure').filter({ hasText: 'YJ0801' }).waitFor({ timeout: 15_000 }); // the page reads again every 5 s
      await shot(op, 'console-device-alert-failed');
    } finally {
      await restoreCategory();
    }
    await desk.close();
  }, 90_000);

  it('lets a grid worker announce a door opening for an observed household on the phone', async () => {
    const phone = await personContext(j, PHONE);
    const gw = await login(phone, 'grid_worker', errors);
    await gw.locator('.field-tabs a[href="/field/announce"]').click();
    await gw.locator(`[data-testid="observed-household"][data-household="${f.householdId}"]`).click();
    const form = gw.getByTestId('announce-form');
    await form.getByText('取快递/物资').click();
    await form.getByLabel('时长（分钟）').fill('15');
    await form.getByLabel('备注').fill('取社区配送的蔬菜包');
    expect(await pageWidth(gw)).toBeLessThanOrEqual(PHONE.width);
    await shot(gw, 'field-announce');
    await gw.getByTestId('announce-submit').click();
    await gw.getByTestId('announcements').getByText('取社区配送的蔬菜包').waitFor();
    await shot(gw, 'field-announced');

    const list = await j.test.call('GET', `/api/v1/door-announcements?householdId=${f.householdId}`, { token: await j.test.login('grid_worker') });
    expect(list.body.items[0]).toMatchObject({ reason: 'delivery', note: '取社区配送的蔬菜包' });
    const minutes = (Date.parse(list.body.items[0].endsAt) - Date.parse(list.body.items[0].startsAt)) / 60_000;
    expect(minutes).toBe(15);
    await phone.close();
  }, 60_000);

  it('takes a supply request from the phone through allocation at the centre to delivery', async () => {
    // The grid worker records what the household asks for.
    const phone = await personContext(j, PHONE);
    const gw = await login(phone, 'grid_worker', errors);
    await gw.locator('.field-tabs a[href="/field/deliveries"]').click();
    await gw.getByTestId('delivery-tabs').getByText('登记需求').click();
    const form = gw.getByTestId('request-form');
    await choose(gw, 'request-household', '观*A');
    await pick(gw, form.getByTestId('request-item').first(), '大米');
    await form.locator('.ant-input-number input').nth(1).fill('2');
    await form.getByRole('button', { name: '添加一项' }).click();
    await pick(gw, form.getByTestId('request-item').nth(1), '蔬菜包');
    await form.getByLabel('备注').fill('家中有老人');
    expect(await pageWidth(gw)).toBeLessThanOrEqual(PHONE.width);
    await shot(gw, 'field-supply-request');
    await gw.getByTestId('request-submit').click();
    await gw.getByText('已登记需求').waitFor();

    // The street centre allocates it from its warehouse to the grid worker.
    const desk = await personContext(j, DESKTOP);
    const op = await login(desk, 'street_op', errors);
    await op.goto('/console/supplies');
    const row = op.getByTestId('requests-table').locator('.ant-table-row').filter({ hasText: '家中有老人' });
    await row.filter({ hasText: '大米 ×2' }).waitFor();
    await row.getByTestId('allocate-button').click();
    await choose(op, 'allocate-warehouse', f.warehouse.name);
    await choose(op, 'allocate-assignee', '景芳社区第1网格网格员');
    await shot(op, 'console-supply-allocate');
    await op.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).click();
    await op.getByRole('dialog').waitFor({ state: 'hidden' });
    await op.getByTestId('request-status').getByText('待配送').click();
    await op.getByTestId('requests-table').locator('.ant-table-row').filter({ hasText: f.warehouse.name }).waitFor();
    await op.getByRole('tab', { name: '仓库库存' }).click();
    const card = op.locator(`[data-testid="warehouse-card"][data-warehouse="${f.warehouse.name}"]`);
    await card.getByTestId('stock-rice').filter({ hasText: /^18/ }).waitFor();
    await shot(op, 'console-supply-warehouses');

    // The grid worker delivers it (the demo may have delivered in this grid before).
    const token = await j.test.login('street_op');
    const gridFigures = async () =>
      ((await j.test.call('GET', '/api/v1/supplies/summary?by=grid', { token })).body.items as { key: string; deliveredRequests: number; deliveredQty: number }[])
        .find((r) => r.key === '330102011002001') ?? { deliveredRequests: 0, deliveredQty: 0 };
    const before = await gridFigures();
    await gw.getByTestId('delivery-tabs').getByText('待配送').click();
    const delivery = gw.getByTestId('delivery-card').filter({ hasText: '家中有老人' });
    await delivery.waitFor();
    await shot(gw, 'field-deliveries');
    await delivery.getByTestId('deliver-button').click();
    await (await openedDialog(gw)).getByRole('button', { name: /提\s*交/ }).click();
    await gw.getByText('已登记送达').waitFor();
    await gw.getByTestId('delivery-tabs').getByText('已送达').click();
    await gw.getByTestId('delivery-card').filter({ hasText: '家中有老人' }).getByText('已送达').waitFor();

    // The figures count it delivered.
    await op.getByRole('tab', { name: '配送统计' }).click();
    await op.getByTestId('summary-table').locator('.ant-table-row').filter({ hasText: '景芳社区第1网格' }).waitFor();
    await op.getByTestId('supply-chart').locator('canvas').waitFor();
    await shot(op, 'console-supply-summary');
    expect(await gridFigures()).toMatchObject({ deliveredRequests: before.deliveredRequests + 1, deliveredQty: before.deliveredQty + 3 });
    await Promise.all([phone.close(), desk.close()]);
  }, 120_000);

  it('lets a resident announce a door opening and ask for supplies on their phone', async () => {
    const phone = await personContext(j, PHONE);
    const resident = await login(phone, 'resident', errors);
    await resident.getByTestId('me-nav').getByText('居家服务').click();
    await resident.waitForURL('**/me/home');
    const form = resident.getByTestId('announce-form');
    await form.getByText('就医').click();
    await form.getByLabel('备注').fill('去社区医院复诊');
    await resident.getByTestId('announce-submit').click();
    await resident.getByTestId('announcements').getByText('去社区医院复诊').waitFor();

    const ask = resident.getByTestId('request-form');
    await pick(resident, ask.getByTestId('request-item').first(), '牛奶');
    await ask.getByLabel('备注').fill('家里有小孩');
    await resident.getByTestId('request-submit').click();
    await resident.getByTestId('my-request').filter({ hasText: '牛奶 ×1' }).filter({ hasText: '待调拨' }).waitFor();
    expect(await pageWidth(resident)).toBeLessThanOrEqual(PHONE.width);
    await shot(resident, 'me-home');

    // Both are the resident's own household's, as the street sees them.
    const token = await j.test.login('resident');
    expect((await j.test.call('GET', '/api/v1/door-announcements', { token })).body.items[0]).toMatchObject({ reason: 'medical', note: '去社区医院复诊' });
    const asked = (await j.test.call('GET', '/api/v1/supplies/requests', { token })).body.items[0];
    expect(asked).toMatchObject({ status: 'requested', items: [{ item: 'milk', quantity: 1 }], note: '家里有小孩' });
    await phone.close();
  }, 60_000);

  it('raised no error in any page', () => {
    expect(errors).toEqual([]);
  });
});
