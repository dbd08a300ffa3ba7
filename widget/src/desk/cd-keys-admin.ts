import { html, nothing } from 'lit-html';
import { msg } from '@lit/localize';
import type { ApiKeyInfo, ApiKeyRole, CreatedApiKey } from '@citizen-counter/sdk';
import { formatDate } from '../format.js';
import { define } from '../view-element.js';
import { AdminPage } from './admin-page.js';
import { roleLabel } from './desk-labels.js';

/**
 * The org's API keys (admins): keys for back-office systems, each with a role, shown once when
 * made, revocable at any time.
 *
 * @tag cd-keys-admin
 */
export class CdKeysAdmin extends AdminPage {
  static override properties = {
    keys: { state: true },
    created: { state: true },
    adding: { state: true },
  };

  private keys: ApiKeyInfo[] = [];
  private created: CreatedApiKey | null = null;
  private adding = false;

  protected override async load(): Promise<void> {
    this.keys = await this.client.listApiKeys();
  }

  override render() {
    return html`
      <div class="top"><h3>${msg('API keys')}</h3>
        <button type="button" @click=${() => (this.adding = true)}>${msg('Create a key')}</button></div>
      <p class="error" role="alert">${this.error}</p>
      ${this.created ? html`<div class="panel" role="status"><p>${msg('The key, shown only now:')}</p>
        <p class="secret" dir="ltr">${this.created.key}</p></div>` : nothing}
      ${this.adding ? html`<form class="panel" novalidate @submit=${this.#add}>
        <div class="field"><label for="label">${msg('Label')}</label><input id="label" name="label" maxlength="200" /></div>
        <div class="field"><label for="key-role">${msg('Role')}</label>
          <select id="key-role" name="role">${(['registrar', 'admin'] as ApiKeyRole[]).map((role) => html`<option value=${role}>${roleLabel(role)}</option>`)}</select></div>
        <div class="actions"><button type="submit" class="primary">${msg('Create')}</button>
          <button type="button" class="link" @click=${() => (this.adding = false)}>${msg('Cancel')}</button></div>
      </form>` : nothing}
      <table>
        <thead><tr><th scope="col">${msg('Label')}</th><th scope="col">${msg('Role')}</th><th scope="col">${msg('Key starts with')}</th>
          <th scope="col">${msg('Created')}</th><th scope="col"><span class="hidden">${msg('Actions')}</span></th></tr></thead>
        <tbody>${this.keys.map((key) => html`<tr><td>${key.label}</td><td>${roleLabel(key.role)}</td><td dir="ltr">${key.prefix}…</td>
          <td>${formatDate(key.createdAt)}</td>
          <td><button type="button" class="link" @click=${() => this.#revoke(key)}>${msg('Revoke')}</button></td></tr>`)}</tbody>
      </table>
    `;
  }

  async #add(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const input = { label: String(data.get('label') ?? '').trim(), role: String(data.get('role')) as ApiKeyRole };
    if (await this.run(async () => (this.created = await this.client.createApiKey(input)))) this.adding = false;
  }

  #revoke(key: ApiKeyInfo): Promise<boolean> {
    return this.run(() => this.client.revokeApiKey(key.id));
  }
}

define('cd-keys-admin', CdKeysAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'cd-keys-admin': CdKeysAdmin;
  }
}
