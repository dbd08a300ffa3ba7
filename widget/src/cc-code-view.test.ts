import { expect, fixture, html } from '@open-wc/testing';
import type { CitizenCounter } from './citizen-counter.js';
import type { CcCodeView } from './cc-code-view.js';
import {
  api,
  deepQuery,
  inView,
  latestCode,
  latin,
  mount,
  requestCode,
  submit,
  textOf,
  type,
  uniquePhone,
  until,
  waitFor,
} from './test-support/helpers.js';

/** The newest code the dev SMS inbox holds for `e164` at `org`. */
async function codeAt(org: string, e164: string): Promise<string> {
  for (let tries = 0; tries < 100; tries++) {
    const { items } = (await (await fetch(`/dev/sms?org=${org}&to=${encodeURIComponent(e164)}`)).json()) as { items: { text: string; createdAt: string }[] };
    const newest = items.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    const code = newest && /\d{4,8}/.exec(latin(newest.text))?.[0];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no SMS reached ${e164}`);
}

const button = (el: Element, text: string) =>
  [...deepQuery(el, 'cc-code-view')!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes(text))!;

describe('<cc-code-view> without dead ends', () => {
  it('should rest the field and the button after five wrong codes, count down to a new code, and say once that a new one was sent', async () => {
    const org = `resend-${Date.now()}`;
    const created = await fetch('/__cc-test/org', { method: 'POST', body: JSON.stringify({ id: org, settings: { otp: { resendSeconds: 10 } } }) });
    expect(created.ok).to.equal(true);
    sessionStorage.clear();
    const el = await fixture<CitizenCounter>(html`<citizen-counter org=${org} api=${api} locale="en"></citizen-counter>`);
    await waitFor(el, '#phone');
    const phone = uniquePhone();
    const input = await requestCode(el, phone.local);
    const right = await codeAt(org, phone.e164);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i++) {
      type(input, wrong);
      submit(el, 'cc-code-view');
      await until(() => textOf(el, 'cc-code-view', '#code-error') !== '');
      if (i < 5) {
        expect(textOf(el, 'cc-code-view', '#code-error')).to.equal('The code is not correct.');
        type(input, '');
        await until(() => textOf(el, 'cc-code-view', '#code-error') === '');
      }
    }
    // The fifth wrong code spends it: nothing more to type or press but a new code, counted down.
    expect(textOf(el, 'cc-code-view', '#code-error')).to.equal('Too many wrong tries. Ask for a new code.');
    await until(() => input.disabled);
    const login = inView<HTMLButtonElement>(el, 'cc-code-view', 'button[type=submit]')!;
    expect(login.disabled).to.equal(true);
    expect(textOf(el, 'cc-code-view', '#code-hint')).to.equal('');
    const resend = button(el, 'code');
    expect(resend.disabled).to.equal(true);
    expect(resend.textContent!.trim()).to.match(/^New code in 0:(0\d|10)$/);
    const shown = resend.textContent;
    await until(() => resend.textContent !== shown);

    // When the wait is over: a new code, said once and as new, and the field works again.
    await until(() => !resend.disabled, 'the resend button never came back');
    resend.click();
    await until(() => !input.disabled);
    const status = inView(el, 'cc-code-view', '[role=status]')!;
    expect(status.textContent).to.match(/^A new 6-digit code was sent by SMS to \u2066\d{4}\u00a0\d{3}\u00a0\d{4}\u2069\.$/);
    expect(deepQuery(el, 'cc-code-view')!.shadowRoot!.textContent!.match(/code was sent/g)).to.have.length(1);
    expect(textOf(el, 'cc-code-view', '#code-error')).to.equal('');
    const fresh = await codeAt(org, phone.e164);
    type(input, fresh);
    submit(el, 'cc-code-view');
    await until(() => deepQuery(el, 'cc-code-view') === null);
  });

  it('should take a citizen who asks again within the wait (after a reload) to the code already sent', async () => {
    const first = await mount('fa');
    const phone = uniquePhone();
    await requestCode(first, phone.local);
    const code = await latestCode(phone.e164);

    const el = await mount('fa');
    const errors: string[] = [];
    el.addEventListener('cc-error', (event) => errors.push(event.detail.code));
    const input = await requestCode(el, phone.local);
    expect(errors).to.deep.equal(['otp_cooldown']);
    // The resend button counts the seconds left; the code from the first SMS logs in.
    expect(button(el, 'دریافت کد جدید').textContent!.trim()).to.match(/^دریافت کد جدید تا [۰-۹]:[۰-۹]{2} دیگر$/);
    type(input, code);
    submit(el, 'cc-code-view');
    await until(() => deepQuery(el, 'cc-code-view') === null);
    expect(deepQuery(el, 'cc-login-view')).to.equal(null);
  });

  it('should show only the expiry message once the code has expired', async () => {
    const el = await mount('fa');
    await requestCode(el, uniquePhone().local);
    const view = deepQuery(el, 'cc-code-view') as CcCodeView;
    view.otp = { ...view.otp, expiresAt: new Date(Date.now() - 1000).toISOString() };
    await until(() => textOf(el, 'cc-code-view', '#code-hint') === 'مدت اعتبار کد به پایان رسیده است. کد جدید دریافت کنید.');
    expect(textOf(el, 'cc-code-view', '#code-error')).to.equal('');
    expect(inView<HTMLButtonElement>(el, 'cc-code-view', 'button[type=submit]')!.disabled).to.equal(true);
    expect(inView<HTMLInputElement>(el, 'cc-code-view', '#code')!.disabled).to.equal(true);
  });

  it('should write the phone placeholder in Persian digits and never break the number', async () => {
    const el = await mount('fa');
    expect(inView<HTMLInputElement>(el, 'cc-login-view', '#phone')!.placeholder).to.equal('۰۹۱۲ ۱۲۳ ۴۵۶۷');
    el.style.width = '360px';
    await requestCode(el, uniquePhone().local);
    const status = inView(el, 'cc-code-view', '[role=status]')!;
    expect(status.textContent).not.to.match(/\d \d/);
  });
});
