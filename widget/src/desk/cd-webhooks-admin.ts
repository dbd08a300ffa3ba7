import { html, nothing } from 'lit-html';
import { msg } from '@lit/localize';
import type { CreatedWebhook, Webhook, WebhookEventType } from '@citizen-counter/sdk';
import type { ShownError } from '../error-messages.js';
import { define } from '../view-element.js';
import { AdminPage } from './admin-page.js';

const events: WebhookEventType[] = [
  'request.submitted',
  'request.referred',
  'request.documents_requested',
  'request.supplemented',
  'request.approved',
  'request.rejected',
  'request.replied',
  'request.appealed',
];

/**
 * The org's webhooks (admins): the back-office addresses told of each change, signed with a
 * secret shown once when the webhook is made.
 *
 * @tag cd-webhooks-admin
 */
export class CdWebhooksAdmin extends AdminPage {
  static override properties = {
    hooks: { state: true },
    created: { state: true },
    adding: { state: true },
  };

  private hooks: Webhook[] = [];
  private created: CreatedWebhook | null = null;
  private adding = false;

  /** A refused address says why, not the generic "try again later": retrying cannot help. */
  protected override report(error: unknown): ShownError {
    const shown = super.report(error);
    if (shown.code !== 'webhook_url_not_allowed') return shown;
    return { ...shown, message: msg('This address may not receive webhooks: use an https address on the internet, or ask the operator to allow it.') };
  }

  protected override async load(): Promise<void> {
    this.hooks = await this.client.listWebhooks();
  }

  override render() {
    return html`
      <div class="top"><h3>${msg('Webhooks')}</h3>
        <button type="button" @click=${() => (this.adding = true)}>${msg('Add a webhook')}</button></div>
      <p class="error" role="alert">${this.error}</p>
      ${this.created ? html`<div class="panel" role="status"><p>${msg('The signing secret, shown only now:')}</p>
        <p class="secret" dir="ltr">${this.created.secret}</p></div>` : nothing}
      ${this.adding ? html`<form class="panel" novalidate @submit=${this.#add}>
        <div class="field"><label for="url">${msg('Address (https)')}</label><input id="url" name="url" dir="ltr" type="url" /></div>
        <fieldset><legend>${msg('Events (none: all)')}</legend>
          ${events.map((event) => html`<label class="check"><input type="checkbox" name="event" value=${event} /> <bdi dir="ltr">${event}</bdi></label>`)}</fieldset>
        <div class="actions"><button type="submit" class="primary">${msg('Save')}</button>
          <button type="button" class="link" @click=${() => (this.adding = false)}>${msg('Cancel')}</button></div>
      </form>` : nothing}
      <table>
        <thead><tr><th scope="col">${msg('Address')}</th><th scope="col">${msg('Events')}</th><th scope="col"><span class="hidden">${msg('Actions')}</span></th></tr></thead>
        <tbody>${this.hooks.map((hook) => html`<tr><td dir="ltr">${hook.url}</td><td dir="ltr">${hook.events.join(', ')}</td>
          <td><button type="button" class="link" @click=${() => this.#remove(hook)}>${msg('Remove')}</button></td></tr>`)}</tbody>
      </table>
    `;
  }

  async #add(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const chosen = data.getAll('event').map(String) as WebhookEventType[];
    const input = { url: String(data.get('url') ?? '').trim(), ...(chosen.length > 0 ? { events: chosen } : {}) };
    if (await this.run(async () => (this.created = await this.client.createWebhook(input)))) this.adding = false;
  }

  #remove(hook: Webhook): Promise<boolean> {
    return this.run(() => this.client.removeWebhook(hook.id));
  }
}

define('cd-webhooks-admin', CdWebhooksAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'cd-webhooks-admin': CdWebhooksAdmin;
  }
}
