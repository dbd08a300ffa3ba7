import { html } from 'lit-html';
import { msg } from '@lit/localize';
import type { CitizenClient } from '@citizen-counter/sdk';
import { notify } from './events.js';
import { saveFile } from './format.js';
import { define, ViewElement } from './view-element.js';

/**
 * The citizen's data rights: download everything the organization holds about them (a zip of
 * `data.json` and their files), and delete their account after a second step that says what goes
 * and what the organization keeps. Fires `account-deleted` to its shell.
 *
 * @tag cc-my-data
 */
export class CcMyData extends ViewElement {
  static override properties = {
    client: { attribute: false },
    confirming: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  client!: CitizenClient;
  private confirming = false;
  private busy = false;
  private error = '';

  override render() {
    return html`
      <section class="box" part="my-data" aria-labelledby="my-data">
        <h4 id="my-data">${msg('Your data')}</h4>
        <div class="actions">
          <button type="button" part="button" ?disabled=${this.busy} @click=${this.#export}>${msg('Download my data')}</button>
          <button type="button" part="button" ?disabled=${this.busy} aria-expanded=${this.confirming ? 'true' : 'false'}
            @click=${() => this.#confirm(!this.confirming)}>${msg('Delete my account')}</button>
        </div>
        ${this.confirming ? html`
          <p id="delete-warning" class="error">${msg('Your account, your sessions and your files will be deleted; requests still open are withdrawn, decided ones stay in the organization’s register without your name. This cannot be undone.')}</p>
          <div class="actions">
            <button type="button" class="primary" part="button button-primary" id="delete" aria-describedby="delete-warning" ?disabled=${this.busy}
              @click=${this.#delete}>${msg('Yes, delete my account')}</button>
            <button type="button" part="button" @click=${() => this.#confirm(false)}>${msg('Cancel')}</button>
          </div>` : ''}
        <p class="error" part="error" role="alert">${this.error}</p>
      </section>
    `;
  }

  async #confirm(shown: boolean): Promise<void> {
    this.confirming = shown;
    await this.updateComplete;
    if (shown) this.renderRoot.querySelector<HTMLElement>('#delete')?.focus();
  }

  async #export(): Promise<void> {
    await this.#call(async () => saveFile(await this.client.exportMyData({ timeout: 120_000 })));
  }

  async #delete(): Promise<void> {
    await this.#call(async () => {
      await this.client.deleteMyAccount({ confirm: 'DELETE' });
      notify(this, 'account-deleted');
    });
  }

  async #call(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await work();
    } catch (error) {
      this.error = this.report(error).message;
    } finally {
      this.busy = false;
    }
  }
}

define('cc-my-data', CcMyData);

declare global {
  interface HTMLElementTagNameMap {
    'cc-my-data': CcMyData;
  }
}
