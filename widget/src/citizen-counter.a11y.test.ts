import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  api,
  attach,
  deepQuery,
  fill,
  latestCode,
  login,
  mount,
  pdf,
  requestCode,
  submit,
  type,
  uniquePhone,
  until,
  inView,
  waitFor,
} from './test-support/helpers.js';
import type { CSSResultOrNative, LitElement } from 'lit';
import type { CitizenCounter } from './citizen-counter.js';

/** Every element of the widget; each adopts its own sheets and the shared ones. */
const tags = ['citizen-counter', 'cc-login-view', 'cc-code-view', 'cc-submit-view', 'cc-receipt-view', 'cc-requests-view', 'cc-request-detail'];

/** The text of every sheet the widget's elements adopt, as Lit finalized them at definition. */
function allStyles(): string[] {
  const text = (sheet: CSSResultOrNative) =>
    sheet instanceof CSSStyleSheet ? [...sheet.cssRules].map((rule) => rule.cssText).join('\n') : sheet.cssText;
  return tags.flatMap((tag) => {
    const element = customElements.get(tag) as typeof LitElement | undefined;
    expect(element, tag).to.not.equal(undefined);
    return element!.elementStyles.map(text);
  });
}

/** The focused element, looking through open shadow roots. */
function activeDeep(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<citizen-counter> accessibility', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('should have no axe violations in any view, in fa and en', async () => {
    const el = await mount('fa');
    await expect(el).to.be.accessible();
    el.locale = 'en';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.locale = 'fa';

    const phone = uniquePhone();
    await requestCode(el, phone.local);
    await expect(el).to.be.accessible();
    type(inView<HTMLInputElement>(el, 'cc-code-view', '#code')!, await latestCode(phone.e164));
    submit(el, 'cc-code-view');
    await waitFor(el, '#fullName');
    await expect(el).to.be.accessible();

    submit(el, 'cc-submit-view');
    await until(() => inView(el, 'cc-submit-view', '#fullName-error')?.textContent);
    await expect(el).to.be.accessible();

    fill(el, { fullName: 'رضا محمدی', subject: 'شکایت', unit: 1, file: pdf() });
    submit(el, 'cc-submit-view');
    await waitFor(el, '[data-tracking-code]');
    await expect(el).to.be.accessible();

    inView<HTMLButtonElement>(el, 'cc-receipt-view', '.actions button:nth-child(2)')!.click();
    await waitFor(el, 'li.card');
    await expect(el).to.be.accessible();

    inView<HTMLButtonElement>(el, 'cc-requests-view', 'li.card button')!.click();
    await waitFor(el, '#timeline');
    await expect(el).to.be.accessible();
  });

  it('should be accessible when the org does not exist', async () => {
    const el = await fixture<CitizenCounter>(html`<citizen-counter org="no-such-org" api=${api} locale="en"></citizen-counter>`);
    await until(() => el.shadowRoot!.querySelector('[role=alert]')?.textContent);
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.equal('This counter was not found.');
    await expect(el).to.be.accessible();
  });

  it('should complete the journey with the keyboard alone', async () => {
    const el = await mount('en');
    const phone = uniquePhone();
    await sendKeys({ press: 'Tab' });
    expect(activeDeep()?.id).to.equal('phone');
    await sendKeys({ type: phone.local });
    await sendKeys({ press: 'Enter' });
    await waitFor(el, '#code');
    // Focus moved to the new view's heading, then Tab reaches the code.
    await until(() => activeDeep()?.tagName === 'H3');
    await sendKeys({ press: 'Tab' });
    expect(activeDeep()?.id).to.equal('code');
    await sendKeys({ type: await latestCode(phone.e164) });
    await sendKeys({ press: 'Enter' });
    await waitFor(el, '#fullName');
    await until(() => activeDeep()?.textContent === 'Submit a request');

    await sendKeys({ press: 'Tab' });
    expect(activeDeep()?.id).to.equal('fullName');
    await sendKeys({ type: 'Keyboard User' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Sent without a mouse' });
    await sendKeys({ press: 'Tab' });
    expect(activeDeep()?.id).to.equal('unitId');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    expect(activeDeep()?.id).to.equal('body');
    // The invisible input has the focus; the picker's button shows the ring.
    const pick = inView(el, 'cc-submit-view', '[part~=file-button]')!;
    expect(getComputedStyle(pick).outlineStyle).to.equal('solid');
    // Headless Chromium has no file chooser: the file is attached for the user, the rest is keys.
    attach(activeDeep() as HTMLInputElement, pdf());
    await sendKeys({ press: 'Tab' });
    expect(getComputedStyle(pick).outlineStyle).to.equal('none');
    const button = activeDeep() as HTMLButtonElement;
    expect(button.type).to.equal('submit');
    expect(getComputedStyle(button).outlineStyle).to.equal('solid');
    await sendKeys({ press: 'Enter' });
    await waitFor(el, '[data-tracking-code]');
    await until(() => activeDeep()?.tagName === 'H3');

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(activeDeep()?.textContent?.trim()).to.equal('Track requests');
    await sendKeys({ press: 'Enter' });
    await waitFor(el, 'li.card');

    // Tabs: Shift+Tab from the heading reaches the selected tab; arrows switch tabs.
    await until(() => activeDeep()?.tagName === 'H3');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(activeDeep()?.id).to.equal('tab-requests');
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => activeDeep()?.id === 'tab-submit');
    expect(activeDeep()?.getAttribute('aria-selected')).to.equal('true');
    await waitFor(el, '#fullName');
  });

  it('should lay out right-to-left with logical properties, and fit 360 px', async () => {
    const el = await mount('fa');
    await login(el);
    fill(el, { fullName: 'نگار حسینی', subject: 'درخواست', unit: 0, file: pdf() });
    submit(el, 'cc-submit-view');
    await waitFor(el, '[data-tracking-code]');
    inView<HTMLButtonElement>(el, 'cc-receipt-view', '.actions button:nth-child(2)')!.click();
    const card = await waitFor(el, 'li.card');

    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(deepQuery(el, '#q')!).direction).to.equal('ltr');
    expect(getComputedStyle(card).direction).to.equal('rtl');
    expect(getComputedStyle(card).borderRightWidth).to.equal('6px');
    expect(getComputedStyle(card).borderLeftWidth).to.equal('1px');

    el.locale = 'en';
    await until(() => el.getAttribute('dir') === 'ltr');
    expect(getComputedStyle(card).borderLeftWidth).to.equal('6px');

    await setViewport({ width: 360, height: 800 });
    el.locale = 'fa';
    await until(() => el.getAttribute('dir') === 'rtl');
    const frame = el.shadowRoot!.querySelector('.frame')!;
    expect(frame.scrollWidth).to.be.at.most(frame.clientWidth + 1);
    for (const target of deepQuery(el, 'cc-requests-view')!.shadowRoot!.querySelectorAll('button, input')) {
      expect(target.getBoundingClientRect().height).to.be.at.least(44);
    }

    // Only logical properties: no left/right margins, paddings, borders or positions in any style.
    const sheets = allStyles();
    expect(sheets.length).to.be.at.least(tags.length * 2);
    const css = sheets.join('\n');
    expect(css).to.contain('.receipt').and.to.contain('.captcha').and.to.contain('.search').and.to.contain('.pick');
    expect(css).not.to.match(/(margin|padding|border)-(left|right)|(^|[\s;{])(left|right)\s*:|text-align:\s*(left|right)/);
  });
});
