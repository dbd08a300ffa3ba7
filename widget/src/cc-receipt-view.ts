import { html } from 'lit-html';
import { msg } from '@lit/localize';
import type { CitizenRequest } from '@citizen-counter/sdk';
import { notify } from './events.js';
import { digits, formatDate, localized } from './format.js';
import { printReceipt } from './print-receipt.js';
import { define, ViewElement } from './view-element.js';
import { receiptViewStyles } from './cc-receipt-view.styles.js';

/**
 * The receipt (فیش) after a submission: tracking code (کد رهگیری), the send date (تاریخ ارسال نامه,
 * Jalali in fa) and "print receipt" (چاپ فیش), which prints the receipt alone.
 * Fires `show-requests` and `new-request` to its shell.
 *
 * @tag cc-receipt-view
 */
export class CcReceiptView extends ViewElement {
  static override properties = {
    orgName: { attribute: false },
    request: { attribute: false },
  };

  static override styles = receiptViewStyles;

  /** Replaceable in tests: headless browsers cannot show a print dialog. */
  static print: (frame: Window) => void = (frame) => frame.print();

  request!: CitizenRequest;
  /** The org's name, printed on the receipt. */
  orgName = '';

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
        <button class="primary" part="button button-primary" type="button" @click=${this.#print}>${msg('Print receipt')}</button>
        <button type="button" part="button" @click=${() => notify(this, 'show-requests')}>${msg('Track requests')}</button>
        <button type="button" part="button" @click=${() => notify(this, 'new-request')}>${msg('New request')}</button>
      </div>
    `;
  }

  #print(): void {
    const receipt = this.renderRoot.querySelector('dl')!;
    printReceipt(receipt, `${this.orgName} — ${msg('Your request was registered')}`, CcReceiptView.print);
  }
}

define('cc-receipt-view', CcReceiptView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-receipt-view': CcReceiptView;
  }
}
