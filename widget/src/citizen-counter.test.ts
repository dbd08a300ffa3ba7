import { expect, oneEvent } from '@open-wc/testing';
import { CitizenClient } from '@citizen-counter/sdk';
import type { CcSubmitDetail } from './events.js';
import {
  api,
  attach,
  deepQuery,
  fill,
  latin,
  login,
  mount,
  pdf,
  persian,
  submit,
  textOf,
  type,
  until,
  uniquePhone,
  waitFor,
  waitForText,
} from './test-support/helpers.js';

const blue = 'rgb(29, 78, 216)';

describe('<citizen-counter> citizen journey', () => {
  it('should log in, submit, print a Jalali receipt and track the request in fa', async () => {
    const el = await mount('fa');
    expect(el.dir).to.equal('rtl');
    expect(el.lang).to.equal('fa');
    expect(textOf(el, 'cc-login-view', 'h3')).to.equal('ورود به پیشخوان خدمت الکترونیک');

    // The number typed in Persian digits, as citizens do.
    const phone = uniquePhone();
    const loggedIn = oneEvent(el, 'cc-login');
    await login(el, phone, persian(phone.local));
    expect((await loggedIn).detail.phone).to.equal(phone.e164);
    expect(textOf(el, 'cc-submit-view', '.box')).to.contain('قوانین ارسال اطلاعات');
    // The file picker speaks the page's language, not the browser's.
    expect(textOf(el, 'cc-submit-view', '.file')).to.contain('انتخاب فایل');
    expect(textOf(el, 'cc-submit-view', '#body-hint')).to.equal('فایلی انتخاب نشده');

    // A server-side rejection is shown in Persian under the file field: the content is not a PDF.
    fill(el, { fullName: 'مریم احمدی', subject: 'درخواست گواهی اشتغال', unit: 0, file: new File(['just text, no pdf'], 'fake.pdf') });
    submit(el, 'cc-submit-view');
    const bodyError = await waitForText(el, '#body-error', /\S/);
    expect(bodyError.textContent).to.match(/قالب|فایل/);
    expect(deepQuery(el, '#body')!.getAttribute('aria-invalid')).to.equal('true');

    fill(el, { fullName: 'مریم احمدی', subject: 'درخواست گواهی اشتغال', unit: 0, file: pdf() });
    await until(() => textOf(el, 'cc-submit-view', '#body-hint').startsWith('letter.pdf ('));
    expect(textOf(el, 'cc-submit-view', '#body-hint')).to.match(/^letter\.pdf \([۰-۹]+ بایت\)$/);
    const submitted = oneEvent(el, 'cc-submit');
    submit(el, 'cc-submit-view');
    const detail = (await submitted).detail as CcSubmitDetail;
    expect(detail.trackingCode).to.match(/^\d+$/);

    const code = await waitFor(el, '[data-tracking-code]');
    expect(code.textContent).to.equal(persian(detail.trackingCode));
    const receipt = textOf(el, 'cc-receipt-view', '.receipt');
    const jalaliYear = new Intl.DateTimeFormat('fa-IR', { year: 'numeric' }).format(new Date());
    expect(receipt).to.contain(jalaliYear);
    expect(receipt).to.contain('تاریخ ارسال نامه');
    expect(receipt).to.contain('مریم احمدی');

    // Print receipt: a link opening the printable receipt, with its QR code, in a new tab.
    const print = await waitFor<HTMLAnchorElement>(el, 'a.primary[href*="/receipt?"]');
    expect(print.textContent!.trim()).to.equal('چاپ فیش');
    expect([print.target, print.rel]).to.deep.equal(['_blank', 'noopener']);
    expect(print.href).to.contain(`/requests/${detail.id}/receipt?`).and.to.contain('lang=fa');
    // Opened as a page, it sends no Origin; fetched from here it goes the way the widget's calls go.
    const printable = await (await fetch(print.href.slice(new URL(print.href).origin.length))).text();
    expect(printable).to.contain(`data-tracking-code>${persian(detail.trackingCode)}<`).and.to.contain('<svg role="img"');

    // My requests: the new one, blue (under review).
    deepQuery(el, 'cc-receipt-view')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.actions button')[0]!.click();
    const card = await waitFor(el, 'li.card');
    expect(card.classList.contains('under_review')).to.equal(true);
    expect(getComputedStyle(card).borderInlineStartColor).to.equal(blue);
    expect(card.textContent).to.contain('در حال بررسی');

    // Search by tracking code, typed in Persian digits.
    type(deepQuery<HTMLInputElement>(el, '#q')!, persian(detail.trackingCode));
    deepQuery<HTMLButtonElement>(el, 'form[role=search] button[type=submit]')!.click();
    await until(() => deepQuery(el, 'cc-requests-view')!.shadowRoot!.querySelectorAll('li.card').length === 1);
    type(deepQuery<HTMLInputElement>(el, '#q')!, '123');
    deepQuery<HTMLButtonElement>(el, 'form[role=search] button[type=submit]')!.click();
    await until(() => /پیدا نشد/.test(textOf(el, 'cc-requests-view', '[role=status]')));

    // Latest status: the timeline.
    deepQuery<HTMLButtonElement>(el, 'cc-requests-view')!.shadowRoot!.querySelector<HTMLButtonElement>('button.link')!.click();
    const first = await waitFor<HTMLButtonElement>(el, 'li.card button');
    first.click();
    await waitFor(el, '#timeline');
    await until(() => textOf(el, 'cc-request-detail', 'ol').includes('درخواست را ارسال کردید'));
    expect(textOf(el, 'cc-request-detail', 'h3')).to.contain(persian(detail.trackingCode));

    // Logout ends the session for this tab.
    const loggedOut = oneEvent(el, 'cc-logout');
    deepQuery<HTMLButtonElement>(el, '.who button')!.click();
    await loggedOut;
    await waitFor(el, '#phone');
    expect(Object.keys(sessionStorage).filter((key) => key.endsWith(':session'))).to.deep.equal([]);
  });

  it('should do the same journey in en with Gregorian dates and Latin digits', async () => {
    const el = await mount('en');
    expect(el.dir).to.equal('ltr');
    expect(textOf(el, 'cc-login-view', 'h3')).to.equal('Log in to the e-service counter');
    const phone = uniquePhone();
    await login(el, phone, `+98 ${phone.local.slice(1)}`);

    fill(el, { fullName: 'Maryam Ahmadi', subject: 'Employment certificate', unit: 1, file: pdf() });
    const submitted = oneEvent(el, 'cc-submit');
    submit(el, 'cc-submit-view');
    const { trackingCode } = (await submitted).detail as CcSubmitDetail;
    expect((await waitFor(el, '[data-tracking-code]')).textContent).to.equal(trackingCode);
    expect(textOf(el, 'cc-receipt-view', '.receipt')).to.contain(String(new Date().getFullYear()));
    expect(textOf(el, 'cc-receipt-view', '.receipt')).to.contain(new Intl.DateTimeFormat('en-GB', { month: 'long' }).format(new Date()));

    deepQuery(el, 'cc-receipt-view')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.actions button')[0]!.click();
    const card = await waitFor(el, 'li.card');
    expect(card.textContent).to.contain('Under review');
    expect(card.textContent).to.contain(trackingCode);
    expect(getComputedStyle(card).borderInlineStartColor).to.equal(blue);

    type(deepQuery<HTMLInputElement>(el, '#q')!, trackingCode);
    deepQuery<HTMLButtonElement>(el, 'form[role=search] button[type=submit]')!.click();
    await until(() => deepQuery(el, 'cc-requests-view')!.shadowRoot!.querySelectorAll('li.card').length === 1);
    expect(latin(textOf(el, 'cc-requests-view', 'li.card'))).to.contain(trackingCode);
  });

  it('should colour decided requests and show the letter, the reason and the reply with its file', async () => {
    const el = await mount('fa');
    await login(el);
    const send = async (subject: string) => {
      fill(el, { fullName: 'حسن رضایی', subject, unit: 0, file: pdf() });
      const submitted = oneEvent(el, 'cc-submit');
      submit(el, 'cc-submit-view');
      const { id } = (await submitted).detail as CcSubmitDetail;
      await waitFor(el, '[data-tracking-code]');
      deepQuery(el, 'cc-receipt-view')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.actions button')[1]!.click();
      await waitFor(el, '#fullName');
      return id;
    };
    const approved = await send('تقاضای مجوز');
    const rejected = await send('اعتراض به قبض');
    const desk = (body: object) =>
      fetch('/__cc-test/staff', { method: 'POST', body: JSON.stringify(body) }).then((answer) => {
        if (!answer.ok) throw new Error(`staff desk: ${answer.status}`);
      });
    await desk({ id: approved, action: 'approve', reply: 'مجوز صادر شد.' });
    await desk({ id: rejected, action: 'reject', reason: 'مدارک ناقص است' });

    deepQuery<HTMLButtonElement>(el, '#tab-requests')!.click();
    await until(() => deepQuery(el, 'cc-requests-view')?.shadowRoot?.querySelectorAll('li.card').length === 2);
    const cards = [...deepQuery(el, 'cc-requests-view')!.shadowRoot!.querySelectorAll<HTMLElement>('li.card')];
    // Newest first: the rejected one was sent last.
    expect(cards[0]!.classList.contains('rejected')).to.equal(true);
    expect(getComputedStyle(cards[0]!).borderInlineStartColor).to.equal('rgb(180, 35, 24)');
    expect(cards[0]!.textContent).to.contain('رد شده');
    expect(cards[0]!.textContent).to.contain('مدارک ناقص است');
    expect(cards[0]!.textContent).to.contain('تاریخ رد');
    expect(cards[1]!.classList.contains('approved')).to.equal(true);
    expect(getComputedStyle(cards[1]!).borderInlineStartColor).to.equal('rgb(21, 128, 61)');
    expect(cards[1]!.textContent).to.contain('تایید شده');
    expect(cards[1]!.textContent).to.contain('شماره نامه');
    expect(cards[1]!.textContent).to.contain('تاریخ نامه');

    // Latest status of the approved one: timeline and reply with its file, downloaded as a blob.
    cards[1]!.querySelector('button')!.click();
    await waitFor(el, '#timeline');
    await until(() => textOf(el, 'cc-request-detail', '[part=reply]').includes('مجوز صادر شد.'));
    expect(textOf(el, 'cc-request-detail', 'ol')).to.contain('درخواست تأیید شد');
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => (blobs.push(blob as Blob), create(blob));
    try {
      deepQuery(el, 'cc-request-detail')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=reply] button')!.click();
      await until(() => blobs.length === 1);
    } finally {
      URL.createObjectURL = create;
    }
    expect(await blobs[0]!.text()).to.match(/^%PDF/);
  });

  it('should show a referral, ask for documents in amber and send them under the body file rules', async () => {
    const el = await mount('fa');
    await login(el);
    fill(el, { fullName: 'مریم احمدی', subject: 'درخواست پروانه', unit: 0, file: pdf() });
    const submitted = oneEvent(el, 'cc-submit');
    submit(el, 'cc-submit-view');
    const { id } = (await submitted).detail as CcSubmitDetail;
    const desk = (body: object) =>
      fetch('/__cc-test/staff', { method: 'POST', body: JSON.stringify(body) }).then((answer) => {
        if (!answer.ok) throw new Error(`staff desk: ${answer.status}`);
      });
    await desk({ id, action: 'refer' });
    await desk({ id, action: 'documents', message: 'تصویر کارت ملی را بفرستید.' });
    const { units } = await (await fetch('/v1/orgs/demo')).json() as { units: { name: { fa: string } }[] };

    deepQuery(el, 'cc-receipt-view')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.actions button')[0]!.click();
    const card = await waitFor(el, 'li.card');
    expect(card.classList.contains('needs_documents')).to.equal(true);
    expect(getComputedStyle(card).borderInlineStartColor).to.equal('rgb(180, 83, 9)');
    expect(card.textContent).to.contain('نقص مدارک');
    expect(card.textContent).to.not.contain('موعد پاسخ');
    card.querySelector('button')!.click();
    const box = await waitFor(el, '[part=documents]');
    expect(box.textContent).to.contain('تصویر کارت ملی را بفرستید.');
    expect(textOf(el, 'cc-request-detail', 'ol')).to.contain(`برای بررسی به ${units.at(-1)!.name.fa} ارجاع شد`);

    // The body file rules hold here too, before anything is uploaded.
    const detail = deepQuery(el, 'cc-request-detail')!.shadowRoot!;
    const input = detail.querySelector<HTMLInputElement>('#document')!;
    attach(input, new File(['not allowed'], 'run.exe', { type: 'application/octet-stream' }));
    detail.querySelector<HTMLButtonElement>('[part=documents] button[class=primary]')!.click();
    await until(() => detail.querySelector('#document-error')!.textContent!.includes('پذیرفته نمی‌شود'));
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(detail.activeElement).to.equal(input);
    await expect(el).to.be.accessible();

    attach(input, pdf('national-card.pdf'));
    detail.querySelector<HTMLTextAreaElement>('#text')!.value = 'تصویر پیوست شد.';
    detail.querySelector<HTMLButtonElement>('[part=documents] button[class=primary]')!.click();
    await waitForText(el.shadowRoot!.querySelector('cc-request-detail')!, '[role=status]', /مدارک شما ارسال شد/);
    expect(detail.querySelector('[part=documents]')).to.equal(null);
    const facts = textOf(el, 'cc-request-detail', '.card');
    expect(facts).to.contain('در حال بررسی');
    expect(facts).to.contain('موعد پاسخ');
    const timeline = textOf(el, 'cc-request-detail', 'ol');
    expect(timeline).to.contain('تصویر پیوست شد.');
    expect(timeline).to.contain('national-card.pdf');

    // A reply marks the card in the list.
    await desk({ id, action: 'none', reply: 'پروانه صادر شد.' });
    detail.querySelector<HTMLButtonElement>('.back button')!.click();
    const replied = await waitFor(el, 'li.card [part=reply]');
    expect(replied.textContent).to.contain('جوابیه سازمان ثبت شده است.');
  });

  it('should page with "load more" past the first 20 requests', async () => {
    const el = await mount('en');
    await login(el);
    const key = Object.keys(sessionStorage).find((name) => name.endsWith(':session'))!;
    const { token } = JSON.parse(sessionStorage.getItem(key)!) as { token: string };
    const client = new CitizenClient({ baseUrl: api, org: 'demo', token });
    const { units } = await client.getOrg();
    for (let i = 1; i <= 21; i++) {
      await client.submitRequest({ fullName: 'Bulk Sender', subject: `Request number ${i}`, unitId: units[0]!.id, body: pdf() });
    }
    deepQuery<HTMLButtonElement>(el, '#tab-requests')!.click();
    const view = await waitFor(el, 'cc-requests-view');
    await until(() => view.shadowRoot!.querySelectorAll('li.card').length === 20);
    expect(view.shadowRoot!.querySelector('li.card h4')!.textContent).to.equal('Request number 21');
    const more = [...view.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === 'Load more')!;
    more.click();
    await until(() => view.shadowRoot!.querySelectorAll('li.card').length === 21);
    expect([...view.shadowRoot!.querySelectorAll('li.card h4')].at(-1)!.textContent).to.equal('Request number 1');
  });
});
