import { LitElement } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';
import { describeError, type ShownError } from './error-messages.js';
import { emit } from './events.js';
import { sharedStyles } from './shared.styles.js';

/** The base of the counter and of every view: shared styles, re-render on a locale change, one failure path. */
export class ViewElement extends LitElement {
  static override styles = [sharedStyles];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /**
   * Moves focus to the view's heading so screen readers announce the new view.
   * @internal
   */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
  }

  /**
   * The one way a failed call is handled: tells the page with a `cc-error` event and returns the
   * localized sentence (with the code and the field it names) for the view to show where it belongs.
   */
  protected report(error: unknown): ShownError {
    const shown = describeError(error);
    emit(this, 'cc-error', { code: shown.code });
    return shown;
  }
}

/** Defines a custom element unless the tag is taken (a second copy of the bundle on the page). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
