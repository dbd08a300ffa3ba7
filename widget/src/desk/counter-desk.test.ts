import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { StaffClient } from '@citizen-counter/sdk';
import { api, deepQuery, inView, persian, type, uniquePhone, until, waitFor } from '../test-support/helpers.js';
import { addStaff, citizenSubmits, deskLogin, deskSessionKey, press, queueItem, textIn, untilText } from '../test-support/desk.js';
import './index.js';
import type { CounterDesk } from './counter-desk.js';

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
    // The body, a PDF, opens in the browser's own PDF viewer beside the fields (a sandboxed frame
    // would be refused the viewer and stay blank).
    await until(() => inView<HTMLIFrameElement>(el, 'cd-request', '.file iframe')?.contentDocument?.contentType === 'application/pdf', 'the PDF is not previewed');
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

  it("should refer a request to a person of a unit, name them before sending, and have the server record them", async () => {
    const registrar = await addStaff('registrar', 'سارا رضایی');
    const request = await citizenSubmits('درخواست بررسی قبض آب');
    const el = await deskLogin(registrar, 'fa');
    (await queueItem(el, request.id)).click();
    await untilText(el, 'cd-request', 'h3', /قبض آب/);
    press('f');
    const panel = await waitFor(el, 'cd-action-panel');
    const field = <T extends Element>(selector: string) => panel.shadowRoot!.querySelector<T>(selector)!;
    await until(() => field('#person'), 'no person field');

    // The person field is labelled and starts at "anyone at the unit"; choosing the demo's
    // complaints unit offers its handler, ندا حسینی (the seeded demo handler).
    const person = field<HTMLSelectElement>('#person');
    expect(person.labels?.[0]?.textContent?.trim()).to.equal('فرد');
    expect(person.selectedOptions[0]?.textContent?.trim()).to.equal('هر کس در واحد');
    const unit = field<HTMLSelectElement>('#unit');
    type(unit, [...unit.options].find((option) => option.textContent?.trim() === 'واحد شکایات')!.value);
    await until(() => [...field<HTMLSelectElement>('#person').options].some((option) => option.textContent?.trim() === 'ندا حسینی'), 'the unit\'s people are not offered');
    // Only the unit's people: registrars and admins work at no unit.
    const offered = [...field<HTMLSelectElement>('#person').options].map((option) => option.textContent?.trim());
    expect(offered).to.not.include('سارا رضایی').and.not.include('مریم رحیمی');
    await expect(panel).to.be.accessible();
    const neda = [...field<HTMLSelectElement>('#person').options].find((option) => option.textContent?.trim() === 'ندا حسینی')!;
    type(field<HTMLSelectElement>('#person'), neda.value);

    field<HTMLButtonElement>('button[type=submit]').click();
    await until(() => panel.shadowRoot?.textContent?.includes('ارجاع درخواست به ندا حسینی در واحد شکایات.'), 'the confirmation does not name the person');
    const acted = oneEvent(el, 'cd-action');
    field<HTMLButtonElement>('button[type=submit]').click();
    expect((await acted).detail).to.include({ id: request.id, action: 'refer' });

    // What the server recorded, read back with the desk's own session.
    const { token } = JSON.parse(sessionStorage.getItem(deskSessionKey)!) as { token: string };
    const recorded = await new StaffClient({ baseUrl: api, org: 'demo', token }).getRequest(request.id);
    expect(recorded.assignee).to.deep.equal({ id: neda.value, name: 'ندا حسینی' });
    expect(recorded.currentUnit?.name.fa).to.equal('واحد شکایات');
    // The request view shows the person beside the unit it is at.
    (await queueItem(el, request.id)).click();
    await untilText(el, 'cd-request', 'dl', /واحد شکایات — ندا حسینی/);
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
    // The confirmation step comes with the server's preview: "edit" joins "confirm" and "cancel".
    await until(() => {
      const actions = inView(el, 'cd-request', 'cd-action-panel')?.shadowRoot?.querySelectorAll<HTMLButtonElement>('.actions button');
      return actions?.length === 3 && !actions[0]!.disabled;
    }, 'no confirmation step');
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
    // The week in the desk's language, whatever the host page's: Saturday first, as the Iranian week.
    expect(register.shadowRoot!.querySelector('fieldset')!.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^Weekly days off Saturday Sunday .* Friday$/);
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
