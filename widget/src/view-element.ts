import { BaseElement } from './base-element.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import { describeError, type ShownError } from './error-messages.js';
import { emit } from './events.js';
import { sharedStyles } from './shared.styles.js';

/** The base of the counter and of every view: shared styles, re-render on a locale change, one failure path. */
export class ViewElement extends BaseElement {
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

let warned = false;

/**
 * Defines a custom element unless the tag is taken. The same class twice is a no-op; another class
 * on the tag means another copy (perhaps another version) of the widget got there first: its
 * elements are the ones the page gets, so this copy says so once instead of throwing.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, element);
  else if (existing !== element && !warned) {
    warned = true;
    console.warn(`<${tag}> is taken by another copy of the citizen counter; this copy is unused.`);
  }
}
