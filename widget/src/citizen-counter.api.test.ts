import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CitizenCounter } from './citizen-counter.js';
import type { CcSubmitDetail, CcView } from './events.js';
import { api, deepQuery, fill, inView, login, mount, pdf, submit, textOf, until, waitFor, waitForText } from './test-support/helpers.js';

/** Views the element announced with `cc-view`, and whether each event bubbled and was composed. */
function recordViews(el: HTMLElement): CcView[] {
  const views: CcView[] = [];
  el.addEventListener('cc-view', (event) => {
    expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
    views.push(event.detail.view);
  });
  return views;
}

/** Sends one request through the form and goes back to the list from the receipt. */
async function send(el: CitizenCounter, subject: string): Promise<CcSubmitDetail> {
  fill(el, { fullName: 'Sara Karimi', subject, unit: 0, file: pdf() });
  const submitted = oneEvent(el, 'cc-submit');
  submit(el, 'cc-submit-view');
  const detail = (await submitted).detail as CcSubmitDetail;
  await waitFor(el, '[data-tracking-code]');
  return detail;
}

/** A second element on the same tab, as after a reload: it finds the login the tab kept. */
async function reload(old: CitizenCounter, attrs = ''): Promise<CitizenCounter> {
  old.remove();
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.innerHTML = `<citizen-counter org="demo" api="${api}" locale="en" ${attrs}></citizen-counter>`;
  return wrapper.firstElementChild as CitizenCounter;
}

const activeDeep = (): Element | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};

