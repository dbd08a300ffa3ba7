import { expect, oneEvent } from '@open-wc/testing';
import type { CcSubmitDetail } from './events.js';
import { deepQuery, fill, inView, login, mount, pdf, submit, textOf, until, waitFor, waitForText } from './test-support/helpers.js';

describe('<citizen-counter> data rights', () => {
  it('should hand the citizen all their data as a zip, then delete the account after a second step', async () => {
    const el = await mount('en');
    await login(el);
    fill(el, { fullName: 'Nima Rahimi', subject: 'My data, please', unit: 0, file: pdf('mine.pdf') });
    const submitted = oneEvent(el, 'cc-submit');
    submit(el, 'cc-submit-view');
    const { trackingCode } = (await submitted).detail as CcSubmitDetail;
    await waitFor(el, '[data-tracking-code]');
    inView<HTMLButtonElement>(el, 'cc-receipt-view', '.actions button')!.click();
    await waitFor(el, 'li.card');
    const section = await waitFor(el, '[part=my-data]');
    const [download, remove] = [...section.querySelectorAll<HTMLButtonElement>('.actions button')];

    // Download: the archive the service builds, saved as a file.
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => (blobs.push(blob as Blob), create(blob));
    try {
      download!.click();
      await until(() => blobs.length === 1, 'nothing was downloaded');
    } finally {
      URL.createObjectURL = create;
    }
    const archive = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect(String.fromCharCode(archive[0]!, archive[1]!)).to.equal('PK');
    expect(new TextDecoder('latin1').decode(archive)).to.contain(`files/${trackingCode}/mine.pdf`);

    // Delete: nothing happens on the first click but a warning, with the focus on the confirmation.
    remove!.click();
    await waitFor(el, '#delete-warning');
    expect(remove!.getAttribute('aria-expanded')).to.equal('true');
    expect(textOf(el, 'cc-my-data', '#delete-warning')).to.contain('cannot be undone');
    const view = deepQuery(el, 'cc-my-data')!.shadowRoot!;
    await until(() => view.activeElement?.id === 'delete', 'the confirmation did not take the focus');
    // "Cancel" takes it back.
    view.querySelectorAll<HTMLButtonElement>('.actions')[1]!.querySelectorAll('button')[1]!.click();
    await until(() => !view.querySelector('#delete-warning'), 'cancel kept the warning');

    remove!.click();
    await waitFor(el, '#delete-warning');
    const loggedOut = oneEvent(el, 'cc-logout');
    view.querySelector<HTMLButtonElement>('#delete')!.click();
    await loggedOut;
    await waitFor(el, '#phone');
    await waitForText(el, '.notice', /^Your account was deleted\.$/);
    expect(Object.keys(sessionStorage).filter((key) => key.endsWith(':session'))).to.deep.equal([]);
  });
});
