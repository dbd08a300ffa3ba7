import { html, nothing } from 'lit-html';
import { msg, str } from '@lit/localize';
import type { Org, StaffUnit } from '@citizen-counter/sdk';
import { digits, localized } from '../format.js';
import { currentLocale } from '../localization.js';
import { define } from '../view-element.js';
import { AdminPage } from './admin-page.js';
import { parseDay, toJalali, writeJalali } from './jalali-date.js';

/** Weekday numbers as the calendar stores them (0 Sunday … 6 Saturday), in the Iranian week's order. */
const week = [6, 0, 1, 2, 3, 4, 5];

function dayName(day: number): string {
  // 2026-11-01 was a Sunday: day n of the week is that date plus n.
  return new Intl.DateTimeFormat(currentLocale() === 'en' ? 'en-GB' : 'fa-IR', { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 10, 1 + day)),
  );
}

/** A holiday as the admin reads it: in Persian a Jalali day in Persian digits, in English the ISO day. */
function holidayText(iso: string): string {
  return currentLocale() === 'fa' ? digits(writeJalali(toJalali(iso))) : iso;
}

/**
 * The org's register and calendar (admins): the letter number pattern with its prefix and digits,
 * outgoing numbers for replies, rounds of requests for documents, the working calendar and the
 * default response time; and the units with their codes and response times. Holidays are read
 * and written one a line, in the Jalali calendar in Persian (`۱۴۰۵/۰۱/۰۱`) and as ISO days in
 * English; either calendar is understood in both, and a line that is not a day is named and
 * nothing is saved.
 *
 * @tag cd-org-admin
 */
export class CdOrgAdmin extends AdminPage {
  static override properties = {
    org: { state: true },
    units: { state: true },
    editing: { state: true },
    saved: { state: true },
    badHoliday: { state: true },
  };

  private org: Org | null = null;
  private units: StaffUnit[] = [];
  /** A unit id, `'new'`, or `''`. */
  private editing = '';
  private saved = '';
  /** Whether the holidays held a line that is not a day at the last save. */
  private badHoliday = false;

  protected override async load(): Promise<void> {
    [this.org, this.units] = await Promise.all([this.client.getOrg(), this.client.listUnits()]);
  }

