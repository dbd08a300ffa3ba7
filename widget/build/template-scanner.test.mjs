// @ts-check
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, scanTemplate, skipExpression, skipString } from './template-scanner.mjs';

/**
 * The static parts of the template literal whose body starts just after the first backtick.
 * @param {string} code
 */
function staticParts(code) {
  /** @type {import('./template-scanner.mjs').Range[]} */
  const parts = [];
  const end = scanTemplate(code, code.indexOf('`') + 1, parts);
  return { end, texts: parts.map(([from, to]) => code.slice(from, to)) };
}

describe('scanTemplate(code, i, parts)', () => {
  it('should return the static parts around each expression and the index past the closing backtick', () => {
    const code = 'html`<p>${a} and ${b}</p>`;';
    assert.deepEqual(staticParts(code), { end: code.length - 1, texts: ['<p>', ' and ', '</p>'] });
  });

  it('should skip nested templates, strings and braces inside expressions', () => {
    const code = "html`<ul>${items.map((i) => html`<li class=${i ? '}' : \"`\"}>${{ a: 1 }.a}</li>`)}</ul>`";
    assert.deepEqual(staticParts(code).texts, ['<ul>', '</ul>']);
  });

  it('should not end at an escaped backtick', () => {
    assert.deepEqual(staticParts('str`a \\` b`').texts, ['a \\` b']);
  });
});

describe('skipString(code, i) and skipExpression(code, i)', () => {
  it('should step over an escaped quote', () => {
    const code = "'it\\'s' + x";
    assert.equal(code.slice(skipString(code, 0)), ' + x');
  });

  it('should end just past the brace that closes the expression', () => {
    const code = '${ {a: "}"}.a } rest';
    assert.equal(code.slice(skipExpression(code, 2)), ' rest');
  });
});

describe('applyEdits(code, edits)', () => {
  it('should apply edits given in any order against the original offsets', () => {
    assert.equal(applyEdits('abcdef', [[1, 1, 'B'], [4, 0, '-'], [0, 0, '>']]), '>aBcd-ef');
  });
});
