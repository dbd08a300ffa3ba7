import { expect } from '@open-wc/testing';
import { html } from 'lit-html';
import type { PropertyDeclarations, PropertyValues } from 'lit';
import { BaseElement } from './base-element.js';

class Probe extends BaseElement {
  static override properties: PropertyDeclarations = { name: { reflect: true }, count: { state: true } };
  name = 'a';
  count = 0;
  renders = 0;
  seen: string[][] = [];
  protected override willUpdate(changed: PropertyValues): void {
    this.seen.push([...changed.keys()].map(String));
    if (changed.has('name')) this.count += 1; // joins this update
  }
  protected override render() {
    this.renders += 1;
    return html`<p>${this.name}:${this.count}</p>`;
  }
}
customElements.define('cc-test-probe', Probe);

class Child extends Probe {
  static override properties: PropertyDeclarations = { extra: { attribute: 'data-extra' } };
  extra: string | null = null;
}
customElements.define('cc-test-probe-child', Child);

describe('BaseElement', () => {
  it('should render once connected, batch changes and skip equal values', async () => {
    const el = document.createElement('cc-test-probe') as Probe;
    el.name = 'b';
    await Promise.resolve();
    expect(el.renders).to.equal(0); // not before it is connected
    document.body.append(el);
    await el.updateComplete;
    expect([el.renders, el.shadowRoot!.textContent]).to.deep.equal([1, 'b:1']);
    el.name = 'b';
    await el.updateComplete;
    expect(el.renders).to.equal(1);
    el.name = 'c';
    el.name = 'd';
    await el.updateComplete;
    expect([el.renders, el.shadowRoot!.textContent, el.getAttribute('name')]).to.deep.equal([2, 'd:2', 'd']);
    expect(el.seen.at(-1)).to.deep.equal(['name']);
    el.remove();
  });

  it('should read attributes into properties, merge inherited declarations and keep state off attributes', async () => {
    const el = document.createElement('cc-test-probe-child') as Child;
    el.setAttribute('name', 'x');
    el.setAttribute('data-extra', 'y');
    el.setAttribute('count', '9');
    document.body.append(el);
    await el.updateComplete;
    expect([el.name, el.extra, el.count]).to.deep.equal(['x', 'y', 1]);
    expect((Child as unknown as { observedAttributes: string[] }).observedAttributes.sort()).to.deep.equal(['data-extra', 'name']);
    el.remove();
  });
});
