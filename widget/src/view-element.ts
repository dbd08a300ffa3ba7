import { BaseElement } from './base-element.js';
import { describeError, type ShownError } from './error-messages.js';
import { emit } from './events.js';
import { enterLocale, localizedElements } from './localization.js';
import { sharedStyles } from './shared.styles.js';

/** Resolves in a later task: what follows runs after the browser has had its turn (input, a frame). */
export const nextTask = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve));

/**
 * The base of the counter and of every view: shared styles, its counter's own locale (see
 * localization.ts) made active for each update and each event handler, one failure path.
 */
export class ViewElement extends BaseElement {
  static override styles = [sharedStyles];

  override connectedCallback(): void {
    localizedElements.add(this);
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    localizedElements.delete(this);
    super.disconnectedCallback();
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // Capturing on the shadow root runs before the handlers inside, so their texts are in this locale.
    for (const type of ['click', 'input', 'change', 'submit', 'keydown']) root.addEventListener(type, () => enterLocale(this), true);
    return root;
  }

  protected override enterUpdate(): void {
    enterLocale(this);
  }

  /**
   * Moves focus to the view's heading so screen readers announce the new view.
   * @internal
   */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    // Focus needs the new view laid out: in a task after the one that rendered it, two short tasks
    // instead of one long one on a slow phone.
    await nextTask();
    this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
  }

  /**
   * The one way a failed call is handled: tells the page with a `cc-error` event and returns the
   * localized sentence (with the code and the field it names) for the view to show where it belongs.
   */
  protected report(error: unknown): ShownError {
    enterLocale(this);
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
