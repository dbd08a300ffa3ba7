import { expect, fixture, html } from '@open-wc/testing';
import { CitizenClient } from '@citizen-counter/sdk';
import type { CitizenCounter } from './citizen-counter.js';
import { solvePow, stopPowWorker } from './pow-worker.js';
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

describe('<cc-login-view> proof of work', () => {
  const challengesAsked = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/challenges')).length;

  it('should ask for the invisible check only once the citizen types, and solve it in a worker', async () => {
    const original = window.Worker;
    let workers = 0;
    let answers = 0;
    window.Worker = class extends original {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        workers += 1;
        this.addEventListener('message', () => (answers += 1));
      }
    };
    // The page's solver worker, if earlier tests started one, ends: the next is made by the class above.
    stopPowWorker();
    try {
      sessionStorage.clear();
      // Checks the views of earlier tests asked for on their way out have arrived by now.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = challengesAsked();
      const el = await fixture<CitizenCounter>(html`<citizen-counter org="demo" api=${api} locale="en"></citizen-counter>`);
      await waitFor(el, '#phone');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // A page view alone asks the server for nothing and burns no CPU.
      expect(challengesAsked() - before).to.equal(0);
      type(inView<HTMLInputElement>(el, 'cc-login-view', '#phone')!, '0');
      await until(() => textOf(el, 'cc-login-view', '[role=status]') === 'Automatic security check done.');
      // Solved by the worker, not by the page's fallback.
      expect([challengesAsked() - before, workers, answers]).to.deep.equal([1, 1, 1]);
      await requestCode(el, uniquePhone().local);
    } finally {
      window.Worker = original;
    }
  });

  it('should ask for one code however many times "Get code" is pressed before the answer', async () => {
    const asked = () => performance.getEntriesByType('resource').filter((entry) => /\/otp$/.test(entry.name)).length;
    sessionStorage.clear();
    const el = await fixture<CitizenCounter>(html`<citizen-counter org="demo" api=${api} locale="en"></citizen-counter>`);
    await waitFor(el, '#phone');
    type(inView<HTMLInputElement>(el, 'cc-login-view', '#phone')!, uniquePhone().local);
    const before = asked();
    const button = inView<HTMLButtonElement>(el, 'cc-login-view', 'button[type=submit]')!;
    // Three presses in one task: the button is not drawn busy until the next one.
    button.click();
    button.click();
    button.click();
    await waitFor(el, '#code');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked() - before).to.equal(1);
    expect(textOf(el, 'cc-code-view', '[role=alert]')).to.equal('');
  });

  it('should solve on the page when workers cannot start', async () => {
    const original = window.Worker;
    stopPowWorker();
    Reflect.deleteProperty(window, 'Worker');
    try {
      sessionStorage.clear();
      const el = await fixture<CitizenCounter>(html`<citizen-counter org="demo" api=${api} locale="en"></citizen-counter>`);
      await waitFor(el, '#phone');
      await requestCode(el, uniquePhone().local);
    } finally {
      window.Worker = original;
      stopPowWorker();
    }
  });

  it('should solve every check with one worker, and go on with a new one after a solve is aborted', async () => {
    const original = window.Worker;
    let workers = 0;
    window.Worker = class extends original {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        workers += 1;
      }
    };
    stopPowWorker();
    const client = new CitizenClient({ baseUrl: api, org: 'demo' });
    const pow = async () => {
      const challenge = await client.createChallenge();
      if (challenge.kind !== 'pow') throw new Error(`expected a proof-of-work check, got ${challenge.kind}`);
      return challenge;
    };
    try {
      const [first, second] = await Promise.all([pow(), pow()]);
      const solutions = await Promise.all([solvePow(first), solvePow(second)]);
      expect(solutions.map((solution) => solution.id)).to.deep.equal([first.id, second.id]);
      expect(workers).to.equal(1);

      // An abort stops that solve at once (the worker with it); one solving beside it starts over.
      const abort = new AbortController();
      const [third, fourth] = await Promise.all([pow(), pow()]);
      const aborted = solvePow(third, abort.signal).then(() => 'solved', (error: unknown) => error);
      const other = solvePow(fourth);
      abort.abort(new Error('left the page'));
      expect(((await aborted) as Error).message).to.equal('left the page');
      expect((await other).id).to.equal(fourth.id);
      expect(workers).to.equal(2);
      // The answers are the server's: a login with one of them is accepted.
      const otp = await client.requestOtp({ phone: uniquePhone().e164, challenge: await solvePow(await pow()) });
      expect(otp.expiresAt).to.be.a('string');
      expect(workers).to.equal(2);
    } finally {
      window.Worker = original;
      stopPowWorker();
    }
  });
});
