import { html } from 'lit-html';
import { msg } from '@lit/localize';
import { normalizeDigits, type CitizenClient, type CitizenRequest } from '@citizen-counter/sdk';
import { notify } from './events.js';
import { saveFile } from './format.js';
import { requestFacts } from './request-card.js';
import './cc-my-data.js';
import { requestsViewStyles } from './cc-requests-view.styles.js';
import { define, ViewElement } from './view-element.js';

/**
 * My requests (پیگیری درخواست): newest first, coloured by status, a search by tracking code and
 * "load more", under a "New request" button (`new-request` to its shell), and the citizen's data
 * rights below (`<cc-my-data>`). Fires `open-request` (detail: the id) to its shell for "latest
 * status", and passes `account-deleted` on to it.
 *
 * @tag cc-requests-view
 */
export class CcRequestsView extends ViewElement {
  static override properties = {
    loading: { state: true },
    error: { state: true },
    query: { state: true },
    searched: { state: true },
    client: { attribute: false },
    items: { state: true },
    nextCursor: { state: true },
  };

  static override styles = requestsViewStyles;

  client!: CitizenClient;

  private items: CitizenRequest[] = [];
  private nextCursor: string | null = null;
  private loading = false;
  private error = '';
  private query = '';
  private searched = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load(false);
  }

  #generation = 0;

  /** Loads the first page (or the next one); an answer to an older search is dropped. */
  async #load(more: boolean): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    this.error = '';
    try {
      const trackingCode = this.searched || undefined;
      const page = await this.client.listRequests({
        ...(more && this.nextCursor ? { cursor: this.nextCursor } : {}),
        ...(trackingCode ? { trackingCode } : {}),
      });
      if (generation !== this.#generation) return;
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = this.report(error).message;
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  override render() {
    return html`
      <div class="top">
        <h3 data-heading tabindex="-1">${msg('Track requests')}</h3>
        <button type="button" class="primary" part="button button-primary" @click=${() => notify(this, 'new-request')}>${msg('New request')}</button>
      </div>
      <form class="search" role="search" novalidate @submit=${this.#search}>
        <div class="field">
          <label for="q">${msg('Search by tracking code')}</label>
          <input id="q" part="input" class="ltr" dir="ltr" inputmode="numeric" autocomplete="off" .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" part="button">${msg('Search')}</button>
        ${this.searched ? html`<button type="button" class="link" part="button" @click=${this.#clear}>${msg('Show all')}</button>` : ''}
      </form>
      <p class="status" role="status">${this.#summary()}</p>
      <p class="error" part="error" role="alert">${this.error}</p>
      <ol>
        ${this.items.map((r) => html`
          <li class="card ${r.status}" part="card">
            <h4 id=${`s-${r.id}`}>${r.subject}</h4>
            ${r.reply ? html`<p class="replied" part="reply">${msg('The organization has replied.')}</p>` : ''}
            ${requestFacts(r)}
            <div class="actions">
              <button type="button" part="button" @click=${() => notify(this, 'open-request', r.id)}
                aria-describedby=${`s-${r.id}`}>${msg('Latest status')}</button>
              ${r.bodyFile.removedAt ? '' : html`<button type="button" part="button" @click=${() => this.#download(r)}
                aria-describedby=${`s-${r.id}`}>${msg('Body file')}</button>`}
            </div>
          </li>`)}
      </ol>
      ${this.nextCursor ? html`<button type="button" part="button" ?disabled=${this.loading} @click=${() => this.#load(true)}>${msg('Load more')}</button>` : ''}
      <cc-my-data exportparts="my-data, button, button-primary, error" .client=${this.client}
        @account-deleted=${() => notify(this, 'account-deleted')}></cc-my-data>
    `;
  }

  #summary(): string {
    if (this.loading) return msg('Loading…');
    if (this.searched && this.items.length === 0) return msg('No request has this tracking code.');
    if (this.items.length === 0 && !this.error) return msg('You have not sent any request yet.');
    return '';
  }

  #search(event: Event): void {
    event.preventDefault();
    this.searched = normalizeDigits(this.query).replace(/\D/g, '');
    void this.#load(false);
  }

  #clear(): void {
    this.query = '';
    this.searched = '';
    void this.#load(false);
  }

  async #download(r: CitizenRequest): Promise<void> {
    try {
      saveFile(await this.client.downloadFile(r.id, r.bodyFile.id));
    } catch (error) {
      this.error = this.report(error).message;
    }
  }
}

define('cc-requests-view', CcRequestsView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-requests-view': CcRequestsView;
  }
}
