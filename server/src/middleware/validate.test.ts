import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateOrgInputSchema, NoteInputSchema, OrgSettingsPatchSchema, OtpRequestInputSchema, RejectInputSchema, ApproveInputSchema } from '@citizen-counter/sdk/schemas';
import { AppError } from '../errors/app-error.js';
import { parse, parseIdempotencyKey, withinChars } from './validate.js';

function fault(run: () => unknown): { code: string; details: Record<string, unknown>; message: string } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AppError);
    return { code: error.code, details: error.details, message: error.message };
  }
  assert.fail('expected an AppError');
}

describe('parse(schema, value)', () => {
  it('should answer the value typed and trimmed', () => {
    assert.deepEqual(parse(RejectInputSchema, { reason: '  late  ' }), { reason: 'late' });
  });

  it('should call a missing or blank required field field_required', () => {
    assert.deepEqual(fault(() => parse(NoteInputSchema, {})).details, { field: 'text' });
    assert.equal(fault(() => parse(NoteInputSchema, { text: '   ' })).code, 'field_required');
    assert.deepEqual(fault(() => parse(CreateOrgInputSchema, { id: 'ok', name: { fa: 'x', en: ' ' } })).details, { field: 'name.en' });
  });

  it('should call a blank optional field invalid_input', () => {
    assert.equal(fault(() => parse(ApproveInputSchema, { letterNumber: ' ' })).code, 'invalid_input');
  });

  it('should give field_too_long its field and limit', () => {
    const error = fault(() => parse(RejectInputSchema, { reason: 'x'.repeat(1001) }));
    assert.deepEqual([error.code, error.details], ['field_too_long', { field: 'reason', max: 1000 }]);
  });

  it('should name the allowed values and the bounds', () => {
    const kind = fault(() => parse(OrgSettingsPatchSchema, { humanCheck: 'riddle' }));
    assert.deepEqual([kind.code, kind.details], ['invalid_input', { field: 'humanCheck', allowed: ['pow', 'image'] }]);
    assert.match(kind.message, /humanCheck must be one of pow, image/);
    const ttl = fault(() => parse(OrgSettingsPatchSchema, { otp: { ttlSeconds: 601 } }));
    assert.deepEqual(ttl.details, { field: 'otp.ttlSeconds', min: 30, max: 600 });
  });

  it('should report the first field in schema order and refuse what is not an object', () => {
    assert.equal(fault(() => parse(OtpRequestInputSchema, { phone: 5, challenge: {} })).code, 'field_required');
    assert.equal(fault(() => parse(CreateOrgInputSchema, { id: 5 })).code, 'invalid_input');
    assert.equal(fault(() => parse(OtpRequestInputSchema, [1, 2])).code, 'invalid_input');
  });
});

describe('withinChars() and parseIdempotencyKey()', () => {
  it('should count characters, not UTF-16 units', () => {
    assert.equal(withinChars('fullName', '😀'.repeat(3), 3), '😀😀😀');
    assert.deepEqual(fault(() => withinChars('subject', 'س'.repeat(4), 3)).details, { field: 'subject', max: 3 });
  });

  it('should take visible ASCII keys only', () => {
    assert.equal(parseIdempotencyKey(undefined), null);
    assert.equal(parseIdempotencyKey('abc-1'), 'abc-1');
    assert.equal(fault(() => parseIdempotencyKey('a b')).code, 'invalid_input');
  });
});
