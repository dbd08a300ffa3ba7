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
  waitForText,
} from './test-support/helpers.js';
import type { CitizenCounter } from './citizen-counter.js';

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

  for (const [locale, sentence] of [
    ['fa', 'ارتباط با سامانه برقرار نشد. اتصال خود را بررسی کنید.'],
    ['en', 'The service could not be reached. Check your connection.'],
  ] as const) {
    it(`should say in ${locale}, in a live region and with a cc-error event, that the service cannot be reached`, async () => {
      sessionStorage.clear();
      const uncaught: unknown[] = [];
      const onError = (event: ErrorEvent) => uncaught.push(event.error ?? event.message);
      const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
      try {
        // Port 9 (discard) has nothing listening here: the connection is refused.
        const el = await fixture<CitizenCounter>(html`<citizen-counter org="demo" api="http://127.0.0.1:9" locale=${locale}></citizen-counter>`);
        expect((await oneEvent(el, 'cc-error')).detail.code).to.equal('network_error');
        const alert = await waitFor(el, '[role=alert]');
        await until(() => alert.textContent === sentence);
        expect(el.dir).to.equal(locale === 'fa' ? 'rtl' : 'ltr');

        // "Try again" tries again, and fails the same way, still without an uncaught error.
        const again = oneEvent(el, 'cc-error');
        el.shadowRoot!.querySelector<HTMLButtonElement>('.body button')!.click();
        expect((await again).detail.code).to.equal('network_error');
        await waitForText(el, '[role=alert]', new RegExp(sentence.slice(0, 10)));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(uncaught).to.deep.equal([]);
      } finally {
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onRejection);
      }
    });
  }

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

    // The file picker is ours, in the page's language; the real input lies invisible over all of it.
    const picker = inView(el, 'cc-submit-view', '.file')!;
    const button = picker.querySelector<HTMLElement>('[part~=file-button]')!;
    const fileInput = picker.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(button.textContent).to.equal('Choose file');
    expect(textOf(el, 'cc-submit-view', '#body-hint')).to.equal('No file chosen');
    expect(getComputedStyle(fileInput).opacity).to.equal('0');
    const [row, covered] = [picker.getBoundingClientRect(), fileInput.getBoundingClientRect()];
    expect([covered.top, covered.left, covered.width, covered.height]).to.deep.equal([row.top, row.left, row.width, row.height]);
    expect(button.getBoundingClientRect().height).to.be.at.least(44);
    // A host page can theme it from outside, through the shell's exported parts.
    const theme = document.createElement('style');
    theme.textContent = 'citizen-counter::part(file-button) { color: rgb(1, 2, 3); }';
    document.head.append(theme);
    expect(getComputedStyle(button).color).to.equal('rgb(1, 2, 3)');
    theme.remove();

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
    expect(textOf(el, 'cc-submit-view', '#body-hint')).to.equal('tool.exe (2 bytes)');
    expect(getComputedStyle(button).borderTopWidth).to.equal('2px');

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

  it('should help before it refuses: required marks, live counts, a file checked when chosen, .tif taken', async () => {
    const el = await mount('fa');
    await login(el);
    const view = deepQuery(el, 'cc-submit-view')!.shadowRoot!;
    expect(textOf(el, 'cc-submit-view', 'h3 + p')).to.match(/^به خدمت الکترونیک .+ خوش آمدید\.$/);
    // Every field is required, announced as such, and marked for the eye.
    for (const id of ['fullName', 'subject', 'unitId', 'body']) {
      expect(view.querySelector<HTMLInputElement>(`#${id}`)!.required, id).to.equal(true);
      expect(view.querySelector(`label[for=${id}] .req`)?.getAttribute('aria-hidden'), id).to.equal('true');
    }
    expect(textOf(el, 'cc-submit-view', 'label[for=subject]')).to.equal('موضوع درخواست *');
    expect(textOf(el, 'cc-submit-view', 'label[for=body]')).to.equal('فایل بدنه نامه را بارگذاری کنید *');
    // The rules list the formats right to left, each name isolated, the period at the end.
    expect(textOf(el, 'cc-submit-view', '.box li:nth-child(2)')).to.match(/^قالب‌های مجاز: \u2066pdf\u2069، \u2066doc\u2069، .*\u2066tif\u2069، \u2066zip\u2069\.$/);

    // Counts as the citizen types, read with the field.
    expect(textOf(el, 'cc-submit-view', '#subject-count')).to.equal('۰ از ۲۰۰ کاراکتر');
    type(view.querySelector<HTMLInputElement>('#subject')!, 'درخواست گواهی');
    await until(() => textOf(el, 'cc-submit-view', '#subject-count') === '۱۳ از ۲۰۰ کاراکتر');
    expect(view.querySelector('#subject')!.getAttribute('aria-describedby')).to.equal('subject-count subject-error');
    type(view.querySelector<HTMLInputElement>('#fullName')!, 'ن'.repeat(201));
    await until(() => view.querySelector('#fullName-count')!.classList.contains('over'));

    // A file is checked when it is chosen, not when the form is sent.
    attach(view.querySelector<HTMLInputElement>('#body')!, new File(['MZ'], 'tool.exe'));
    await until(() => textOf(el, 'cc-submit-view', '#body-error') !== '');
    expect(textOf(el, 'cc-submit-view', '#body-error')).to.match(/^این قالب فایل پذیرفته نمی‌شود/);
    expect(view.querySelector('#body')!.getAttribute('aria-invalid')).to.equal('true');
    attach(view.querySelector<HTMLInputElement>('#body')!, new File([new Uint8Array([0x49, 0x49, 0x2a, 0])], 'scan.tif'));
    await until(() => textOf(el, 'cc-submit-view', '#body-error') === '');
    expect(view.querySelector<HTMLInputElement>('#body')!.accept).to.contain('.tif,');
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
