// Daily health check-ins in Chromium against the real API: a resident under home observation checks in
// on the phone; the grid worker's round shows who has not, records a fever at the door and enters a
// missed day from the paper sheet, which turns an ended period green; the fever opens an event the
// worker and the centre can open from the check-in; the centre sees the days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson } from '../../test/factories.ts';
import { chinaDay } from '../../src/lib/china-time.ts';
import { dayStart } from '../../src/modules/health-codes/colour-eval.ts';
import { recolour } from '../../src/modules/health-codes/colour.service.ts';
import { DESKTOP, hasChromium, login, pageWidth, personContext, PHONE, shot, startJourney, type Journey } from './browser.ts';

const run = hasChromium || process.env.CI === 'true';
const GRID = '330102011002001'; // grid_worker's

describe.skipIf(!run)('daily health check-ins', () => {
  let j: Journey;
  const errors: string[] = [];
  let day: (offset: number) => string;
  let atDoor: number;
  let lapsed: number;

  beforeAll(async () => {
    j = await startJourney();
    const db = j.test.deps.db;
    const today = chinaDay(j.test.deps.clock());
    day = (d) => chinaDay(dayStart(today, d));
    const measure = (personId: number, kind: 'home_observation' | 'health_monitoring', from: number, to: number, area: string) =>
      db.insertInto('control_measures').values({ person_id: personId, name: '测试对象', kind, start_date: day(from), end_date: day(to), area_code: area, source: 'manual', created_at: dayStart(day(from), 0.4) }).execute();
    const me = (await db.selectFrom('users').select('person_id').where('username', '=', 'resident').executeTakeFirstOrThrow()).person_id!;
    await measure(me, 'home_observation', -2, 5, '330102011');
    atDoor = (await buildPerson(j.test.deps, GRID, { name: '王大伟' })).id;
    await measure(atDoor, 'home_observation', -1, 6, GRID);
    lapsed = (await buildPerson(j.test.deps, GRID, { name: '赵小燕' })).id;
    await measure(lapsed, 'health_monitoring', -4, -1, GRID);
    await db.insertInto('health_checkins').values([-4, -3, -1].map((d) => ({
      person_id: lapsed, day: day(d), temperature: 36.4, area_code: GRID, by_self: true, created_name: '本人', created_at: dayStart(day(d)),
    }))).execute();
    await recolour(j.test.deps, [me, atDoor, lapsed], 'measure');
  }, 120_000);
  afterAll(async () => {
    await j?.close();
  });

  it('lets a resident under home observation check in on the phone, once a day', async () => {
    const phone = await personContext(j, PHONE);
    const resident = await login(phone, 'resident', errors);
    await resident.getByTestId('me-nav').getByText('居家服务').click();
    const card = resident.getByTestId('my-checkin');
    await card.getByText('今天还没有打卡').waitFor();
    await card.getByText('缺 2 天未打卡').waitFor();
    await card.getByTestId('checkin-temperature').fill('36.8');
    await card.getByText('乏力').click();
    await card.getByTestId('checkin-submit').click();
    await card.getByTestId('checked-in-today').getByText('今天已打卡：36.8℃').waitFor();
    await card.getByTestId('checkin').filter({ hasText: '乏力' }).getByText('已上报社区').waitFor(); // a symptom opens a visit
    expect(await card.getByTestId('checkin-form').count()).toBe(0);
    expect(await pageWidth(resident)).toBeLessThanOrEqual(PHONE.width);
    await shot(resident, 'me-checkin');
    await phone.close();
  }, 60_000);

  it('gives the grid worker a round: records a fever at the door, enters a missed day from the sheet', async () => {
    const phone = await personContext(j, PHONE);
    const worker = await login(phone, 'grid_worker', errors);
    await worker.locator('.field-tabs a[href="/field/checkins"]').click();
    const round = worker.getByTestId('field-checkins');
    const cards = round.getByTestId('round-person');
    await cards.first().waitFor();
    // Who has not checked in today comes before the ended period still missing a day.
    const order = await cards.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-person'))));
    expect(order.indexOf(atDoor)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(atDoor)).toBeLessThan(order.indexOf(lapsed));
    await round.locator(`[data-person="${lapsed}"]`).getByText('待补录').waitFor();
    await round.locator(`[data-person="${lapsed}"]`).getByText('期满，缺 1 天').waitFor();
    await shot(worker, 'field-checkins');

    await round.locator(`[data-person="${atDoor}"]`).click();
    const form = worker.getByTestId('checkin-form');
    await form.getByTestId('checkin-temperature').fill('38.1');
    await form.getByText('干咳').click();
    await form.getByLabel('备注').fill('上门测温');
    await worker.getByTestId('checkin-submit').click();
    await worker.getByText(/^已打卡，当前健康码：红码；发热或症状已转事件 SJ\d+，请跟进上门核实$/).waitFor();
    await round.locator(`[data-person="${atDoor}"]`).getByText('38.1℃').waitFor();
    await worker.getByTestId('checkin').filter({ hasText: '上门测温' }).waitFor();
    await worker.getByRole('button', { name: '返回名单' }).click();
    // The fever's event is on the round card: the worker opens it to handle the visit.
    await round.locator(`[data-person="${atDoor}"]`).getByTestId('checkin-event').click();
    await worker.waitForURL(/\/field\/events\/\d+$/);
    await worker.getByText('发热及有症状人员').first().waitFor();
    await worker.getByText('38.1℃、干咳').first().waitFor();
    await worker.goBack();

    await round.locator(`[data-person="${lapsed}"]`).click();
    await worker.getByTestId('checkin-measure').getByText(`缺 1 天未打卡：${day(-2).slice(5)}`).waitFor();
    // An ended period: the form is set to its missing day, not to today.
    await expect.poll(() => worker.getByTestId('checkin-day').inputValue()).toBe(day(-2));
    await worker.getByTestId('checkin-submit').click();
    await worker.getByText('请填写实测体温').waitFor(); // nothing is filled in for them
    await worker.getByTestId('checkin-temperature').fill('36.6');
    await worker.getByTestId('checkin-submit').click();
    await worker.getByText('已打卡，当前健康码：绿码').waitFor();
    await worker.getByTestId('checkin-measure').getByText('期间每天都已打卡').waitFor();
    await round.locator(`[data-person="${lapsed}"]`).getByText('已补齐').waitFor();
    expect(await pageWidth(worker)).toBeLessThanOrEqual(PHONE.width);
    await shot(worker, 'field-checkin-backfill');
    await phone.close();

    const token = await j.test.login('street_op');
    expect((await j.test.call('GET', `/api/v1/health-codes/persons/${atDoor}`, { token })).body.reasons.map((r: { rule: string }) => r.rule))
      .toEqual(['home_observation', 'checkin_unwell']);
  }, 90_000);

  it('shows the centre a person\'s check-ins beside their code', async () => {
    const desk = await personContext(j, DESKTOP);
    const op = await login(desk, 'street_op', errors);
    await op.goto(`/console/health-codes/persons/${atDoor}`);
    const days = op.getByTestId('person-checkins');
    await days.getByTestId('checkin').filter({ hasText: '38.1℃' }).filter({ hasText: '干咳' }).getByTestId('checkin-event').waitFor();
    await days.getByText('缺 1 天未打卡').waitFor(); // the day before today, before the worker came
    await op.getByText('健康打卡 · 规则版本 v1').waitFor(); // why the history's last line was written
    await shot(op, 'console-person-checkins');
    await days.getByTestId('checkin-event').click();
    await op.waitForURL(/\/console\/events\/\d+$/);
    await op.getByText('健康打卡').first().waitFor(); // the channel
    await op.getByText('发热及有症状人员').first().waitFor();
    await shot(op, 'console-checkin-event');
    await desk.close();
  }, 60_000);

  it('raised no error in any page', () => {
    expect(errors).toEqual([]);
  });
});
