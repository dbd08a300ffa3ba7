import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { CitizenClient, solveChallenge, type CitizenRequest, type StaffMember } from '@citizen-counter/sdk';
import { api, deepQuery, inView, latestCode, pdf, persian, requestCode, type, uniquePhone, until, waitFor } from '../test-support/helpers.js';
import './index.js';
import type { CounterDesk } from './counter-desk.js';

/** Adds a demo-org staff member through the operator API (a test-server helper). */
async function addStaff(role: StaffMember['role'], name: string): Promise<{ local: string; e164: string }> {
  const phone = uniquePhone();
  const units = (await new CitizenClient({ baseUrl: api, org: 'demo' }).getOrg()).units;
  const unitIds = role === 'handler' ? [units[0]!.id] : [];
  const answer = await fetch('/__cc-test/staff-member', { method: 'POST', body: JSON.stringify({ phone: phone.local, name, role, unitIds }) });
  if (!answer.ok) throw new Error(`staff member not added: ${answer.status}`);
  return phone;
}

/** A citizen of the demo org sends a request through the SDK. */
async function citizenSubmits(subject: string): Promise<CitizenRequest> {
  const phone = uniquePhone();
  const citizen = new CitizenClient({ baseUrl: api, org: 'demo' });
  const challenge = await citizen.createChallenge();
  if (challenge.kind !== 'pow') throw new Error('the demo org uses pow');
  await citizen.requestOtp({ phone: phone.local, challenge: await solveChallenge(challenge) });
  await citizen.login({ phone: phone.local, code: await latestCode(phone.e164) });
  const units = (await citizen.getOrg()).units;
  return citizen.submitRequest({ fullName: 'سارا احمدی', subject, unitId: units[0]!.id, body: pdf() });
}

/** Mounts the desk and logs a staff member in through its SMS-code login. */
async function deskLogin(phone: { local: string; e164: string }, locale: 'fa' | 'en'): Promise<CounterDesk> {
  sessionStorage.clear();
  const el = await fixture<CounterDesk>(html`<counter-desk org="demo" api=${api} locale=${locale}></counter-desk>`);
  await waitFor(el, '#phone');
  const code = await requestCode(el, phone.local);
  type(code, await latestCode(phone.e164));
  inView<HTMLButtonElement>(el, 'cc-code-view', 'button[type=submit]')!.click();
  await waitFor(el, 'cd-queue');
  return el;
}

/** The queue item of a request, once the queue shows it. */
async function queueItem(el: CounterDesk, id: string): Promise<HTMLButtonElement> {
  return waitFor<HTMLButtonElement>(el, `.item[data-id="${id}"]`);
}

/** The text of `selector` inside one of the desk's views (`cd-request`, `cd-queue`, `cd-action-panel`). */
const textIn = (el: CounterDesk, view: string, selector: string) => inView(el, view, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Waits until that text matches. */
const untilText = (el: CounterDesk, view: string, selector: string, pattern: RegExp) =>
  until(() => pattern.test(textIn(el, view, selector)), `${view} ${selector} never matched ${pattern}: "${textIn(el, view, selector)}"`);

const press = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));

