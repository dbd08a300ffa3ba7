import { html } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import type { CitizenClient, FileInfo, OrgProfile, RequestDetail, RequestEvent } from '@citizen-counter/sdk';
import { notify } from './events.js';
import { checkFile, fileField } from './file-field.js';
import { digits, formatBytes, formatDate, localized, saveFile } from './format.js';
import { eventLabel, statusLabel } from './labels.js';
import { requestFacts } from './request-card.js';
import { requestDetailStyles } from './cc-request-detail.styles.js';
import { define, ViewElement } from './view-element.js';

/**
 * The latest status of one request (گرفتن آخرین وضعیت): its facts, the timeline and the reply
 * (جوابیه) with its file. While the organization waits for documents (نقص مدارک), what it asked
 * for and a form to send them: a text and one file, under the same rules as a request's body file.
 * Fires `back` to its shell.
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
  private sent = false;
  #idempotencyKey: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requestId') && this.requestId) void this.#load();
  }

  async #load(): Promise<void> {
    this.request = null;
    this.error = '';
    this.sent = false;
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
      <p class="status" role="status">${this.sent ? msg('Your documents were sent.') : r || this.error ? '' : msg('Loading…')}</p>
      <p class="error" part="error" role="alert">${this.error}</p>
      ${r ? html`
        <div class="card ${r.status}" part="card">
          <h4>${r.subject}</h4>
          ${requestFacts(r)}
        </div>
        ${r.documentsRequest ? this.#documents(r.documentsRequest.message) : ''}
        <section aria-labelledby="timeline">
          <h4 id="timeline">${msg('Timeline')}</h4>
          <ol>
            ${r.events.map((e) => html`<li><strong>${e.type === 'referred' && e.unit ? msg(str`Referred to ${localized(e.unit.name)}`) : eventLabel(e.type)}</strong>
              <span class="when">${formatDate(e.at, true)}</span>${this.#note(e)}${e.file ? html`<br />${this.#fileButton(e.file)}` : ''}</li>`)}
          </ol>
        </section>
        <section aria-labelledby="reply" part="reply">
          <h4 id="reply">${msg('Reply')}</h4>
          ${r.reply ? html`
            ${r.reply.text ? html`<p>${r.reply.text}</p>` : ''}
            <p class="when">${formatDate(r.reply.at, true)}</p>
            ${r.reply.file ? this.#fileButton(r.reply.file) : ''}`
          : html`<p>${msg('No reply yet.')}</p>`}
        </section>
        <section aria-labelledby="body-file">
          <h4 id="body-file">${msg('Body file')}</h4>
          ${this.#fileButton(r.bodyFile)}
        </section>` : ''}
      <div class="actions back">
        <button type="button" part="button" @click=${() => notify(this, 'back')}>${msg('Track requests')}</button>
      </div>
    `;
  }

  /** What the organization asked for and the form that answers it. */
  #documents(message: string) {
    return html`
      <section class="box" part="documents" aria-labelledby="documents">
        <h4 id="documents">${statusLabel('needs_documents')}</h4>
        <p dir="auto">${message}</p>
        <form novalidate @submit=${this.#supplement} @change=${this.#picked}>
          <div class="field">
            <label for="text">${msg('Your message (optional)')}</label>
            <textarea id="text" part="input" rows="3" maxlength="2000"></textarea>
          </div>
          ${fileField('document', msg('Document file'), this.file, this.fileError, this.profile.rules)}
          <div class="actions">
            <button class="primary" part="button button-primary" ?disabled=${this.busy}>${this.busy ? msg('Sending…') : msg('Send documents')}</button>
          </div>
          <p class="error" part="error" role="alert">${this.formError}</p>
        </form>
      </section>`;
  }

  #picked(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.type !== 'file') return;
    this.file = input.files?.[0] ?? null;
    this.fileError = undefined;
    this.#idempotencyKey = null;
  }

  async #supplement(event: Event): Promise<void> {
    event.preventDefault();
    this.formError = '';
    this.fileError = checkFile(this.file, this.profile.rules);
    const form = event.target as HTMLFormElement;
    if (this.fileError) {
      form.querySelector<HTMLElement>('#document')!.focus();
      return;
    }
    this.busy = true;
    this.#idempotencyKey ??= crypto.randomUUID();
    try {
      const text = form.querySelector('textarea')!.value.trim();
      await this.client.submitSupplement(this.requestId, { text, file: this.file! }, { idempotencyKey: this.#idempotencyKey });
      this.file = null;
      this.request = await this.client.getRequest(this.requestId);
      this.sent = true;
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

  #fileButton(file: FileInfo) {
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

define('cc-request-detail', CcRequestDetail);

declare global {
  interface HTMLElementTagNameMap {
    'cc-request-detail': CcRequestDetail;
  }
}
