import { html } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import type { CitizenClient, FileInfo, OrgProfile, RequestDetail, RequestEvent } from '@citizen-counter/sdk';
import { notify } from './events.js';
import { errorMessage } from './error-messages.js';
import { checkFile, fileField, requiredMark } from './file-field.js';
import { digits, formatBytes, formatDate, localized, saveFile } from './format.js';
import { statusLabel } from './labels.js';
import { requestFacts } from './request-card.js';
import { ReceiptLinker } from './print-receipt.js';
import { requestDetailStyles } from './cc-request-detail.styles.js';
import { define, ViewElement } from './view-element.js';

/**
 * The latest status of one request (گرفتن آخرین وضعیت): its facts, the timeline and the reply
 * (جوابیه) with its file, and "print receipt". While the organization waits for documents
 * (نقص مدارک), what it asked for and a form to send them: a text and one file, under the same rules
 * as a request's body file. After a rejection, while the org's rules allow, a form to appeal it
 * (اعتراض): why, and optionally a document. Fires `back` to its shell.
 *
 * @tag cc-request-detail
 */
export class CcRequestDetail extends ViewElement {
  static override properties = {
    requestId: { attribute: false },
    error: { state: true },
    client: { attribute: false },
    profile: { attribute: false },
    request: { state: true },
    file: { state: true },
    fileError: { state: true },
    formError: { state: true },
    busy: { state: true },
    sent: { state: true },
    textError: { state: true },
  };

  static override styles = requestDetailStyles;

  client!: CitizenClient;
  profile!: OrgProfile;
  requestId = '';

  private request: RequestDetail | null = null;
  private error = '';
  private file: File | null = null;
  private fileError: string | undefined;
  private formError = '';
  private busy = false;
  /** What was just sent, said once. */
  private sent = '';
  private textError = '';
  #idempotencyKey: string | null = null;

