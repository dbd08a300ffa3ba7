import { html, nothing } from 'lit-html';
import { msg } from '@lit/localize';
import type { StaffMember, StaffRole, Unit } from '@citizen-counter/sdk';
import { displayPhone, localized } from '../format.js';
import { define } from '../view-element.js';
import { AdminPage } from './admin-page.js';
import { roleLabel } from './desk-labels.js';

const roles: StaffRole[] = ['registrar', 'handler', 'admin'];

/**
 * The org's staff (admins): who may log into the desk, with which role and, for a unit's staff,
 * which units; add, change, deactivate. The service keeps one active admin at least.
 *
 * @tag cd-staff-admin
 */
export class CdStaffAdmin extends AdminPage {
  static override properties = {
    units: { attribute: false },
    staff: { state: true },
    editing: { state: true },
    busy: { state: true },
  };

  units: Unit[] = [];

  private staff: StaffMember[] = [];
  /** The member being changed, `'new'` for the add form, `''` for none. */
  private editing = '';
  private busy = false;

  protected override async load(): Promise<void> {
    this.staff = await this.client.listStaff();
  }

  override render() {
    return html`
      <div class="top"><h3>${msg('Staff')}</h3>
        <button type="button" @click=${() => (this.editing = 'new')}>${msg('Add a staff member')}</button></div>
      <p class="error" role="alert">${this.error}</p>
      ${this.editing === 'new' ? this.#form(null) : nothing}
      <table>
        <thead><tr><th scope="col">${msg('Name')}</th><th scope="col">${msg('Mobile number')}</th><th scope="col">${msg('Role')}</th>
          <th scope="col">${msg('Units')}</th><th scope="col">${msg('Status')}</th><th scope="col"><span class="hidden">${msg('Actions')}</span></th></tr></thead>
        <tbody>${this.staff.map((member) => html`<tr class=${member.active ? '' : 'off'}>
          <td>${member.name}</td><td>${displayPhone(member.phone)}</td><td>${roleLabel(member.role)}</td>
          <td>${member.unitIds.map((id) => this.#unitName(id)).join('، ')}</td>
          <td>${member.active ? msg('Active') : msg('Deactivated')}</td>
          <td><button type="button" class="link" @click=${() => (this.editing = member.id)}>${msg('Change')}</button></td>
        </tr>${this.editing === member.id ? html`<tr><td colspan="6">${this.#form(member)}</td></tr>` : nothing}`)}</tbody>
      </table>
    `;
  }

  #unitName(id: string): string {
    const unit = this.units.find((candidate) => candidate.id === id);
    return unit ? localized(unit.name) : id;
  }

  #form(member: StaffMember | null) {
    return html`<form class="panel" novalidate @submit=${(e: Event) => this.#save(e, member)}>
      ${member ? nothing : html`<div class="field"><label for="phone">${msg('Mobile number')}</label>
        <input id="phone" name="phone" dir="ltr" inputmode="tel" autocomplete="off" required /></div>`}
      <div class="field"><label for="name">${msg('Name')}</label><input id="name" name="name" .value=${member?.name ?? ''} required /></div>
      <div class="field"><label for="role">${msg('Role')}</label>
        <select id="role" name="role">${roles.map((role) => html`<option value=${role} ?selected=${(member?.role ?? 'registrar') === role}>${roleLabel(role)}</option>`)}</select></div>
      <fieldset><legend>${msg("Units (a unit's staff only)")}</legend>
        ${this.units.map((unit) => html`<label class="check"><input type="checkbox" name="unit" value=${unit.id} ?checked=${member?.unitIds.includes(unit.id) ?? false} />
          ${localized(unit.name)}</label>`)}</fieldset>
      ${member ? html`<label class="check"><input type="checkbox" name="active" ?checked=${member.active} /> ${msg('Active')}</label>` : nothing}
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${msg('Save')}</button>
        <button type="button" class="link" @click=${() => (this.editing = '')}>${msg('Cancel')}</button></div>
    </form>`;
  }

  async #save(event: Event, member: StaffMember | null): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const role = String(data.get('role')) as StaffRole;
    const unitIds = role === 'handler' ? data.getAll('unit').map(String) : [];
    const name = String(data.get('name') ?? '').trim();
    this.busy = true;
    const saved = await this.run(() =>
      member
        ? this.client.updateStaff(member.id, { name, role, unitIds, active: data.get('active') === 'on' })
        : this.client.addStaff({ phone: String(data.get('phone') ?? ''), name, role, unitIds }),
    );
    this.busy = false;
    if (saved) this.editing = '';
  }
}

define('cd-staff-admin', CdStaffAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'cd-staff-admin': CdStaffAdmin;
  }
}
