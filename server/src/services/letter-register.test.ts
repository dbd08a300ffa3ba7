import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLetterNumber, patternProblem } from './letter-register.js';

describe('formatLetterNumber(pattern, parts, digits)', () => {
  const parts = { seq: 127, year: 1405, prefix: 'نمونه', unit: 'د' };

  it('should fill every placeholder', () => {
    assert.equal(formatLetterNumber('{prefix}/{unit}/{seq}/{year}', parts), 'نمونه/د/127/1405');
  });

  it('should write Persian digits when the org asks for them', () => {
    assert.equal(formatLetterNumber('{prefix}/{unit}/{seq}/{year}', parts, 'persian'), 'نمونه/د/۱۲۷/۱۴۰۵');
  });
});

describe('patternProblem(pattern)', () => {
  it('should accept patterns with {seq} once and known placeholders', () => {
    assert.equal(patternProblem('{prefix}/{seq}/{year}'), null);
    assert.equal(patternProblem('ن-{seq}'), null);
  });

  it('should refuse a pattern without {seq}, with it twice, or with an unknown placeholder', () => {
    assert.match(patternProblem('{prefix}/{year}') ?? '', /\{seq\} exactly once/);
    assert.match(patternProblem('{seq}-{seq}') ?? '', /\{seq\} exactly once/);
    assert.match(patternProblem('{seq}/{month}') ?? '', /Unknown placeholder \{month\}/);
    assert.notEqual(patternProblem(''), null);
  });
});