describe('<citizen-counter> scripting API', () => {
  it('should say cc-ready and each view with cc-view, and land a first-time citizen on the form', async () => {
    sessionStorage.clear();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('citizen-counter');
    const ready = oneEvent(el, 'cc-ready');
    const views = recordViews(el);
    Object.assign(el, { org: 'demo', api, locale: 'en' });
    wrapper.append(el);
    const event = await ready;
    expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
    await waitFor(el, '#phone');
    expect(views).to.deep.equal(['loading', 'login']);
    await login(el);
    expect(views.slice(2)).to.deep.equal(['code', 'loading', 'submit']);
    expect(deepQuery(el, 'cc-requests-view')).to.equal(null);
  });

  it('should prefill the form, lock the given fields when asked, and reset to an empty form', async () => {
    const el = await mount('en');
    el.prefill({ fullName: 'Ali Rezaei', subject: 'Parking permit' }, { readOnly: true });
    await login(el);
    const name = inView<HTMLInputElement>(el, 'cc-submit-view', '#fullName')!;
    const subject = inView<HTMLInputElement>(el, 'cc-submit-view', '#subject')!;
    expect([name.value, name.readOnly, subject.value, subject.readOnly]).to.deep.equal(['Ali Rezaei', true, 'Parking permit', true]);
    expect(inView<HTMLSelectElement>(el, 'cc-submit-view', '#unitId')!.disabled).to.equal(false);

    // Without readOnly the values can be edited; a unit given is chosen.
    const units = inView<HTMLSelectElement>(el, 'cc-submit-view', '#unitId')!;
    const unitId = units.options[1]!.value;
    el.prefill({ fullName: 'Ali Rezaei', unitId });
    await until(() => inView<HTMLSelectElement>(el, 'cc-submit-view', '#unitId')!.value === unitId);
    expect(inView<HTMLInputElement>(el, 'cc-submit-view', '#fullName')!.readOnly).to.equal(false);

    el.reset();
    await until(() => inView<HTMLInputElement>(el, 'cc-submit-view', '#fullName')?.value === '');
    expect(inView<HTMLInputElement>(el, 'cc-submit-view', '#subject')!.value).to.equal('');
    expect(inView<HTMLSelectElement>(el, 'cc-submit-view', '#unitId')!.value).to.equal('');
    expect(Object.keys(sessionStorage).filter((key) => key.endsWith(':draft'))).to.deep.equal([]);
  });

  it('should land a returning citizen on the list, switch views by method, open by tracking code and log out', async () => {
    let el = await mount('en');
    await login(el);
    const first = await send(el, 'First letter');
    el.showSubmit();
    await waitFor(el, '#fullName');
    const second = await send(el, 'Second letter');

    // On reload a citizen with requests lands on the list, newest first.
    el = await reload(el);
    const views = recordViews(el);
    await until(() => deepQuery(el, 'cc-requests-view')?.shadowRoot?.querySelectorAll('li.card').length === 2);
    const list = deepQuery(el, 'cc-requests-view')!.shadowRoot!;
    expect([...list.querySelectorAll('h4')].map((h) => h.textContent)).to.deep.equal(['Second letter', 'First letter']);
    expect(views.at(-1)).to.equal('requests');

    // The New request button is the way to the form.
    const button = list.querySelector<HTMLButtonElement>('.top button')!;
    expect(button.textContent).to.equal('New request');
    button.click();
    await waitFor(el, '#fullName');
    expect(views.at(-1)).to.equal('submit');
    el.showRequests();
    await waitFor(el, 'cc-requests-view');
    expect(views.at(-1)).to.equal('requests');

    // Persian digits are read too.
    const persianCode = first.trackingCode.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect(await el.openRequest(persianCode)).to.equal(true);
    await waitFor(el, '#timeline');
    expect(textOf(el, 'cc-request-detail', 'h3')).to.contain(first.trackingCode);
    expect(views.at(-1)).to.equal('detail');
    expect(await el.openRequest(`${second.trackingCode}9`)).to.equal(false);
    await waitForText(el, '.notice', /None of your requests has this tracking code\./);
    expect(views.at(-1)).to.equal('detail');

    const loggedOut = oneEvent(el, 'cc-logout');
    await el.logout();
    await loggedOut;
    await waitFor(el, '#phone');
    expect(views.at(-1)).to.equal('login');
    expect(await el.openRequest(first.trackingCode)).to.equal(false);
  });

  it('should count unseen replies with cc-reply and stop counting one once opened', async () => {
    let el = await mount('en');
    await login(el);
    const { id, trackingCode } = await send(el, 'Needs an answer');
    const answer = await fetch('/__cc-test/staff', { method: 'POST', body: JSON.stringify({ id, action: 'approve', reply: 'Granted.' }) });
    expect(answer.ok).to.equal(true);

    const counts: number[] = [];
    const record = (element: CitizenCounter) =>
      element.addEventListener('cc-reply', (event) => {
        expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
        counts.push(event.detail.count);
      });
    el = await reload(el);
    record(el);
    await until(() => counts.length === 1);
    expect(counts).to.deep.equal([1]);
    await waitFor(el, 'cc-requests-view');
    expect(await el.openRequest(trackingCode)).to.equal(true);
    expect(counts).to.deep.equal([1, 0]);

    // Seen stays seen on the next visit: no event, since nothing is unseen.
    el = await reload(el);
    record(el);
    await until(() => deepQuery(el, 'cc-requests-view')?.shadowRoot?.querySelector('li.card'));
    expect(counts).to.deep.equal([1, 0]);
  });

  it('should open the launcher dialog with Enter, close it with Escape and give focus back to the button', async () => {
    sessionStorage.clear();
    const el = await reload(document.createElement('citizen-counter') as CitizenCounter, 'mode="launcher" launcher-label="Ask us"');
    await waitFor(el, '#phone');
    const launcher = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=launcher]')!;
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(launcher.textContent!.trim()).to.equal('Ask us');
    expect(getComputedStyle(launcher).position).to.equal('fixed');
    expect(dialog.open).to.equal(false);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('title');

    launcher.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog.open);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.contains(activeDeep()) || el.shadowRoot!.activeElement !== launcher).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open);
    expect(activeDeep()).to.equal(launcher);

    // The close button, labelled, does the same.
    await sendKeys({ press: 'Enter' });
    await until(() => dialog.open);
    const close = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=close]')!;
    expect(close.getAttribute('aria-label')).to.equal('Close');
    close.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !dialog.open);
    expect(activeDeep()).to.equal(launcher);

    // Methods bring the dialog up too.
    el.showSubmit();
    expect(dialog.open).to.equal(true);
    dialog.close();
  });

  it('should let two counters on one page speak their own languages', async () => {
    sessionStorage.clear();
    const page = await fixture<HTMLDivElement>(html`<div>
      <citizen-counter org="demo" api=${api} locale="fa"></citizen-counter>
      <citizen-counter org="demo" api=${api} locale="en"></citizen-counter>
    </div>`);
    const [fa, en] = [...page.querySelectorAll('citizen-counter')] as [CitizenCounter, CitizenCounter];
    await waitFor(fa, '#phone');
    await waitFor(en, '#phone');
    expect(textOf(fa, 'cc-login-view', 'h3')).to.equal('ورود به پیشخوان خدمت الکترونیک');
    expect(textOf(en, 'cc-login-view', 'h3')).to.equal('Log in to the e-service counter');
    expect(fa.shadowRoot!.querySelector('#title')!.textContent).to.not.equal(en.shadowRoot!.querySelector('#title')!.textContent);
    expect([fa.dir, en.dir]).to.deep.equal(['rtl', 'ltr']);

    // A change of one counter's locale leaves the other as it was.
    fa.locale = 'en';
    await until(() => textOf(fa, 'cc-login-view', 'h3') === 'Log in to the e-service counter');
    en.locale = 'fa';
    await until(() => textOf(en, 'cc-login-view', 'h3') === 'ورود به پیشخوان خدمت الکترونیک');
    expect(textOf(fa, 'cc-login-view', 'h3')).to.equal('Log in to the e-service counter');
    // The shells' own texts (the header) switched with them.
    const title = (el: CitizenCounter) => el.shadowRoot!.querySelector('#title')!.textContent;
    await until(() => title(en) !== title(fa));
    expect(title(fa)).to.equal('Sample Organization');
    expect(fa.shadowRoot!.querySelector('.service')!.textContent).to.equal('E-service counter');
    expect(en.shadowRoot!.querySelector('.service')!.textContent).to.equal('پیشخوان خدمت الکترونیک');
  });
});
