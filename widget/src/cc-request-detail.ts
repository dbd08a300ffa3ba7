import { html, type PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import type { CitizenClient, FileInfo, RequestDetail, RequestEvent } from '@citizen-counter/sdk';
import { notify } from './events.js';
import { digits, formatBytes, formatDate, saveFile } from './format.js';
import { eventLabel } from './labels.js';
import { requestFacts } from './request-card.js';
import { requestDetailStyles } from './cc-request-detail.styles.js';
import { define, ViewElement } from './view-element.js';

/**
 * The latest status of one request (گرفتن آخرین وضعیت): its facts, the timeline and the reply
 * (جوابیه) with its file. Fires `back` to its shell.
 *
 * @tag cc-request-detail
 */
export class CcRequestDetail extends ViewElement {
  static override properties = {
    requestId: { attribute: false },
    error: { state: true },
    client: { attribute: false },
    request: { state: true },
  };

  static override styles = requestDetailStyles;

  client!: CitizenClient;
  requestId = '';

  private request: RequestDetail | null = null;
  private error = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requestId') && this.requestId) void this.#load();
  }

  async #load(): Promise<void> {
    this.request = null;
    this.error = '';
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
      <p class="status" role="status">${r || this.error ? '' : msg('Loading…')}</p>
      <p class="error" part="error" role="alert">${this.error}</p>
      ${r ? html`
        <div class="card ${r.status}" part="card">
          <h4>${r.subject}</h4>
          ${requestFacts(r)}
        </div>
        <section aria-labelledby="timeline">
          <h4 id="timeline">${msg('Timeline')}</h4>
          <ol>
            ${r.events.map((e) => html`<li><strong>${eventLabel(e.type)}</strong>
              <span class="when">${formatDate(e.at, true)}</span>${this.#note(e)}</li>`)}
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

  /** The letter number of an approval, the reason of a rejection; a reply is shown in full below. */
  #note(event: RequestEvent) {
    if (!event.note || event.type === 'replied' || event.type === 'submitted') return '';
    return html`<br />${event.type === 'approved' ? `${msg('Letter number')}: ${digits(event.note)}` : event.note}`;
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
