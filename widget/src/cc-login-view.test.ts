import { expect, fixture, html } from '@open-wc/testing';
import type { CitizenCounter } from './citizen-counter.js';
import { api, inView, requestCode, textOf, type, uniquePhone, until, waitFor } from './test-support/helpers.js';

describe('<cc-login-view> with the visual code image', () => {
  it('should show the code image with a "new code" button and explain a wrong code', async () => {
    const id = `image-${Date.now()}`;
    const created = await fetch('/__cc-test/org', { method: 'POST', body: JSON.stringify({ id, settings: { humanCheck: 'image' } }) });
    expect(created.ok).to.equal(true);
    sessionStorage.clear();
    const el = await fixture<CitizenCounter>(html`<citizen-counter org=${id} api=${api} locale="fa"></citizen-counter>`);
    const image = await waitFor<HTMLImageElement>(el, 'img[part=captcha-image]');
    expect(image.src).to.match(/^data:image\//);
    expect(image.alt).to.equal('کد امنیتی');
    expect(textOf(el, 'cc-login-view', 'label[for=captcha]')).to.equal('کد امنیتی');
    await expect(el).to.be.accessible();

    // «تغییر کد امنیتی» brings a new image.
    inView<HTMLButtonElement>(el, 'cc-login-view', '.captcha button')!.click();
    await until(() => inView<HTMLImageElement>(el, 'cc-login-view', 'img')?.src && inView<HTMLImageElement>(el, 'cc-login-view', 'img')!.src !== image.src);

    // Nothing typed: asked for the code; a wrong code: the server's answer, in Persian.
    type(inView<HTMLInputElement>(el, 'cc-login-view', '#phone')!, uniquePhone().local);
    inView<HTMLButtonElement>(el, 'cc-login-view', 'button[type=submit]')!.click();
    await until(() => textOf(el, 'cc-login-view', '[role=alert]') !== '');
    expect(textOf(el, 'cc-login-view', '[role=alert]')).to.equal('کد امنیتی را وارد کنید.');

    const errors: string[] = [];
    el.addEventListener('cc-error', (event) => errors.push(event.detail.code));
    type(inView<HTMLInputElement>(el, 'cc-login-view', '#captcha')!, 'zzzz');
    inView<HTMLButtonElement>(el, 'cc-login-view', 'button[type=submit]')!.click();
    await until(() => errors.length > 0);
    expect(errors[0]).to.match(/^human_check_(failed|expired)$/);
    expect(textOf(el, 'cc-login-view', 'form')).to.contain('بررسی امنیتی ناموفق بود');
    // A fresh image replaces the used one.
    await until(() => inView<HTMLInputElement>(el, 'cc-login-view', '#captcha')!.value === '');
  });
});

describe('<cc-login-view> while the org sends many codes', () => {
  it('should switch a new number to the code image, say why, and move focus there', async () => {
    const id = `busy-${Date.now()}`;
    // The operator's figure: one citizen code an hour before newcomers need the image.
    const created = await fetch('/__cc-test/org', { method: 'POST', body: JSON.stringify({ id, settings: { codesPerHour: 1 } }) });
    expect(created.ok).to.equal(true);
    sessionStorage.clear();
    const first = await fixture<CitizenCounter>(html`<citizen-counter org=${id} api=${api} locale="fa"></citizen-counter>`);
    await waitFor(first, '#phone');
    await requestCode(first, uniquePhone().local);

    sessionStorage.clear();
    const el = await fixture<CitizenCounter>(html`<citizen-counter org=${id} api=${api} locale="fa"></citizen-counter>`);
    await waitFor(el, '#phone');
    await until(() => textOf(el, 'cc-login-view', '[role=status]') !== '');
    expect(inView(el, 'cc-login-view', '#captcha')).to.equal(null);
    const errors: string[] = [];
    el.addEventListener('cc-error', (event) => errors.push(event.detail.code));
    type(inView<HTMLInputElement>(el, 'cc-login-view', '#phone')!, uniquePhone().local);
    inView<HTMLButtonElement>(el, 'cc-login-view', 'button[type=submit]')!.click();
    const image = await waitFor<HTMLImageElement>(el, 'img[part=captcha-image]');
    expect(errors).to.deep.equal(['human_check_image_required']);
    expect(image.src).to.match(/^data:image\/svg\+xml/);
    expect(textOf(el, 'cc-login-view', 'form')).to.contain('کد امنیتی درون تصویر را وارد کنید');
    const view = el.shadowRoot!.querySelector('cc-login-view')!;
    await until(() => view.shadowRoot!.activeElement?.id === 'captcha');
    await expect(el).to.be.accessible();

    // The image check is what goes with the next try: a wrong answer is refused as such.
    type(inView<HTMLInputElement>(el, 'cc-login-view', '#captcha')!, 'zzzzz');
    inView<HTMLButtonElement>(el, 'cc-login-view', 'button[type=submit]')!.click();
    await until(() => errors.length > 1);
    expect(errors[1]).to.equal('human_check_failed');
    expect(inView(el, 'cc-login-view', '#captcha')).to.not.equal(null);
  });
});
