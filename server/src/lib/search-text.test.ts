import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { likePattern, readSearchQuery, searchTextOf } from './search-text.js';

describe('searchTextOf(fields)', () => {
  it('should fold every field and add the phone in E.164 and national form', () => {
    const text = searchTextOf({ subject: 'درخواست  مجـوز', fullName: 'علي كريمي', trackingCode: '1234567890', letterNumber: 'ش/۱۲/۱۴۰۵', phone: '+989121234567' });
    assert.equal(text, 'درخواست مجوز علی کریمی 1234567890 ش/12/1405 +989121234567 09121234567');
  });

  it('should leave out a letter number and a phone that are not there', () => {
    assert.equal(searchTextOf({ subject: 'A', fullName: 'B', trackingCode: '1', letterNumber: null, phone: null }), 'a b 1');
  });
});

describe('readSearchQuery(q)', () => {
  it('should fold the query and split it into distinct words', () => {
    assert.deepEqual(readSearchQuery(' كريمي  مجـوز كريمي ')?.terms, ['کریمی', 'مجوز']);
  });

  it('should read a phone or a code typed in groups as one term', () => {
    assert.deepEqual(readSearchQuery('۰۹۱۲ ۱۲۳-۴۵۶۷')?.terms, ['09121234567']);
    assert.deepEqual(readSearchQuery('0098 912 123 4567')?.terms, ['+989121234567']);
  });

  it('should read a whole phone number or tracking code for an exact lookup', () => {
    assert.deepEqual(readSearchQuery('۰۹۱۲ ۱۲۳ ۴۵۶۷')?.number, { phone: '+989121234567', trackingCode: null });
    assert.deepEqual(readSearchQuery('+44 20 7946 0958')?.number, { phone: '+442079460958', trackingCode: null });
    assert.deepEqual(readSearchQuery('9121234567')?.number, { phone: '+989121234567', trackingCode: '9121234567' });
    assert.deepEqual(readSearchQuery('4121234567')?.number, { phone: null, trackingCode: '4121234567' });
    assert.equal(readSearchQuery('1234567')?.number, null);
    assert.equal(readSearchQuery('09121234567 کریمی')?.number, null);
  });

  it('should offer the query with either digits for an exact match', () => {
    assert.deepEqual(readSearchQuery('۷۳')?.exact, ['۷۳', '73']);
  });

  it('should answer null when nothing is left to search for', () => {
    assert.equal(readSearchQuery(' \u200c ـ '), null);
  });
});

describe('likePattern(term)', () => {
  it('should take %, _ and the escape character literally', () => {
    assert.equal(likePattern('50%_a\\b'), '%50\\%\\_a\\\\b%');
  });
});
