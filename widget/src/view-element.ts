import { LitElement } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';
import { sharedStyles } from './shared.styles.js';

/** The base of every view: shared styles, re-render on a locale change, and a heading to focus. */
export class ViewElement extends LitElement {
  static override styles = [sharedStyles];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Moves focus to the view's heading so screen readers announce the new view. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
  }
}

/** Defines a custom element unless the tag is taken (a second copy of the bundle on the page). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
