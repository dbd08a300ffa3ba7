import { expect, fixture, html } from '@open-wc/testing';
import { StaffClient, type StaffSession } from '@citizen-counter/sdk';
import { setLocale } from '../localization.js';
import { api, deepQuery, inView, persian, type, until, waitFor } from '../test-support/helpers.js';
import { addStaff, citizenSubmits, deskLogin, deskSessionKey, queueItem } from '../test-support/desk.js';
import type { CdDateField } from './cd-date-field.js';
import { fromJalali, parseDay, parseJalali, toJalali } from './jalali-date.js';
import './index.js';

/** An ISO day `days` after `iso`. */
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Today in the browser's time zone, as an ISO day. */
function today(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())).toISOString().slice(0, 10);
}

/** A day written as staff type it: `۱۴۰۵/۰۹/۱۱`. */
function typed(iso: string): string {
  const { year, month, day } = toJalali(iso);
  return persian(`${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`);
}

describe('Jalali dates', () => {
  it('should turn Jalali days into ISO days on known dates, leap years included', () => {
    const known: [number, number, number, string][] = [
      [1405, 1, 1, '2026-03-21'],
      [1404, 1, 1, '2025-03-21'],
      [1403, 12, 30, '2025-03-20'], // 1403 is a leap year
      [1404, 12, 29, '2026-03-20'],
      [1399, 1, 1, '2020-03-20'],
      [1399, 12, 30, '2021-03-20'], // 1399 is a leap year
      [1408, 12, 30, '2030-03-20'], // and 1408
      [1405, 6, 31, '2026-09-22'],
      [1405, 7, 1, '2026-09-23'],
      [1405, 9, 11, '2026-12-02'],
      [1357, 10, 1, '1978-12-22'],
    ];
    for (const [year, month, day, iso] of known) {
      expect(fromJalali({ year, month, day }), `${year}/${month}/${day}`).to.equal(iso);
      expect(toJalali(iso), iso).to.deep.equal({ year, month, day });
    }
  });

  it('should refuse days the calendar does not have', () => {
    expect(fromJalali({ year: 1404, month: 12, day: 30 })).to.equal(null); // 1404 is a common year
    expect(fromJalali({ year: 1405, month: 7, day: 31 })).to.equal(null); // Mehr has 30 days
    expect(fromJalali({ year: 1405, month: 13, day: 1 })).to.equal(null);
    expect(fromJalali({ year: 1405, month: 0, day: 1 })).to.equal(null);
    expect(fromJalali({ year: 1405, month: 1, day: 0 })).to.equal(null);
  });

  it("should agree with the browser's Persian calendar on every day of 1350–1450", () => {
    let iso = '1971-03-21'; // 1 Farvardin 1350
    let checked = 0;
    while (toJalali(iso).year <= 1450) {
      expect(fromJalali(toJalali(iso)), iso).to.equal(iso);
      iso = addDays(iso, 1);
      checked += 1;
    }
    expect(checked).to.be.greaterThan(36_500);
  });

  it('should read dates typed in any digits with the usual separators', () => {
    const want = { year: 1405, month: 9, day: 11 };
    for (const text of ['۱۴۰۵/۰۹/۱۱', '1405/9/11', '١٤٠٥/٠٩/١١', '۱۴۰۵-۰۹-۱۱', ' ۱۴۰۵ / ۹ / ۱۱ ', '1405.09.11']) {
      expect(parseJalali(text), text).to.deep.equal(want);
    }
    for (const text of ['', '۱۴۰۵', '۰۹/۱۱', '11/09/1405', '۱۴۰۵/۰۹/۱۱/۱', 'فردا']) expect(parseJalali(text), text).to.equal(null);
  });

  it('should read a day in either calendar by its year, and refuse a day neither has', () => {
    for (const [text, iso] of [['۱۴۰۵/۰۱/۰۱', '2026-03-21'], ['1405-1-2', '2026-03-22'], ['2026-04-02', '2026-04-02'], ['۲۰۲۸/۰۲/۲۹', '2028-02-29'], ['1403/12/30', '2025-03-20']]) {
      expect(parseDay(text!), text).to.equal(iso);
    }
    for (const text of ['1405/13/01', '1404/12/30', '2026-02-29', '2026-04-31', '1405/07/31', 'Nowruz']) expect(parseDay(text), text).to.equal(null);
  });
});

