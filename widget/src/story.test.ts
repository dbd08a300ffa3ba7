import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CitizenCounter } from './citizen-counter.js';
import type { CounterDesk } from './desk/counter-desk.js';
import type { CcSubmitDetail, CdActionDetail } from './events.js';
import { api, attach, deepQuery, fill, inView, login, pdf, submit, textOf, until, waitFor, waitForText } from './test-support/helpers.js';
import { addStaff, citizenSubmits, deskLogin, deskSessionKey, demoUnits, queueItem, textIn, untilText } from './test-support/desk.js';
import './index.js';
import './desk/index.js';

/**
 * The whole story on one page, as the demo runs it: the citizen's <citizen-counter> and the
 * organization's <counter-desk>, each against the same real server, each driven through its UI.
 */

/** Opens a request in a desk's queue, in the view that holds it. */
async function open(desk: CounterDesk, id: string, view: RegExp): Promise<void> {
  const tab = [...deepQuery(desk, 'cd-queue')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.view')].find((b) => view.test(b.textContent ?? ''))!;
  tab.click();
  (await queueItem(desk, id)).click();
  await until(() => inView(desk, 'cd-request', '.bar'), 'the request did not open');
}

/**
 * Takes an action from the request's toolbar: fills the panel, reviews what the citizen will be
 * told, confirms, and answers the `cd-action` detail.
 */
async function act(desk: CounterDesk, label: string, fillPanel: (panel: ShadowRoot) => void = () => undefined): Promise<CdActionDetail> {
  [...inView(desk, 'cd-request', '.bar')!.querySelectorAll('button')].find((b) => b.textContent?.trim() === label)!.click();
  await until(() => inView(desk, 'cd-request', 'cd-action-panel')?.shadowRoot?.querySelector('form'), `no ${label} panel`);
  const panel = inView(desk, 'cd-request', 'cd-action-panel')!.shadowRoot!;
  fillPanel(panel);
  panel.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  // The confirmation step adds an "edit" button next to "confirm and send" and "cancel".
  await until(() => panel.querySelectorAll('.actions button').length === 3, `${label}: no confirmation (${panel.querySelector('[role=alert]')?.textContent})`);
  const acted = oneEvent(desk, 'cd-action');
  panel.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  return (await acted).detail as CdActionDetail;
}

/** Types into a panel's field as a person would. */
function write(panel: ShadowRoot, selector: string, value: string, event = 'input'): void {
  const field = panel.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(selector)!;
  field.value = value;
  field.dispatchEvent(new Event(event, { bubbles: true }));
}

/** Mounts a desk that resumes a login kept earlier in this tab (a clerk coming back to the desk). */
async function resumeDesk(session: string): Promise<CounterDesk> {
  sessionStorage.setItem(deskSessionKey, session);
  const desk = await fixture<CounterDesk>(html`<counter-desk org="demo" api=${api} locale="fa"></counter-desk>`);
  await waitFor(desk, 'cd-queue');
  return desk;
}

/** A citizen logs in to an English counter and sends Sara Ahmadi's request with `file` to the first unit. */
async function citizenSends(subject: string, file: File): Promise<{ citizen: CitizenCounter; id: string }> {
  sessionStorage.clear();
  const citizen = await fixture<CitizenCounter>(html`<citizen-counter org="demo" api=${api} locale="en"></citizen-counter>`);
  await waitFor(citizen, '#phone');
  await login(citizen);
  fill(citizen, { fullName: 'Sara Ahmadi', subject, unit: 0, file });
  const submitted = oneEvent(citizen, 'cc-submit');
  submit(citizen, 'cc-submit-view');
  return { citizen, id: ((await submitted).detail as CcSubmitDetail).id };
}

/** The citizen's list of requests, loaded afresh: from the receipt, from a request, or by the tabs. */
async function citizenList(citizen: CitizenCounter): Promise<HTMLElement[]> {
  const back = inView<HTMLButtonElement>(citizen, 'cc-request-detail', '.back button') ?? inView<HTMLButtonElement>(citizen, 'cc-receipt-view', '.actions button:nth-child(2)');
  if (back) back.click();
  else {
    deepQuery<HTMLButtonElement>(citizen, '#tab-submit')!.click();
    await waitFor(citizen, 'cc-submit-view');
    deepQuery<HTMLButtonElement>(citizen, '#tab-requests')!.click();
  }
  await waitFor(citizen, 'li.card');
  return [...deepQuery(citizen, 'cc-requests-view')!.shadowRoot!.querySelectorAll<HTMLElement>('li.card')];
}

describe('the whole story: <citizen-counter> and <counter-desk> on one server', function () {
  // Two staff members and a citizen log in through real SMS codes and proofs of work.
  this.timeout(180_000);

  it('should carry a request from the citizen through referral, documents, approval and reply back to the citizen', async () => {
    const units = await demoUnits();
    const complaints = units.find((unit) => unit.name.en === 'Complaints Unit')!;
    const registrarPhone = await addStaff('registrar', 'رضا کریمی');
    const handlerPhone = await addStaff('handler', 'ندا حسینی', [complaints.id]);

    // The citizen submits on the page.
    sessionStorage.clear();
    const citizen = await fixture<CitizenCounter>(html`<citizen-counter org="demo" api=${api} locale="fa"></citizen-counter>`);
    await waitFor(citizen, '#phone');
    await login(citizen);
    fill(citizen, { fullName: 'مریم احمدی', subject: 'شکایت از تاخیر در جمع‌آوری زباله', unit: 0, file: pdf() });
    const submitted = oneEvent(citizen, 'cc-submit');
    submit(citizen, 'cc-submit-view');
    const { id } = (await submitted).detail as CcSubmitDetail;
    await waitFor(citizen, '[data-tracking-code]');

    // The registrar refers it to the complaints unit.
    let desk = await deskLogin(registrarPhone, 'fa');
    const registrar = sessionStorage.getItem(deskSessionKey)!;
    await open(desk, id, /^جدید/);
    expect(await act(desk, 'ارجاع', (panel) => write(panel, '#unit', complaints.id, 'change'))).to.include({ id, action: 'refer', status: 'under_review' });
    desk.remove();

    // The handler sees it at their unit, and only their unit's work, and no administration.
    desk = await deskLogin(handlerPhone, 'fa');
    const handler = sessionStorage.getItem(deskSessionKey)!;
    expect([...deepQuery(desk, '.who')!.querySelectorAll('button')].map((b) => b.textContent?.trim())).to.not.include('مدیریت');
    await open(desk, id, /^همه/);
    const listed = [...deepQuery(desk, 'cd-queue')!.shadowRoot!.querySelectorAll<HTMLElement>('.item')];
    expect(listed.length).to.be.greaterThan(0);
    for (const item of listed) expect(item.textContent).to.contain('واحد شکایات');
    expect(await act(desk, 'درخواست مدارک', (panel) => write(panel, '#text', 'لطفاً تصویر قبض عوارض را بفرستید.'))).to.include({ status: 'needs_documents' });
    desk.remove();

    // The citizen sees amber with the message, and sends the document.
    let cards = await citizenList(citizen);
    expect(cards[0]!.classList.contains('needs_documents')).to.equal(true);
    cards[0]!.querySelector('button')!.click();
    await waitForText(citizen, '[part=documents]', /تصویر قبض عوارض/);
    expect(textOf(citizen, 'cc-request-detail', 'ol')).to.contain('برای بررسی به واحد شکایات ارجاع شد');
    attach(inView<HTMLInputElement>(citizen, 'cc-request-detail', '#document')!, pdf('receipt-scan.pdf'));
    inView<HTMLButtonElement>(citizen, 'cc-request-detail', '[part=documents] button.primary')!.click();
    await waitForText(deepQuery(citizen, 'cc-request-detail')!, '[role=status]', /مدارک شما ارسال شد/);

    // The registrar approves with the next number of the register, in the org's format.
    desk = await resumeDesk(registrar);
    await open(desk, id, /^همه/);
    await untilText(desk, 'cd-request', 'ol', /receipt-scan\.pdf/);
    expect(await act(desk, 'تایید و ثبت')).to.include({ status: 'approved' });
    desk.remove();

    // The handler replies with a file.
    desk = await resumeDesk(handler);
    await open(desk, id, /^تایید شده/);
    await act(desk, 'جوابیه', (panel) => {
      write(panel, '#text', 'قرارداد پیمانکار اصلاح شد.');
      attach(panel.querySelector<HTMLInputElement>('#file')!, pdf('reply.pdf'));
    });
    desk.remove();

    // The citizen sees green with the letter number, and downloads the reply.
    cards = await citizenList(citizen);
    expect(cards[0]!.classList.contains('approved')).to.equal(true);
    expect(getComputedStyle(cards[0]!).borderInlineStartColor).to.equal('rgb(21, 128, 61)');
    expect(cards[0]!.textContent).to.match(/نمونه\/ش\/[۰-۹]+\/[۰-۹]{4}/);
    expect(cards[0]!.querySelector('[part=reply]')?.textContent).to.contain('جوابیه');
    cards[0]!.querySelector('button')!.click();
    await waitForText(citizen, '[part=reply]', /قرارداد پیمانکار اصلاح شد/);
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => (blobs.push(blob as Blob), create(blob));
    try {
      inView<HTMLButtonElement>(citizen, 'cc-request-detail', '[part=reply] button')!.click();
      await until(() => blobs.length === 1, 'the reply was not downloaded');
    } finally {
      URL.createObjectURL = create;
    }
    expect(await blobs[0]!.text()).to.match(/^%PDF/);
  });

  it('should carry a rejection with its reason back to the citizen, in red', async () => {
    const registrarPhone = await addStaff('registrar', 'Ali Moradi');
    const { citizen, id } = await citizenSends('Refund of a parking fine', pdf());

    const desk = await deskLogin(registrarPhone, 'en');
    await open(desk, id, /^New/);
    expect(await act(desk, 'Reject', (panel) => write(panel, '#text', 'The fine was already paid and cannot be refunded.'))).to.include({ status: 'rejected' });
    desk.remove();

    const [card] = await citizenList(citizen);
    expect(card!.classList.contains('rejected')).to.equal(true);
    expect(getComputedStyle(card!).borderInlineStartColor).to.equal('rgb(180, 35, 24)');
    expect(card!.textContent).to.contain('Rejected').and.contain('The fine was already paid and cannot be refunded.');

    // The request says it is closed, and how to appeal until when; an appeal needs its reason.
    card!.querySelector('button')!.click();
    await waitForText(citizen, '[part=reply]', /This request is closed\./);
    const detail = deepQuery(citizen, 'cc-request-detail')!;
    expect(textOf(citizen, 'cc-request-detail', '[part=appeal] p')).to.match(/^If you disagree, you may appeal until \d+ \w+ \d{4}: say why/);
    // The receipt's link is signed by the server: it is asked for when the view shows and comes a moment later.
    expect((await waitFor(detail, 'a[href*="/receipt?"]')).textContent!.trim()).to.equal('Print receipt');
    inView<HTMLButtonElement>(citizen, 'cc-request-detail', '[part=appeal] button.primary')!.click();
    await waitForText(detail, '#text-error', /Say why you disagree\./);
    expect(detail.shadowRoot!.activeElement?.id).to.equal('text');
    const text = inView<HTMLTextAreaElement>(citizen, 'cc-request-detail', '#text')!;
    text.value = 'The receipt of the payment is attached to my first request.';
    inView<HTMLButtonElement>(citizen, 'cc-request-detail', '[part=appeal] button.primary')!.click();
    await waitForText(detail, '[role=status]', /Your appeal was sent; the request is under review again\./);
    expect(textOf(citizen, 'cc-request-detail', '.card')).to.contain('Under review');
    expect(textOf(citizen, 'cc-request-detail', 'ol')).to.contain('You appealed the rejection');
    expect(inView(citizen, 'cc-request-detail', '[part=appeal]')).to.equal(null);
  });

  it("should say which files the org's retention policy removed, to the citizen and to staff, instead of offering them", async () => {
    const registrarPhone = await addStaff('registrar', 'Hamid Jafari');
    const { citizen, id } = await citizenSends('An old permit', pdf('permit-request.pdf'));
    await fetch('/__cc-test/staff', { method: 'POST', body: JSON.stringify({ id, action: 'approve', reply: 'Your permit is attached.' }) });
    const removal = await (await fetch('/__cc-test/remove-files', { method: 'POST', body: JSON.stringify({ id }) })).json() as { removed: number };
    expect(removal.removed).to.equal(2);

    // The list offers no body file to download; the request names both files and says why they are gone.
    const [card] = await citizenList(citizen);
    expect([...card!.querySelectorAll('button')].map((button) => button.textContent!.trim())).to.deep.equal(['Latest status']);
    card!.querySelector('button')!.click();
    await waitForText(citizen, '[part=reply]', /Your permit is attached\./);
    const gone = "This file was removed under the organization's retention policy.";
    expect(textOf(citizen, 'cc-request-detail', '[part=reply]')).to.contain(`reply.pdf: ${gone}`);
    expect(inView(citizen, 'cc-request-detail', '[part=reply] button')).to.equal(null);
    expect(textOf(citizen, 'cc-request-detail', '[aria-labelledby=body-file]')).to.contain(`permit-request.pdf: ${gone}`);

    // Staff see when, with no failed preview.
    const desk = await deskLogin(registrarPhone, 'en');
    await open(desk, id, /^Approved/);
    await untilText(desk, 'cd-request', '.file', /permit-request\.pdf: removed on \d+ \w+ \d{4}/);
    expect(textIn(desk, 'cd-request', '[aria-labelledby=reply-title]')).to.match(/reply\.pdf: removed on/);
    expect(inView(desk, 'cd-request', '.file button, .file iframe, .file img')).to.equal(null);
    expect(textIn(desk, 'cd-request', '[role=alert]')).to.equal('');
  });

  it('should take a clerk through the queue to a decision with the keyboard alone', async () => {
    const registrarPhone = await addStaff('registrar', 'Reza Karimi');
    const request = await citizenSubmits('Keyboard only');
    const desk = await deskLogin(registrarPhone, 'en');
    await queueItem(desk, request.id);
    (document.activeElement as HTMLElement | null)?.blur();

    // j opens the newest request of the queue; a opens the approval with the focus in it.
    await sendKeys({ press: 'j' });
    await untilText(desk, 'cd-request', 'h3', /Keyboard only/);
    await sendKeys({ press: 'a' });
    await until(() => inView(desk, 'cd-request', 'cd-action-panel')?.shadowRoot?.activeElement?.id === 'number', 'the approval form did not take the focus');
    // Enter reviews; the confirmation takes the focus; Enter again confirms.
    await sendKeys({ press: 'Enter' });
    const panel = inView(desk, 'cd-request', 'cd-action-panel')!.shadowRoot!;
    await until(() => panel.querySelectorAll('.actions button').length === 3, 'no confirmation');
    await until(() => panel.activeElement?.matches('button[type=submit]'), 'the confirmation did not take the focus');
    const acted = oneEvent(desk, 'cd-action');
    await sendKeys({ press: 'Enter' });
    expect((await acted).detail).to.include({ id: request.id, action: 'approve', status: 'approved' });
  });
});