describe('<counter-desk>', function () {
  // Each test logs citizens and staff in through real SMS codes and proofs of work.
  this.timeout(90_000);

  it('should log a registrar in, show the queue and approve with a number after confirming, then open the next request', async () => {
    const registrar = await addStaff('registrar', 'رضا کریمی');
    const first = await citizenSubmits('درخواست تعمیر چراغ معبر');
    const second = await citizenSubmits('درخواست نصب سرعت‌گیر');
    const loggedIn = new Promise<CustomEvent>((resolve) => document.addEventListener('cd-login', (e) => resolve(e as CustomEvent), { once: true }));
    const el = await deskLogin(registrar, 'fa');
    expect((await loggedIn).detail.role).to.equal('registrar');
    expect(el.dir).to.equal('rtl');
    expect(deepQuery(el, '.who')?.textContent).to.contain('رضا کریمی').and.contain('دبیرخانه');

    // Each view says how many requests it holds.
    await untilText(el, 'cd-queue', '.view[aria-pressed="true"] .count', /^[۰-۹]+$/);
    (await queueItem(el, first.id)).click();
    await untilText(el, 'cd-request', 'h3', /چراغ معبر/);
    expect(textIn(el, 'cd-request', 'dl')).to.contain(persian(first.trackingCode));
    // Only the actions a registrar may take on an open request.
    const actions = [...inView(el, 'cd-request', '.bar')!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(actions).to.deep.equal(['تایید و ثبت', 'رد', 'ارجاع', 'درخواست مدارک', 'جوابیه']);

    press('a');
    await until(() => inView(el, 'cd-request', 'cd-action-panel'), 'no action panel');
    const panel = inView(el, 'cd-request', 'cd-action-panel')!;
    panel.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => panel.shadowRoot?.textContent?.includes('تایید با شماره بعدی دفتر اندیکاتور'), 'no confirmation step');
    // The confirmation shows the SMS the citizen will get, with the proposed number in it.
    const sms = panel.shadowRoot!.querySelector('.sms')!.textContent!;
    expect(sms).to.contain(persian(first.trackingCode));
    const acted = oneEvent(el, 'cd-action');
    inView<HTMLButtonElement>(el, 'cd-action-panel', 'button[type=submit]')!.click();
    const detail = (await acted).detail as { id: string; status: string };
    expect(detail).to.include({ id: first.id, action: 'approve', status: 'approved' });
    // The queue shows the new state and the desk goes on to the next request.
    await untilText(el, 'cd-queue', `.item[data-id="${first.id}"] .badge`, /تایید شده/);
    await until(() => textIn(el, 'cd-request', 'h3') && !/چراغ معبر/.test(textIn(el, 'cd-request', 'h3')), 'next request not opened');
    expect(inView(el, 'cd-queue', '.item[aria-current="true"]')?.dataset['id']).to.not.equal(first.id);
    expect(second.id).to.be.a('string');
  });

  it('should say who acted first when a decision is stale, and keep internal notes apart', async () => {
    const registrar = await addStaff('registrar', 'Ali Moradi');
    const request = await citizenSubmits('Stale decision');
    const el = await deskLogin(registrar, 'en');
    expect(el.dir).to.equal('ltr');
    (await queueItem(el, request.id)).click();
    await untilText(el, 'cd-request', 'h3', /Stale decision/);

    // A note, written and listed with its author.
    const note = inView<HTMLTextAreaElement>(el, 'cd-request', '#note')!;
    note.value = 'Check the invoice first';
    note.dispatchEvent(new Event('input'));
    await until(() => !inView<HTMLButtonElement>(el, 'cd-request', '.notes button[type=submit]')?.disabled);
    inView<HTMLButtonElement>(el, 'cd-request', '.notes button[type=submit]')!.click();
    await untilText(el, 'cd-request', '.notes ol', /Check the invoice first.*Ali Moradi/);

    // Someone else rejects it while this clerk prepares an approval.
    press('a');
    await waitFor(el, 'cd-action-panel');
    inView<HTMLButtonElement>(el, 'cd-action-panel', 'button[type=submit]')!.click();
    await fetch('/__cc-test/staff', { method: 'POST', body: JSON.stringify({ id: request.id, action: 'reject', reason: 'Duplicate' }) });
    inView<HTMLButtonElement>(el, 'cd-action-panel', 'button[type=submit]')!.click();
    await untilText(el, 'cd-action-panel', '[role=alert]', /Someone acted first: .*Rejected.*Nothing was sent\./);
    await untilText(el, 'cd-request', '.title .badge', /Rejected/);
  });

  it('should list its keyboard shortcuts on ?', async () => {
    const el = await deskLogin(await addStaff('handler', 'Neda Hosseini'), 'en');
    const dialog = await waitFor<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(false);
    press('?');
    await until(() => dialog.open, 'the shortcuts list did not open');
    expect(dialog.textContent).to.contain('Next request').and.contain('Approve and register');
    dialog.close();
    // A unit's staff start on their units' queue.
    expect(textIn(el, 'cd-queue', '.view[aria-pressed="true"]')).to.match(/^At my units( \d+)?$/);
  });

  it('should let an admin add staff and a rejection template from the administration, and say why a webhook address is refused', async () => {
    const el = await deskLogin(await addStaff('admin', 'Maryam Rahimi'), 'en');
    const toAdmin = [...deepQuery(el, '.who')!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Administration')!;
    toAdmin.click();
    const people = await waitFor(el, 'cd-staff-admin');
    await until(() => people.shadowRoot?.querySelector('tbody tr'), 'no staff listed');
    people.shadowRoot!.querySelector<HTMLButtonElement>('.top button')!.click();
    await until(() => people.shadowRoot?.querySelector('form'));
    const form = people.shadowRoot!.querySelector('form')!;
    const phone = uniquePhone();
    form.querySelector<HTMLInputElement>('#phone')!.value = phone.local;
    form.querySelector<HTMLInputElement>('#name')!.value = 'Reza Karimi';
    form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => people.shadowRoot?.textContent?.includes('Reza Karimi') && !people.shadowRoot.querySelector('form'), 'the new member is not listed');
    expect(people.shadowRoot!.textContent).to.contain('Secretariat');

    [...inView(el, 'cd-admin', 'nav')!.querySelectorAll('button')].find((b) => b.textContent?.includes('Templates'))!.click();
    const texts = await waitFor(el, 'cd-texts-admin');
    await until(() => texts.shadowRoot?.querySelectorAll('tbody tr').length, 'no SMS texts listed');
    texts.shadowRoot!.querySelector<HTMLButtonElement>('.top button')!.click();
    await until(() => texts.shadowRoot?.querySelector('form'));
    const templateForm = texts.shadowRoot!.querySelector('form')!;
    templateForm.querySelector<HTMLInputElement>('#title')!.value = `Unreadable ${phone.local}`;
    templateForm.querySelector<HTMLTextAreaElement>('#en')!.value = 'Dear {fullName}, the file of {trackingCode} cannot be read.';
    templateForm.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => texts.shadowRoot?.textContent?.includes(`Unreadable ${phone.local}`), 'the template is not listed');

    [...inView(el, 'cd-admin', 'nav')!.querySelectorAll('button')].find((b) => b.textContent?.includes('Register'))!.click();
    const register = await waitFor(el, 'cd-org-admin');
    await until(() => register.shadowRoot?.querySelector<HTMLInputElement>('#pattern')?.value, 'no settings shown');
    const pattern = register.shadowRoot!.querySelector<HTMLInputElement>('#pattern')!;
    const before = pattern.value;
    expect(register.shadowRoot!.textContent).to.contain('Complaints');
    // A pattern the register cannot fill is refused and nothing changes.
    pattern.value = '{prefix}/{year}';
    register.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await until(() => register.shadowRoot?.querySelector('[role=alert]')?.textContent, 'no error shown');
    pattern.value = before;
    register.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await until(() => register.shadowRoot?.querySelector('[role=status]')?.textContent?.includes('Saved.'), 'not saved');
    expect(register.shadowRoot!.querySelector<HTMLInputElement>('#pattern')!.value).to.equal(before);

    [...inView(el, 'cd-admin', 'nav')!.querySelectorAll('button')].find((b) => b.textContent?.includes('API keys'))!.click();
    const keys = await waitFor(el, 'cd-keys-admin');
    keys.shadowRoot!.querySelector<HTMLButtonElement>('.top button')!.click();
    await until(() => keys.shadowRoot?.querySelector('form'));
    keys.shadowRoot!.querySelector<HTMLInputElement>('#label')!.value = 'archive';
    keys.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await until(() => /cc_live_/.test(keys.shadowRoot?.querySelector('.secret')?.textContent ?? ''), 'the new key is not shown');
    await until(() => keys.shadowRoot?.querySelector('tbody')?.textContent?.includes('archive'), 'the key is not listed');

    // A webhook into the service's own network is refused, with a reason rather than "try again later".
    [...inView(el, 'cd-admin', 'nav')!.querySelectorAll('button')].find((b) => b.textContent?.includes('Webhooks'))!.click();
    const hooks = await waitFor(el, 'cd-webhooks-admin');
    hooks.shadowRoot!.querySelector<HTMLButtonElement>('.top button')!.click();
    await until(() => hooks.shadowRoot?.querySelector('form'));
    hooks.shadowRoot!.querySelector<HTMLInputElement>('#url')!.value = 'https://169.254.169.254/latest/meta-data/';
    hooks.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await until(() => hooks.shadowRoot?.querySelector('[role=alert]')?.textContent?.includes('may not receive webhooks'), 'the refusal is not explained');
    expect(hooks.shadowRoot!.querySelector('tbody')!.textContent).not.to.contain('169.254');
  });

  it('should have no axe violations at login, in the queue with a request open and in the administration, and use logical properties only', async () => {
    sessionStorage.clear();
    const login = await fixture<CounterDesk>(html`<counter-desk org="demo" api=${api} locale="fa"></counter-desk>`);
    await waitFor(login, '#phone');
    await expect(login).to.be.accessible();
    const request = await citizenSubmits('Accessible desk');
    const el = await deskLogin(await addStaff('admin', 'Maryam Rahimi'), 'en');
    (await queueItem(el, request.id)).click();
    await untilText(el, 'cd-request', 'h3', /Accessible desk/);
    press('r');
    await waitFor(el, 'cd-action-panel');
    await expect(el).to.be.accessible();
    [...deepQuery(el, '.who')!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Administration')!.click();
    const people = await waitFor(el, 'cd-staff-admin');
    await until(() => people.shadowRoot?.querySelector('tbody tr'), 'no staff listed');
    await expect(el).to.be.accessible();
    const tags = ['counter-desk', 'cd-queue', 'cd-request', 'cd-action-panel', 'cd-admin', 'cd-staff-admin', 'cd-org-admin', 'cd-texts-admin', 'cd-webhooks-admin', 'cd-keys-admin'];
    const css = tags.flatMap((tag) => (customElements.get(tag) as unknown as { elementStyles: CSSStyleSheet[] }).elementStyles)
      .map((sheet) => (sheet instanceof CSSStyleSheet ? [...sheet.cssRules].map((rule) => rule.cssText).join('\n') : (sheet as { cssText: string }).cssText))
      .join('\n');
    expect(css).to.not.match(/(margin|padding|border)-(left|right)|(^|[\s;{])(left|right)\s*:|text-align:\s*(left|right)/);
  });
});
