import { fixture, html } from '@open-wc/testing';
import { CitizenClient, solveChallenge, type CitizenRequest, type StaffMember } from '@citizen-counter/sdk';
import type { CounterDesk } from '../desk/counter-desk.js';
import { api, inView, latestCode, pdf, requestCode, type, uniquePhone, until, waitFor } from './helpers.js';

/** The units of the demo org, in its order (Secretariat, Complaints Unit, Finance, Public Relations). */
export async function demoUnits() {
  return (await new CitizenClient({ baseUrl: api, org: 'demo' }).getOrg()).units;
}

/**
 * Adds a demo-org staff member through the operator API (a test-server helper). A handler works
 * at `unitIds`, by default the first unit.
 */
export async function addStaff(role: StaffMember['role'], name: string, unitIds?: string[]): Promise<{ local: string; e164: string }> {
  const phone = uniquePhone();
  const units = role === 'handler' ? (unitIds ?? [(await demoUnits())[0]!.id]) : [];
  const answer = await fetch('/__cc-test/staff-member', { method: 'POST', body: JSON.stringify({ phone: phone.local, name, role, unitIds: units }) });
  if (!answer.ok) throw new Error(`staff member not added: ${answer.status}`);
  return phone;
}

/** A citizen of the demo org sends a request through the SDK, to the first unit unless told. */
export async function citizenSubmits(subject: string, unitId?: string): Promise<CitizenRequest> {
  const phone = uniquePhone();
  const citizen = new CitizenClient({ baseUrl: api, org: 'demo' });
  const challenge = await citizen.createChallenge();
  if (challenge.kind !== 'pow') throw new Error('the demo org uses pow');
  await citizen.requestOtp({ phone: phone.local, challenge: await solveChallenge(challenge) });
  await citizen.login({ phone: phone.local, code: await latestCode(phone.e164) });
  const units = (await citizen.getOrg()).units;
  return citizen.submitRequest({ fullName: 'سارا احمدی', subject, unitId: unitId ?? units[0]!.id, body: pdf() });
}

/** Where the desk keeps its login for the tab. */
export const deskSessionKey = `counter-desk:${api}|demo`;

/** Mounts the desk and logs a staff member in through its SMS-code login (any earlier desk login forgotten). */
export async function deskLogin(phone: { local: string; e164: string }, locale: 'fa' | 'en'): Promise<CounterDesk> {
  sessionStorage.removeItem(deskSessionKey);
  const el = await fixture<CounterDesk>(html`<counter-desk org="demo" api=${api} locale=${locale}></counter-desk>`);
  await waitFor(el, '#phone');
  const code = await requestCode(el, phone.local);
  type(code, await latestCode(phone.e164));
  inView<HTMLButtonElement>(el, 'cc-code-view', 'button[type=submit]')!.click();
  await waitFor(el, 'cd-queue');
  return el;
}

/** The queue item of a request, once the queue shows it. */
export function queueItem(el: CounterDesk, id: string): Promise<HTMLButtonElement> {
  return waitFor<HTMLButtonElement>(el, `.item[data-id="${id}"]`);
}

/** The text of `selector` inside one of the desk's views (`cd-request`, `cd-queue`, `cd-action-panel`). */
export const textIn = (el: Element, view: string, selector: string) => inView(el, view, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Waits until that text matches. */
export const untilText = (el: Element, view: string, selector: string, pattern: RegExp) =>
  until(() => pattern.test(textIn(el, view, selector)), `${view} ${selector} never matched ${pattern}: "${textIn(el, view, selector)}"`);

/** A key pressed where the desk listens for its shortcuts. */
export const press = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
