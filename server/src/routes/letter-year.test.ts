import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { StaffClient } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { useTestServer } from '../test-support/test-server.js';

describe('the letter register across a Jalali new year', () => {
  const server = useTestServer();
  let registrar: StaffClient;

  before(async () => {
    // An API key: staff and citizen sessions would expire over the months the clock jumps.
    registrar = await server().staff('test-org', 'registrar');
  });

  /** Moves the server's clock to `iso`. */
  const setClock = (iso: string) => server().clock.advance(new Date(iso).getTime() - server().clock.now().getTime());

  it('should start the sequence again at 1 on 1 Farvardin, Tehran time, and keep typed numbers unique per year', async () => {
    const { client } = await server().login();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await client.submitRequest({ fullName: 'Sara Ahmadi', subject: `Year ${i}`, unitId: server().unitId, body: file(pdfBytes(`y${i}`), 'a.pdf') })).id);
    }
    // 23:30 on 29 Esfand 1405 in Tehran (20:00 UTC): still the old year.
    setClock('2027-03-20T20:00:00Z');
    assert.equal((await registrar.approve(ids[0]!)).letterNumber, '1/1405');
    assert.equal((await registrar.approve(ids[1]!)).letterNumber, '2/1405');
    // 00:30 on 1 Farvardin 1406 in Tehran (21:00 UTC): a new year, a new sequence.
    setClock('2027-03-20T21:00:00Z');
    const first = await registrar.approve(ids[2]!);
    assert.equal(first.letterNumber, '1/1406');
    assert.ok(first.letterDate?.startsWith('2027-03-20T21:00'));
    // A typed number is unique within its year: last year's number is free again, this year's is not.
    await rejectsWith(registrar.approve(ids[3]!, { letterNumber: '1/1406' }), 'letter_number_taken', 409);
    assert.equal((await registrar.approve(ids[3]!, { letterNumber: '1/1405' })).letterNumber, '1/1405');
  });
});