  override render() {
    const settings = this.org?.settings;
    return html`
      <p class="error" role="alert">${this.error}</p>
      <p class="status" role="status">${this.saved}</p>
      ${settings ? html`<form class="panel" novalidate @submit=${this.#saveSettings}>
        <h3>${msg('Letter register')}</h3>
        <div class="field"><label for="pattern">${msg('Numbering pattern')}</label>
          <input id="pattern" name="pattern" dir="ltr" .value=${settings.register.pattern} />
          <p class="muted">${msg('Placeholders: {prefix} {unit} {seq} {year}; {seq} exactly once.')}</p></div>
        <div class="field"><label for="prefix">${msg('Prefix')}</label><input id="prefix" name="prefix" maxlength="30" .value=${settings.register.prefix} /></div>
        <div class="field"><label for="digits">${msg('Digits')}</label>
          <select id="digits" name="digits">
            <option value="persian" ?selected=${settings.register.digits === 'persian'}>${msg('Persian digits')}</option>
            <option value="latin" ?selected=${settings.register.digits === 'latin'}>${msg('Latin digits')}</option>
          </select></div>
        <label class="check"><input type="checkbox" name="outgoing" ?checked=${settings.register.outgoing} /> ${msg('Number replies as outgoing letters')}</label>
        <h3>${msg('Deadlines')}</h3>
        <div class="field"><label for="days">${msg('Response time (working days) for units without their own')}</label>
          <input id="days" name="responseDays" type="number" min="1" max="365" .value=${String(settings.responseDays)} /></div>
        <div class="field"><label for="rounds">${msg('Requests for documents per request')}</label>
          <input id="rounds" name="supplementRounds" type="number" min="0" max="10" .value=${String(settings.supplementRounds)} /></div>
        <fieldset><legend>${msg('Weekly days off')}</legend>
          ${week.map((day) => html`<label class="check"><input type="checkbox" name="dayOff" value=${day} ?checked=${settings.calendar.daysOff.includes(day)} /> ${dayName(day)}</label>`)}</fieldset>
        <div class="field"><label for="holidays">${msg('Holidays (one day a line, as 2026-03-21 or 1405/01/01)')}</label>
          <textarea id="holidays" name="holidays" rows="4" dir="ltr" aria-invalid=${this.badHoliday ? 'true' : 'false'}
            .value=${settings.calendar.holidays.map(holidayText).join('\n')}></textarea></div>
        <div class="actions"><button type="submit" class="primary">${msg('Save')}</button></div>
      </form>` : nothing}
      <div class="top"><h3>${msg('Units')}</h3><button type="button" @click=${() => (this.editing = 'new')}>${msg('Add a unit')}</button></div>
      ${this.editing === 'new' ? this.#unitForm(null) : nothing}
      <table>
        <thead><tr><th scope="col">${msg('Unit')}</th><th scope="col">${msg('Code')}</th><th scope="col">${msg('Response time')}</th><th scope="col"><span class="hidden">${msg('Actions')}</span></th></tr></thead>
        <tbody>${this.units.map((unit) => html`<tr><td>${localized(unit.name)}</td><td>${unit.code ?? ''}</td>
          <td>${unit.responseDays === null ? msg('The org default') : digits(unit.responseDays)}</td>
          <td><button type="button" class="link" @click=${() => (this.editing = unit.id)}>${msg('Change')}</button></td></tr>
          ${this.editing === unit.id ? html`<tr><td colspan="4">${this.#unitForm(unit)}</td></tr>` : nothing}`)}</tbody>
      </table>
    `;
  }

  #unitForm(unit: StaffUnit | null) {
    return html`<form class="panel" novalidate @submit=${(e: Event) => this.#saveUnit(e, unit)}>
      <div class="field"><label for="fa">${msg('Name in Persian')}</label><input id="fa" name="fa" dir="rtl" .value=${unit?.name.fa ?? ''} /></div>
      <div class="field"><label for="en">${msg('Name in English')}</label><input id="en" name="en" dir="ltr" .value=${unit?.name.en ?? ''} /></div>
      <div class="field"><label for="code">${msg('Code (in letter numbers)')}</label><input id="code" name="code" maxlength="10" .value=${unit?.code ?? ''} /></div>
      <div class="field"><label for="unit-days">${msg('Response time (working days; empty: the org default)')}</label>
        <input id="unit-days" name="responseDays" type="number" min="1" max="365" .value=${unit?.responseDays === null || !unit ? '' : String(unit.responseDays)} /></div>
      <div class="actions"><button type="submit" class="primary">${msg('Save')}</button>
        <button type="button" class="link" @click=${() => (this.editing = '')}>${msg('Cancel')}</button></div>
    </form>`;
  }

  /** A change that closes the open form and says so when it worked. */
  async #run(work: () => Promise<unknown>): Promise<void> {
    this.saved = '';
    if (!(await this.run(work))) return;
    this.editing = '';
    this.saved = msg('Saved.');
  }

  #saveSettings(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const lines = text('holidays').split('\n').map((line) => line.trim()).filter(Boolean);
    const holidays = lines.map(parseDay);
    const bad = lines.find((_, i) => holidays[i] === null);
    this.badHoliday = bad !== undefined;
    if (bad !== undefined) {
      this.saved = '';
      this.error = msg(str`"${bad}" is not a day: write one day a line, as 2026-03-21 or 1405/01/01.`);
      this.renderRoot.querySelector<HTMLTextAreaElement>('#holidays')?.focus();
      return Promise.resolve();
    }
    return this.#run(() =>
      this.client.updateSettings({
        register: { pattern: text('pattern'), prefix: text('prefix'), digits: text('digits') === 'persian' ? 'persian' : 'latin', outgoing: data.get('outgoing') === 'on' },
        responseDays: Number(text('responseDays')),
        supplementRounds: Number(text('supplementRounds')),
        calendar: { daysOff: data.getAll('dayOff').map(Number), holidays: [...new Set(holidays as string[])].sort() },
      }),
    );
  }

  #saveUnit(event: Event, unit: StaffUnit | null): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const days = text('responseDays');
    const fields = { name: { fa: text('fa'), en: text('en') }, responseDays: days ? Number(days) : null };
    const code = text('code');
    return this.#run(() =>
      unit ? this.client.updateUnit(unit.id, { ...fields, code: code || null }) : this.client.addUnit({ ...fields, ...(code ? { code } : {}) }),
    );
  }
}

define('cd-org-admin', CdOrgAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'cd-org-admin': CdOrgAdmin;
  }
}
