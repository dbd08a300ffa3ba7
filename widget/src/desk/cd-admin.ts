import { html } from 'lit-html';
import { msg } from '@lit/localize';
import type { StaffClient, Unit } from '@citizen-counter/sdk';
import { sharedStyles } from '../shared.styles.js';
import { define, ViewElement } from '../view-element.js';
import { adminStyles } from './cd-admin.styles.js';
import './cd-keys-admin.js';
import './cd-org-admin.js';
import './cd-staff-admin.js';
import './cd-texts-admin.js';
import './cd-webhooks-admin.js';

type Section = 'staff' | 'org' | 'texts' | 'webhooks' | 'keys';

/**
 * The desk's administration (admins only): staff, the register, calendar and units, templates and
 * SMS texts, webhooks and API keys.
 *
 * @tag cd-admin
 */
export class CdAdmin extends ViewElement {
  static override properties = {
    client: { attribute: false },
    units: { attribute: false },
    section: { state: true },
  };

  static override styles = [sharedStyles, adminStyles];

  client!: StaffClient;
  units: Unit[] = [];

  private section: Section = 'staff';

  override render() {
    const sections: [Section, string][] = [
      ['staff', msg('Staff')],
      ['org', msg('Register, calendar and units')],
      ['texts', msg('Templates and SMS')],
      ['webhooks', msg('Webhooks')],
      ['keys', msg('API keys')],
    ];
    return html`
      <nav class="top" aria-label=${msg('Administration')}>
        <div class="actions">${sections.map(([id, label]) => html`<button type="button" class=${this.section === id ? 'primary' : ''}
          aria-pressed=${this.section === id ? 'true' : 'false'} @click=${() => (this.section = id)}>${label}</button>`)}</div>
      </nav>
      ${this.section === 'staff' ? html`<cd-staff-admin .client=${this.client} .units=${this.units}></cd-staff-admin>` : ''}
      ${this.section === 'org' ? html`<cd-org-admin .client=${this.client}></cd-org-admin>` : ''}
      ${this.section === 'texts' ? html`<cd-texts-admin .client=${this.client}></cd-texts-admin>` : ''}
      ${this.section === 'webhooks' ? html`<cd-webhooks-admin .client=${this.client}></cd-webhooks-admin>` : ''}
      ${this.section === 'keys' ? html`<cd-keys-admin .client=${this.client}></cd-keys-admin>` : ''}
    `;
  }
}

define('cd-admin', CdAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'cd-admin': CdAdmin;
  }
}
