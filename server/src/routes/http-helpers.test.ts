import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDisposition } from './http-helpers.js';

/** What a browser does with the header: `filename*` (RFC 6266) when present, else `filename`. */
function savedName(header: string): string {
  const extended = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
  return extended ? decodeURIComponent(extended) : (/filename="([^"]*)"/.exec(header)?.[1] ?? '');
}

describe('contentDisposition(name)', () => {
  it('should give an attachment with an ASCII name and the same in UTF-8', () => {
    assert.equal(contentDisposition('letter.pdf'), `attachment; filename="letter.pdf"; filename*=UTF-8''letter.pdf`);
  });

  it('should keep a Persian name in filename* and put underscores in the ASCII fallback', () => {
    const header = contentDisposition('نامه من.pdf');
    assert.match(header, /^attachment; filename="[_ ]+\.pdf"; filename\*=UTF-8''%D9%86/);
    assert.equal(savedName(header), 'نامه من.pdf');
  });

  it('should not let quotes, backslashes or a line break end the header value', () => {
    const name = 'a"b\\c\r\nSet-Cookie: x=1;.pdf';
    const header = contentDisposition(name);
    assert.doesNotMatch(header, /[\r\n]/);
    assert.equal(/filename="([^"]*)"/.exec(header)?.[1], 'a_b_c__Set-Cookie: x=1;.pdf');
    assert.equal(savedName(header), name);
  });

  it("should percent-encode the characters RFC 5987 keeps out of filename*: ' ( ) *", () => {
    const header = contentDisposition("it's (final)*.pdf");
    assert.match(header, /filename\*=UTF-8''it%27s%20%28final%29%2A\.pdf$/);
    assert.equal(savedName(header), "it's (final)*.pdf");
  });
});
