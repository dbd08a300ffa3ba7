import { expect } from '@open-wc/testing';
import { define } from './view-element.js';

/** Runs `body` with console.warn recorded instead of printed. */
function warnings(body: () => void): string[] {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.map(String).join(' '));
  try {
    body();
  } finally {
    console.warn = original;
  }
  return seen;
}

describe('define(tag, element)', () => {
  it('should define a free tag', () => {
    class Free extends HTMLElement {}
    expect(warnings(() => define('cc-probe-free', Free))).to.deep.equal([]);
    expect(customElements.get('cc-probe-free')).to.equal(Free);
  });

  it('should do nothing, silently, when the same class is defined again (the same script twice)', () => {
    class Same extends HTMLElement {}
    define('cc-probe-same', Same);
    expect(warnings(() => define('cc-probe-same', Same))).to.deep.equal([]);
    expect(customElements.get('cc-probe-same')).to.equal(Same);
  });

  it('should keep the first class and warn once when another copy of the widget holds the tag', () => {
    class First extends HTMLElement {}
    class FirstToo extends HTMLElement {}
    class OtherCopy extends HTMLElement {}
    class OtherCopyToo extends HTMLElement {}
    define('cc-probe-taken', First);
    define('cc-probe-taken-too', FirstToo);
    const seen = warnings(() => {
      define('cc-probe-taken', OtherCopy);
      define('cc-probe-taken-too', OtherCopyToo);
    });
    expect(customElements.get('cc-probe-taken')).to.equal(First);
    expect(seen).to.have.length(1);
    expect(seen[0]).to.contain('<cc-probe-taken>').and.to.contain('taken by another copy of the citizen counter');
  });
});