  #printing = new ReceiptLinker(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requestId') && this.requestId) {
      void this.#load();
      this.#printing.load(this.requestId);
    }
  }

  /** @internal */
  failed(error: unknown): void {
    this.error = this.report(error).message;
  }

  async #load(): Promise<void> {
    this.request = null;
    this.error = '';
    this.sent = '';
    try {
      this.request = await this.client.getRequest(this.requestId);
    } catch (error) {
      this.error = this.report(error).message;
    }
  }

  override render() {
    const r = this.request;
    return html`
      <h3 data-heading tabindex="-1">
        ${r ? msg(str`Request ${digits(r.trackingCode)}`) : msg('Latest status')}
      </h3>
      <p class="status" role="status">${this.sent || (r || this.error ? '' : msg('Loading…'))}</p>
      <p class="error" part="error" role="alert">${this.error}</p>
      ${r ? html`
        <div class="card ${r.status}" part="card">
          <h4>${r.subject}</h4>
          ${requestFacts(r)}
        </div>
        ${r.documentsRequest ? this.#answer(false, statusLabel('needs_documents'), r.documentsRequest.message) : ''}
        ${this.#appealOffer(r)}
        <section aria-labelledby="timeline">
          <h4 id="timeline">${msg('Timeline')}</h4>
          <ol>
            ${r.events.map((e) => html`<li><strong>${step(e)}</strong>
              <span class="when">${formatDate(e.at, true)}</span>${this.#note(e)}${e.file ? html`<br />${this.#fileButton(e.file)}` : ''}</li>`)}
          </ol>
        </section>
        <section aria-labelledby="reply" part="reply">
          <h4 id="reply">${msg('Reply')}</h4>
          ${r.reply ? html`
            ${r.reply.text ? html`<p>${r.reply.text}</p>` : ''}
            <p class="when">${formatDate(r.reply.at, true)}</p>
            ${r.reply.file ? this.#fileButton(r.reply.file) : ''}`
          : html`<p>${r.status === 'rejected' || r.status === 'approved' ? msg('This request is closed.') : msg('No reply yet.')}</p>`}
        </section>
        <section aria-labelledby="body-file">
          <h4 id="body-file">${msg('Body file')}</h4>
          ${this.#fileButton(r.bodyFile)}
        </section>` : ''}
      <div class="actions back">
        <button type="button" part="button" @click=${() => notify(this, 'back')}>${msg('Back')}</button>
        ${r ? this.#printing.render() : ''}
      </div>
    `;
  }

  /**
   * A form answering the organization: the documents it asked for (a file needed, a message
   * optional), or an appeal of a rejection (the reason needed, a document optional).
   */
  #answer(appeal: boolean, heading: string, intro: string) {
    return html`
      <section class="box" part=${appeal ? 'appeal' : 'documents'} aria-labelledby="answer">
        <h4 id="answer">${heading}</h4>
        <p dir="auto">${intro}</p>
        <form novalidate @submit=${this.#send} @change=${this.#picked}>
          <div class="field">
            <label for="text">${appeal ? html`${msg('Why you disagree')}${requiredMark}` : msg('Your message (optional)')}</label>
            <textarea id="text" part="input" rows="3" maxlength="2000" ?required=${appeal} aria-invalid=${this.textError ? 'true' : 'false'}
              aria-describedby="text-error"></textarea>
            <p id="text-error" class="error" part="error">${this.textError}</p>
          </div>
          ${fileField('document', appeal ? msg('Document file (optional)') : msg('Document file'), this.file, this.fileError, this.profile.rules, !appeal)}
          <div class="actions">
            <button class="primary" part="button button-primary" ?disabled=${this.busy}>${this.busy ? msg('Sending…') : appeal ? msg('Send appeal') : msg('Send documents')}</button>
          </div>
          <p class="error" part="error" role="alert">${this.formError}</p>
        </form>
      </section>`;
  }

  /** The appeal form while a rejection may be appealed (اعتراض), with its last day. */
  #appealOffer(r: RequestDetail) {
    const deadline = this.#appealDeadline(r);
    return deadline
      ? this.#answer(true, msg('Appeal this decision'), msg(str`If you disagree, you may appeal until ${formatDate(deadline.toISOString())}: say why, and attach a document if you have one.`))
      : '';
  }

  /** The last day a rejection may be appealed, while the org's rules still allow one; else null. */
  #appealDeadline(r: RequestDetail): Date | null {
    const { rounds, days } = this.profile.appeals;
    const deadline = new Date(Date.parse(r.rejectedAt ?? '') + days * 86_400_000);
    return r.status === 'rejected' && r.appealRounds < rounds && deadline.getTime() > Date.now() ? deadline : null;
  }

  #picked(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.type !== 'file') return;
    this.file = input.files?.[0] ?? null;
    this.fileError = undefined;
    this.#idempotencyKey = null;
  }

  async #send(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const appeal = this.request!.status === 'rejected';
    const text = form.querySelector('textarea')!.value.trim();
    this.formError = '';
    this.textError = appeal && !text ? msg('Say why you disagree.') : '';
    this.fileError = appeal && !this.file ? undefined : checkFile(this.file, this.profile.rules);
    if (this.textError || this.fileError) {
      form.querySelector<HTMLElement>(this.textError ? '#text' : '#document')!.focus();
      return;
    }
    this.busy = true;
    this.#idempotencyKey ??= crypto.randomUUID();
    try {
      const input = { text, ...(this.file ? { file: this.file } : {}) };
      const options = { idempotencyKey: this.#idempotencyKey };
      await (appeal ? this.client.submitAppeal(this.requestId, input, options) : this.client.submitSupplement(this.requestId, { ...input, file: this.file! }, options));
      this.file = null;
      this.#idempotencyKey = null;
      this.request = await this.client.getRequest(this.requestId);
      this.sent = appeal ? msg('Your appeal was sent; the request is under review again.') : msg('Your documents were sent.');
    } catch (error) {
      const shown = this.report(error);
      if (shown.code.startsWith('file_')) this.fileError = shown.message;
      else this.formError = shown.message;
    } finally {
      this.busy = false;
    }
  }

  /** The letter number of an approval, the reason of a rejection; a reply is shown in full below. */
  #note(event: RequestEvent) {
    if (!event.note || event.type === 'replied' || event.type === 'submitted') return '';
    return html`<br />${event.type === 'approved' ? `${msg('Letter number')}: ${digits(event.note)}` : html`<bdi>${event.note}</bdi>`}`;
  }

  /** A file's download, or, once its content was removed, its name and why it cannot be had. */
  #fileButton(file: FileInfo) {
    if (file.removedAt) return html`<span class="when"><bdi>${file.name}</bdi>: ${errorMessage('file_removed')}</span>`;
    return html`<button type="button" part="button" @click=${() => this.#download(file)}>
      ${msg('Download')} <span class="when"><bdi>${file.name}</bdi> (${formatBytes(file.size)})</span></button>`;
  }

  async #download(file: FileInfo): Promise<void> {
    try {
      saveFile(await this.client.downloadFile(this.requestId, file.id));
    } catch (error) {
      this.error = this.report(error).message;
    }
  }
}

/** A timeline step as the citizen's story, in plain words (the desk names the same steps for staff). */
function step(e: RequestEvent): string {
  switch (e.type) {
    case 'submitted':
      return msg('You sent the request');
    case 'referred':
      return e.unit ? msg(str`Passed on to ${localized(e.unit.name)} for review`) : msg('Passed on to a unit for review');
    case 'returned':
      return msg('Returned to the secretariat');
    case 'documents_requested':
      return msg('The organization asked for more documents');
    case 'supplemented':
      return msg('You sent the documents asked for');
    case 'approved':
      return msg('The request was approved');
    case 'rejected':
      return msg('The request was rejected');
    case 'replied':
      return msg('The organization replied');
    case 'appealed':
      return msg('You appealed the rejection');
  }
}

define('cc-request-detail', CcRequestDetail);

declare global {
  interface HTMLElementTagNameMap {
    'cc-request-detail': CcRequestDetail;
  }
}