describe('<cd-date-field>', () => {
  afterEach(() => setLocale('fa'));

  it('should take a Jalali date typed in Persian, read it back in words and give the ISO day', async () => {
    await setLocale('fa');
    const el = await fixture<CdDateField>(html`<cd-date-field label="از تاریخ"></cd-date-field>`);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.labels?.[0]?.textContent).to.equal('از تاریخ');
    expect(input.type).to.equal('text');
    // Empty, the line under it shows how a date is written, with today's.
    const hint = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(hint.textContent).to.match(/^مثلاً [۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}$/);
    const changes: string[] = [];
    el.addEventListener('change', () => changes.push(el.value));

    type(input, '۱۴۰۵/۹/۱۱');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await el.updateComplete;
    expect(el.value).to.equal('2026-12-02');
    expect(changes).to.deep.equal(['2026-12-02']);
    expect(input.value).to.equal('۱۴۰۵/۰۹/۱۱');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    // The hint the input is described by now names the day: weekday, day, month name, year.
    expect(hint.textContent).to.equal('چهارشنبه ۱۱ آذر ۱۴۰۵');
    await expect(el).to.be.accessible();

    // Emptied, the filter is off.
    type(input, '');
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(changes).to.deep.equal(['2026-12-02', '']);
  });

  it('should mark text that is not a date, say how to write one, and keep the value', async () => {
    await setLocale('fa');
    const el = await fixture<CdDateField>(html`<cd-date-field label="تا تاریخ" value="2026-03-21"></cd-date-field>`);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.value).to.equal('۱۴۰۵/۰۱/۰۱');
    let changes = 0;
    el.addEventListener('change', () => (changes += 1));

    type(input, '۱۱/۰۹/۱۴۰۵');
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const error = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(input.getAttribute('aria-describedby')).to.contain(error.id);
    expect(error.textContent).to.match(/^تاریخ را به شکل سال\/ماه\/روز بنویسید، مانند [۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}\.$/);
    expect(el.shadowRoot!.getElementById('hint')!.textContent).to.equal('');
    await expect(el).to.be.accessible();

    type(input, '۱۴۰۴/۱۲/۳۰');
    await el.updateComplete;
    expect(error.textContent).to.equal('چنین روزی در تقویم نیست: ۱۴۰۴/۱۲/۳۰.');
    expect(el.commit()).to.equal(false);
    expect(el.value).to.equal('2026-03-21');
    expect(changes).to.equal(0);

    type(input, '۱۴۰۳/۱۲/۳۰');
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(error.textContent).to.equal('');
    expect(el.value).to.equal('2025-03-20');
    expect(changes).to.equal(1);
  });

  it('should be the browser date input, Gregorian, in English', async () => {
    await setLocale('en');
    const el = await fixture<CdDateField>(html`<cd-date-field label="From" value="2026-12-02"></cd-date-field>`);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.type).to.equal('date');
    expect(input.value).to.equal('2026-12-02');
    expect(input.labels?.[0]?.textContent).to.equal('From');
    let value = '';
    el.addEventListener('change', () => (value = el.value));
    type(input, '2026-03-21');
    expect(value).to.equal('2026-03-21');
    // Switched to Persian, the same day is shown in the Jalali calendar.
    await setLocale('fa');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('input')!.value).to.equal('۱۴۰۵/۰۱/۰۱');
  });
});

