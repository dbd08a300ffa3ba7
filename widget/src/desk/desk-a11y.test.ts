import { expect } from '@open-wc/testing';
import { deepQuery, inView, until, waitFor } from '../test-support/helpers.js';
import { addStaff, citizenSubmits, deskLogin, queueItem, untilText } from '../test-support/desk.js';
import type { CounterDesk } from './counter-desk.js';
import './index.js';

/** The desk's views and states an admin can reach, each checked by axe. */
async function everyState(desk: CounterDesk, subject: string, requestId: string): Promise<void> {
  await expect(desk, 'queue').to.be.accessible();
  (await queueItem(desk, requestId)).click();
  await untilText(desk, 'cd-request', 'h3', new RegExp(subject));
  await expect(desk, 'request').to.be.accessible();

  const toolbar = () => [...inView(desk, 'cd-request', '.bar')!.querySelectorAll<HTMLButtonElement>('button')];
  for (let i = 0; i < toolbar().length; i++) {
    const button = toolbar()[i]!;
    button.click();
    await until(() => inView(desk, 'cd-request', 'cd-action-panel')?.shadowRoot?.querySelector('form'), `no panel for ${button.textContent}`);
    await expect(desk, `${button.textContent?.trim()} form`).to.be.accessible();
  }
  // A confirmation, with the SMS the citizen will get.
  toolbar().find((b) => b.getAttribute('aria-pressed') === 'true')!.click();
  const documents = toolbar().at(-2)!;
  documents.click();
  await until(() => inView(desk, 'cd-request', 'cd-action-panel')?.shadowRoot?.querySelector('textarea'));
  const panel = inView(desk, 'cd-request', 'cd-action-panel')!.shadowRoot!;
  const text = panel.querySelector('textarea')!;
  text.value = 'A copy of the national card.';
  text.dispatchEvent(new Event('input'));
  panel.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await until(() => panel.querySelector('.sms'), 'no confirmation');
  await expect(desk, 'confirmation').to.be.accessible();

  const dialog = deepQuery<HTMLDialogElement>(desk, 'dialog')!;
  dialog.showModal();
  await expect(desk, 'shortcuts').to.be.accessible();
  dialog.close();

  [...deepQuery(desk, '.who')!.querySelectorAll('button')].find((b) => b.getAttribute('aria-pressed') !== null)!.click();
  const admin = await waitFor(desk, 'cd-admin');
  const sections = () => [...admin.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')];
  const pages = ['cd-staff-admin', 'cd-org-admin', 'cd-texts-admin', 'cd-webhooks-admin', 'cd-keys-admin'];
  for (const [i, tag] of pages.entries()) {
    sections()[i]!.click();
    const page = await waitFor(desk, tag);
    await until(() => page.shadowRoot?.querySelector('table, form'), `${tag} shows nothing`);
    await expect(desk, tag).to.be.accessible();
    // Its "add" form, where it has one.
    const add = page.shadowRoot!.querySelector<HTMLButtonElement>('.top button');
    if (add) {
      add.click();
      await until(() => page.shadowRoot?.querySelector('form'));
      await expect(desk, `${tag} form`).to.be.accessible();
    }
  }
}

describe('<counter-desk> accessibility', function () {
  this.timeout(120_000);

  for (const locale of ['fa', 'en'] as const) {
    it(`should have no axe violations in any view or state, in ${locale}`, async () => {
      const subject = `Accessible ${locale}`;
      const request = await citizenSubmits(subject);
      const desk = await deskLogin(await addStaff('admin', 'Maryam Rahimi'), locale);
      expect(desk.lang).to.equal(locale);
      await everyState(desk, subject, request.id);
    });
  }
});
