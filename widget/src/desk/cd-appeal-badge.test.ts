import { expect } from '@open-wc/testing';
import { CitizenClient, solveChallenge } from '@citizen-counter/sdk';
import { api, latestCode, pdf, uniquePhone, until } from '../test-support/helpers.js';
import { addStaff, deskLogin, queueItem, textIn, untilText } from '../test-support/desk.js';
import './index.js';

/** A demo-org citizen, logged in through a real SMS code. */
async function citizen(): Promise<CitizenClient> {
  const phone = uniquePhone();
  const client = new CitizenClient({ baseUrl: api, org: 'demo' });
  const challenge = await client.createChallenge();
  if (challenge.kind !== 'pow') throw new Error('the demo org uses pow');
  await client.requestOtp({ phone: phone.local, challenge: await solveChallenge(challenge) });
  await client.login({ phone: phone.local, code: await latestCode(phone.e164) });
  return client;
}

describe('<counter-desk> and appeals', function () {
  this.timeout(90_000);

  it('should mark an appealed request in the queue and in its pane, and show the appeal in the timeline', async () => {
    const registrar = await addStaff('registrar', 'مینا صادقی');
    const client = await citizen();
    const unitId = (await client.getOrg()).units[0]!.id;
    const plain = await client.submitRequest({ fullName: 'سارا احمدی', subject: 'درخواست بدون اعتراض', unitId, body: pdf() });
    const request = await client.submitRequest({ fullName: 'سارا احمدی', subject: 'درخواست مجوز حفاری', unitId, body: pdf() });
    const rejected = await fetch('/__cc-test/staff', { method: 'POST', body: JSON.stringify({ id: request.id, action: 'reject', reason: 'مدارک ناقص' }) });
    expect(rejected.ok).to.equal(true);
    const appealed = await client.submitAppeal(request.id, { text: 'مدارک کامل بود' });
    expect(appealed.status).to.equal('under_review');

    const el = await deskLogin(registrar, 'fa');
    const item = await queueItem(el, request.id);
    await until(() => item.querySelector('.appeal'), 'no appeal badge in the queue');
    expect(item.querySelector('.appeal')!.textContent!.trim()).to.equal('اعتراض');
    expect((await queueItem(el, plain.id)).querySelector('.appeal')).to.equal(null);

    item.click();
    await untilText(el, 'cd-request', 'h3', /مجوز حفاری/);
    await untilText(el, 'cd-request', '.title .appeal', /اعتراض/);
    await until(() => textIn(el, 'cd-request', 'ol.timeline').includes('مدارک کامل بود'), 'no appeal step in the timeline');
    expect(textIn(el, 'cd-request', 'ol.timeline')).to.contain('اعتراض');
  });
});