describe('the queue date filters', function () {
  this.timeout(90_000);

  it('should send the Jalali days picked as the start of From and the end of To, and list what falls between', async () => {
    const request = await citizenSubmits('درخواست با تاریخ امروز');
    const el = await deskLogin(await addStaff('registrar', 'فاطمه نوری'), 'fa');
    await queueItem(el, request.id);
    const from = inView<CdDateField>(el, 'cd-queue', '#from')!;
    const to = inView<CdDateField>(el, 'cd-queue', '#to')!;
    const listed = () => Boolean(inView(el, 'cd-queue', `.item[data-id="${request.id}"]`));
    const sent = () => {
      const urls = performance.getEntriesByType('resource').map((entry) => new URL(entry.name)).filter((url) => url.pathname.endsWith('/staff/requests'));
      return urls[urls.length - 1]?.searchParams;
    };
    const calls = () => performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.endsWith('/staff/requests')).length;
    const pick = async (field: CdDateField, iso: string) => {
      const before = calls();
      type(field.shadowRoot!.querySelector('input')!, iso ? typed(iso) : '');
      await until(() => calls() > before, 'the queue did not ask the server again');
    };

    const day = today();
    // The desk's own day boundaries: midnight where the desk is, and To includes its whole day.
    await pick(from, day);
    await pick(to, day);
    expect(sent()?.get('from')).to.equal(new Date(`${day}T00:00:00`).toISOString());
    expect(sent()?.get('to')).to.equal(new Date(`${addDays(day, 1)}T00:00:00`).toISOString());
    await until(listed, 'a request of today is not listed from today to today');

    await pick(to, addDays(day, -1));
    expect(sent()?.get('to')).to.equal(new Date(`${day}T00:00:00`).toISOString());
    await until(() => !listed(), 'a request of today is listed up to yesterday');

    await pick(to, '');
    await pick(from, addDays(day, 1));
    expect(sent()?.has('to')).to.equal(false);
    await until(() => !listed(), 'a request of today is listed from tomorrow');

    // Text that is not a date stops the search with the field's own sentence.
    const fromInput = from.shadowRoot!.querySelector('input')!;
    fromInput.value = '۱۴۰۵/۱۳/۰۱';
    fromInput.dispatchEvent(new Event('input'));
    inView<HTMLButtonElement>(el, 'cd-queue', '.filters button[type=submit]')!.click();
    await until(() => fromInput.getAttribute('aria-invalid') === 'true', 'no error on a month 13');
    expect(from.shadowRoot!.activeElement).to.equal(fromInput);
    expect(from.value).to.equal(addDays(day, 1));
  });
});

describe('the holidays of the working calendar', function () {
  this.timeout(90_000);

  it('should show them as Jalali days in Persian, take either calendar, and name a line that is not a day', async () => {
    const el = await deskLogin(await addStaff('admin', 'مریم رحیمی'), 'fa');
    const session = JSON.parse(sessionStorage.getItem(deskSessionKey)!) as StaffSession;
    const staff = new StaffClient({ baseUrl: api, org: 'demo', token: session.token });
    const before = (await staff.getOrg()).settings.calendar.holidays;
    try {
      deepQuery<HTMLButtonElement>(el, '.who button[aria-pressed]')!.click();
      // The second section of the administration: register, calendar and units.
      (await waitFor(el, 'cd-admin')).shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')[1]!.click();
      const page = await waitFor(el, 'cd-org-admin');
      await until(() => page.shadowRoot?.querySelector('#holidays'), 'no holidays field');
      const field = page.shadowRoot!.querySelector<HTMLTextAreaElement>('#holidays')!;
      const save = () => page.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();

      // Nowruz typed in Persian digits, the next day in Latin ones, Sizdah Bedar as a Gregorian day, Nowruz again.
      field.value = '۱۴۰۵/۰۱/۰۱\n1405-1-2\n\n2026-04-02\n۱۴۰۵/۱/۱';
      save();
      await until(() => page.shadowRoot?.querySelector('[role=status]')?.textContent?.trim(), 'not saved');
      expect((await staff.getOrg()).settings.calendar.holidays).to.deep.equal(['2026-03-21', '2026-03-22', '2026-04-02']);
      await until(() => field.value === '۱۴۰۵/۰۱/۰۱\n۱۴۰۵/۰۱/۰۲\n۱۴۰۵/۰۱/۱۳', `the holidays read back as "${field.value}"`);

      // A month 13: named in the alert, the field marked and focused, nothing saved.
      field.value = `${field.value}\n۱۴۰۵/۱۳/۰۱`;
      save();
      await until(() => page.shadowRoot?.querySelector('[role=alert]')?.textContent?.includes('«۱۴۰۵/۱۳/۰۱» روز معتبری نیست'), 'the bad line is not named');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(page.shadowRoot!.activeElement).to.equal(field);
      expect(page.shadowRoot!.querySelector('[role=status]')!.textContent!.trim()).to.equal('');
      expect((await staff.getOrg()).settings.calendar.holidays).to.deep.equal(['2026-03-21', '2026-03-22', '2026-04-02']);
    } finally {
      await staff.updateSettings({ calendar: { holidays: before } });
    }
  });
});
