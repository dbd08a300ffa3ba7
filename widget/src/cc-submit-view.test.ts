import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import {
  attach,
  deepQuery,
  fill,
  latestCode,
  login,
  mount,
  pdf,
  requestCode,
  submit,
  textOf,
  type,
  uniquePhone,
  until,
  inView,
  waitFor,
} from './test-support/helpers.js';

describe('<citizen-counter> error paths', () => {
  it('should refuse an invalid phone number before sending anything', async () => {
    const el = await mount('en');
    type(inView<HTMLInputElement>(el, 'cc-login-view', '#phone')!, '12345');
    submit(el, 'cc-login-view');
    await until(() => textOf(el, 'cc-login-view', '#phone-error') !== '');
    expect(textOf(el, 'cc-login-view', '#phone-error')).to.equal('Enter a valid mobile number, e.g. 0912 123 4567.');
    expect(deepQuery(el, '#phone')!.getAttribute('aria-invalid')).to.equal('true');
    expect(deepQuery(el, '#code')).to.equal(null);
  });

  it('should stop taking guesses after five wrong codes and say to ask for a new one', async () => {
    const el = await mount('fa');
    const phone = uniquePhone();
    const input = await requestCode(el, phone.local);
    const right = await latestCode(phone.e164);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      type(input, wrong);
      submit(el, 'cc-code-view');
      await until(() => textOf(el, 'cc-code-view', '#code-error') !== '');
      expect(textOf(el, 'cc-code-view', '#code-error')).to.equal('کد وارد شده درست نیست.');
      type(input, '');
      await until(() => textOf(el, 'cc-code-view', '#code-error') === '');
    }
    // Even the right code is refused now: the code is dead, and the citizen is told to ask again.
    const failed = oneEvent(el, 'cc-error');
    type(input, right);
    submit(el, 'cc-code-view');
    expect((await failed).detail.code).to.equal('otp_attempts_exceeded');
    await until(() => textOf(el, 'cc-code-view', '#code-error') !== '');
    expect(textOf(el, 'cc-code-view', '#code-error')).to.match(/کد جدید/);
    expect(deepQuery(el, '#fullName')).to.equal(null);
  });

  it('should say so, in a live region and with a cc-error event, when the service cannot be reached', async () => {
    sessionStorage.clear();
    // Port 9 (discard) has nothing listening here: the connection is refused.
    const el = await fixture(html`<citizen-counter org="demo" api="http://127.0.0.1:9" locale="en"></citizen-counter>`);
    const failed = await oneEvent(el, 'cc-error');
    expect(failed.detail.code).to.equal('network_error');
    const alert = await waitFor(el, '[role=alert]');
    await until(() => /could not be reached/.test(alert.textContent ?? ''));
    expect(el.shadowRoot!.textContent).to.contain('Try again');
  });

  it('should explain a wrong code, then accept the right one', async () => {
    const el = await mount('en');
    const phone = uniquePhone();
    const input = await requestCode(el, phone.local);
    expect(input.autocomplete).to.equal('one-time-code');
    expect(input.inputMode).to.equal('numeric');
    expect(textOf(el, 'cc-code-view', '#code-hint')).to.match(/valid for [45]:\d\d/);
    expect(textOf(el, 'cc-code-view', '.actions')).to.match(/New code in 0:[0-5]\d|New code in 1:00/);

    const right = await latestCode(phone.e164);
    type(input, right === '000000' ? '111111' : '000000');
    submit(el, 'cc-code-view');
    await until(() => textOf(el, 'cc-code-view', '#code-error') !== '');
    expect(textOf(el, 'cc-code-view', '#code-error')).to.equal('The code is not correct.');

    // Pasting the code with Persian digits and spaces still works.
    type(input, `${right.slice(0, 3)} ${right.slice(3)}`.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
    expect(input.value).to.equal(right);
    submit(el, 'cc-code-view');
    await waitFor(el, '#fullName');
  });

  it('should check the org rules before uploading and show the server answer on its field', async () => {
    const el = await mount('en');
    await login(el);
    const rules = textOf(el, 'cc-submit-view', '.box');
    expect(rules).to.contain('1 MB');
    expect(rules).to.contain('pdf');

    // Nothing filled: every field says what is missing and focus goes to the first.
    submit(el, 'cc-submit-view');
    await until(() => textOf(el, 'cc-submit-view', '#fullName-error') !== '');
    expect(textOf(el, 'cc-submit-view', '#fullName-error')).to.equal('This field is required.');
    expect(textOf(el, 'cc-submit-view', '#unitId-error')).to.equal('Choose a unit from the list.');
    expect(textOf(el, 'cc-submit-view', '#body-error')).to.equal('Attach one body file.');
    await until(() => deepQuery(el, 'cc-submit-view')!.shadowRoot!.activeElement?.id === 'fullName');

    // Too long, too large, wrong type: all refused in the browser.
    fill(el, { fullName: 'x'.repeat(201), subject: 'Subject', unit: 0, file: new File([new Uint8Array(1.5 * 1024 * 1024)], 'big.pdf') });
    submit(el, 'cc-submit-view');
    await until(() => textOf(el, 'cc-submit-view', '#body-error') !== '');
    expect(textOf(el, 'cc-submit-view', '#fullName-error')).to.equal('At most 200 characters.');
    expect(textOf(el, 'cc-submit-view', '#body-error')).to.equal('The file is 1.5 MB; the limit is 1 MB.');

    type(inView<HTMLInputElement>(el, 'cc-submit-view', '#fullName')!, 'Ali Rezaei');
    attach(inView<HTMLInputElement>(el, 'cc-submit-view', '#body')!, new File(['MZ'], 'tool.exe'));
    submit(el, 'cc-submit-view');
    await until(() => textOf(el, 'cc-submit-view', '#body-error') !== '');
    expect(textOf(el, 'cc-submit-view', '#body-error')).to.match(/^This format is not accepted\. Accepted: pdf, doc/);

    // A PDF name on a text file passes the browser check; the server's code lands on the file field.
    const errors: string[] = [];
    el.addEventListener('cc-error', (event) => errors.push(event.detail.code));
    attach(inView<HTMLInputElement>(el, 'cc-submit-view', '#body')!, new File(['plain text'], 'letter.pdf'));
    submit(el, 'cc-submit-view');
    await until(() => errors.length > 0);
    expect(errors[0]).to.match(/^file_type_(mismatch|not_allowed)$/);
    expect(textOf(el, 'cc-submit-view', '#body-error')).to.equal('This file format is not accepted.');

    // And a good one goes through.
    attach(inView<HTMLInputElement>(el, 'cc-submit-view', '#body')!, pdf());
    submit(el, 'cc-submit-view');
    await waitFor(el, '[data-tracking-code]');
  });

  it('should keep the draft when the session ends, and go back to login', async () => {
    const el = await mount('en');
    await login(el);
    fill(el, { fullName: 'Sara Karimi', subject: 'Kept across logins', unit: 1 });
    // The session ends on the server (as when it expires); the next call is refused.
    const key = Object.keys(sessionStorage).find((name) => name.endsWith(':session'))!;
    const { token } = JSON.parse(sessionStorage.getItem(key)!) as { token: string };
    await fetch('/v1/orgs/demo/sessions/current', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    attach(inView<HTMLInputElement>(el, 'cc-submit-view', '#body')!, pdf());
    submit(el, 'cc-submit-view');
    await waitFor(el, '#phone');
    expect(textOf(el, 'citizen-counter', '.notice') || el.shadowRoot!.querySelector('.notice')!.textContent).to.contain('expired');

    await login(el);
    expect(inView<HTMLInputElement>(el, 'cc-submit-view', '#fullName')!.value).to.equal('Sara Karimi');
    expect(inView<HTMLInputElement>(el, 'cc-submit-view', '#subject')!.value).to.equal('Kept across logins');
    expect(inView<HTMLSelectElement>(el, 'cc-submit-view', '#unitId')!.selectedIndex).to.equal(2);
  });
});
