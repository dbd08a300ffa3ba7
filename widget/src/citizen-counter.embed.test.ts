import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { CitizenCounter } from './citizen-counter.js';
import { api, deepQuery, login, mount, textOf, until, waitFor } from './test-support/helpers.js';

type Probe = Window & { __cspViolations: string[]; __errors: string[] };

describe('<citizen-counter> embedding', () => {
  it('should run the built bundle twice under a strict Content-Security-Policy', async () => {
    sessionStorage.clear(); // the frame shares this tab's sessionStorage: start logged out
    const frame = document.createElement('iframe');
    frame.src = '/widget/test-pages/csp.html';
    frame.style.inlineSize = '800px';
    frame.style.blockSize = '600px';
    document.body.append(frame);
    await oneEvent(frame, 'load');
    const win = frame.contentWindow as Probe;
    const counters = [...win.document.querySelectorAll('citizen-counter')];
    expect(counters).to.have.length(2);
    for (const counter of counters) {
      await waitFor(counter, '#phone').catch(() => {
        throw new Error(`no login view: ${counter.shadowRoot?.textContent} ${win.__cspViolations} ${win.__errors}`);
      });
    }
    expect(win.customElements.get('citizen-counter')).to.not.equal(undefined);
    expect(textOf(counters[1]!, 'cc-login-view', 'h3')).to.equal('ورود به پیشخوان خدمت الکترونیک');
    // Typing a number starts the built bundle's proof of work in a blob: worker.
    const phone = deepQuery(counters[0]!, '#phone') as HTMLInputElement;
    phone.value = '0';
    phone.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await until(() => textOf(counters[0]!, 'cc-login-view', '[role=status]') === 'بررسی خودکار امنیتی انجام شد.');
    // The visual code image would be a data: URL, which the policy allows; nothing was blocked.
    expect(win.__cspViolations).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
    frame.remove();
  });

  it('should not throw when a second copy of the bundle registers the same tags', async () => {
    // The source is already registered by this test file; a bundle copy must skip, not throw, and
    // say once that its classes are not the ones the page uses.
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    try {
      await import(/* @vite-ignore */ `${'/widget/dist/citizen-counter.js'}?copy=${Date.now()}`);
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('citizen-counter')).to.equal(CitizenCounter);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/^<(cc-[a-z-]+|citizen-counter)> is taken by another copy of the citizen counter/);
    const first = await mount('en');
    const second = await fixture<CitizenCounter>(html`<citizen-counter org="demo" api=${api} locale="en"></citizen-counter>`);
    await waitFor(second, '#phone');
    expect(deepQuery(first, '#phone')).to.not.equal(deepQuery(second, '#phone'));
  });

  it('should default api to the script origin and the locale to the org default', async () => {
    sessionStorage.clear();
    const el = await fixture<CitizenCounter>(html`<citizen-counter org="demo"></citizen-counter>`);
    expect(el.api).to.equal(location.origin);
    await waitFor(el, '#phone');
    expect(el.lang).to.equal('fa');
    expect(el.dir).to.equal('rtl');
  });

  it('should keep the login for the tab, per org, until logout', async () => {
    const el = await mount('en');
    const phone = await login(el);
    el.remove();
    // A new element on the same tab (e.g. after navigating) is still logged in.
    const again = await fixture<CitizenCounter>(html`<citizen-counter org="demo" api=${api} locale="en"></citizen-counter>`);
    await waitFor(again, '#fullName');
    expect(again.shadowRoot!.querySelector('.who')!.textContent).to.contain(`0${phone.e164.slice(3, 6)}`);
    // Another org does not see it.
    const other = await fixture<CitizenCounter>(html`<citizen-counter org="other-org" api=${api} locale="en"></citizen-counter>`);
    await until(() => other.shadowRoot!.querySelector('[role=alert]'));
    expect(deepQuery(other, '#fullName')).to.equal(null);

    const events: string[] = [];
    again.addEventListener('cc-logout', (event) => events.push(`${event.type}:${event.bubbles}:${event.composed}`));
    again.shadowRoot!.querySelector<HTMLButtonElement>('.who button')!.click();
    await waitFor(again, '#phone');
    expect(events).to.deep.equal(['cc-logout:true:true']);
    const after = await fixture<CitizenCounter>(html`<citizen-counter org="demo" api=${api} locale="en"></citizen-counter>`);
    await waitFor(after, '#phone');
  });
});

describe('<citizen-counter> on a site the org did not allow', () => {
  it('should say the site may not embed the counter, not that the service is unreachable', async () => {
    const { url } = (await (await fetch('/__cc-test/api-url', { method: 'POST', body: '{}' })).json()) as { url: string };
    sessionStorage.clear();
    const el = document.createElement('citizen-counter');
    el.setAttribute('org', 'demo');
    el.setAttribute('api', url); // another origin than this page's, and not among the demo org's
    el.setAttribute('locale', 'en');
    const errors: string[] = [];
    el.addEventListener('cc-error', (event) => errors.push((event as CustomEvent<{ code: string }>).detail.code));
    document.body.append(el);
    try {
      await until(() => errors.length > 0);
      expect(errors).to.deep.equal(['origin_not_allowed']);
      await until(() => (el.shadowRoot?.querySelector('[role=alert]')?.textContent ?? '') !== '');
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.equal('This website may not use this counter.');
    } finally {
      el.remove();
    }
  });
});
