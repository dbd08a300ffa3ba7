import { html } from 'lit-html';
import { msg } from '@lit/localize';
import type { PropertyValues } from 'lit';
import type { CitizenClient, CitizenRequest } from '@citizen-counter/sdk';
import { notify } from './events.js';
import { digits, formatDate, localized } from './format.js';
import { ReceiptLinker } from './print-receipt.js';
import { define, ViewElement } from './view-element.js';
import { receiptViewStyles } from './cc-receipt-view.styles.js';

/**
 * The receipt (فیش) after a submission: tracking code (کد رهگیری), the send date (تاریخ ارسال نامه,
 * Jalali in fa) and "print receipt" (چاپ فیش), which opens the printable receipt with its QR code.
 * Fires `show-requests` and `new-request` to its shell.
 *
 * @tag cc-receipt-view
 */
export class CcReceiptView extends ViewElement {
  static override properties = {
    client: { attribute: false },
    request: { attribute: false },
    error: { state: true },
  };

  static override styles = receiptViewStyles;

  client!: CitizenClient;
  request!: CitizenRequest;
  private error = '';
  #printing = new ReceiptLinker(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('request')) this.#printing.load(this.request.id);
  }

  /** @internal */
  failed(error: unknown): void {
    this.error = this.report(error).message;
  }

  override render() {
    const r = this.request;
    return html`
      <h3 data-heading tabindex="-1">${msg('Your request was registered')}</h3>
      <p role="status">${msg('Keep this tracking code to follow your request.')}</p>
      <div class="receipt" part="receipt">
        <dl>
          <dt>${msg('Tracking code')}</dt>
          <dd class="code" data-tracking-code>${digits(r.trackingCode)}</dd>
          <dt>${msg('Date sent')}</dt>
          <dd>${formatDate(r.createdAt, true)}</dd>
          <dt>${msg('Full name')}</dt>
          <dd>${r.fullName}</dd>
          <dt>${msg('Subject')}</dt>
          <dd>${r.subject}</dd>
          <dt>${msg('Addressed organizational unit')}</dt>
          <dd>${localized(r.unit.name)}</dd>
        </dl>
      </div>
      <div class="actions">
        ${this.#printing.render(true)}
        <button type="button" part="button" @click=${() => notify(this, 'show-requests')}>${msg('Track requests')}</button>
        <button type="button" part="button" @click=${() => notify(this, 'new-request')}>${msg('New request')}</button>
      </div>
      <p class="error" part="error" role="alert">${this.error}</p>
    `;
  }
}

define('cc-receipt-view', CcReceiptView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-receipt-view': CcReceiptView;
  }
}
