import { html, nothing } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import type { CitizenClient, CitizenRequest, OrgProfile } from '@citizen-counter/sdk';
import { notify } from './events.js';
import { checkFile, fileField, requiredMark } from './file-field.js';
import { digits, formatBytes, formatList, localized } from './format.js';
import type { Draft, SessionStore } from './session-store.js';
import { submitViewStyles } from './cc-submit-view.styles.js';
import { define, ViewElement } from './view-element.js';

type Field = 'fullName' | 'subject' | 'unitId' | 'body';
const fields: readonly Field[] = ['fullName', 'subject', 'unitId', 'body'];

/**
 * Submit a request (ثبت درخواست): full name, subject, addressed unit and the body file, under the
 * org's rules (قوانین ارسال اطلاعات). Checks the rules before upload and maps the server's answer
 * back to the field it names. Name, subject and unit are kept as a draft in sessionStorage.
 * Fires `submitted` (detail: the new request) to its shell.
 *
 * @tag cc-submit-view
 */
export class CcSubmitView extends ViewElement {
  static override styles = submitViewStyles;

  static override properties = {
    fullName: { state: true },
    subject: { state: true },
    unitId: { state: true },
    formError: { state: true },
    busy: { state: true },
    client: { attribute: false },
    profile: { attribute: false },
    store: { attribute: false },
    file: { state: true },
    errors: { state: true },
    fixed: { attribute: false },
    locked: { attribute: false },
  };

  client!: CitizenClient;
  profile!: OrgProfile;
  store!: SessionStore;
  /** Values the page gave (`prefill()`); they win over the draft. */
  fixed: Partial<Draft> = {};
  /** The fields in `fixed` are read-only. */
  locked = false;

  private fullName = '';
  private subject = '';
  private unitId = '';
  private file: File | null = null;
  private errors: Partial<Record<Field, string>> = {};
  private formError = '';
  private busy = false;
  #idempotencyKey: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    const draft = this.store.loadDraft();
    if (draft) Object.assign(this, { fullName: draft.fullName, subject: draft.subject, unitId: draft.unitId });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('fixed')) for (const field of ['fullName', 'subject', 'unitId'] as const) this[field] = this.fixed[field] ?? this[field];
  }

  override render() {
    const { rules } = this.profile;
    return html`
      <h3 data-heading tabindex="-1">${msg('Submit a request')}</h3>
      <p>${msg(str`Welcome to the e-service of ${localized(this.profile.name)}.`)}</p>
      <section class="box" part="rules" aria-labelledby="rules-title">
        <h4 id="rules-title" class="label">${msg('Rules for sending information')}</h4>
        <ul>
          <li>${msg(str`Body file: at most ${formatBytes(rules.maxFileBytes)}.`)}</li>
          <li>${msg(str`Accepted formats: ${formatList(rules.allowedExtensions)}.`)}</li>
          <li>${msg(str`Full name and subject: at most ${digits(rules.maxSubjectLength)} characters.`)}</li>
          <li>${msg('Fields marked * are required.')}</li>
        </ul>
      </section>
      <form novalidate @submit=${this.#submit} @input=${this.#edited} @change=${this.#edited}>
        ${this.#text('fullName', msg('Full name'), 'name', rules.maxFullNameLength)}
        ${this.#text('subject', msg('Subject'), 'off', rules.maxSubjectLength)}
        <div class="field">
          <label for="unitId">${msg('Addressed organizational unit')}${requiredMark}</label>
          <select id="unitId" part="input" required .value=${this.unitId} ?disabled=${this.locked && !!this.fixed.unitId} aria-invalid=${this.errors.unitId ? 'true' : 'false'}
            aria-describedby="unitId-error">
            <option value="" ?selected=${!this.unitId}>${msg('Choose a unit…')}</option>
            ${this.profile.units.map((unit) => html`<option value=${unit.id} ?selected=${unit.id === this.unitId}>${localized(unit.name)}</option>`)}
          </select>
          <p id="unitId-error" class="error" part="error">${this.errors.unitId ?? ''}</p>
        </div>
        ${fileField('body', msg('Upload the body file of the letter'), this.file, this.errors.body, rules)}
        <div class="actions">
          <button class="primary" part="button button-primary" type="submit" ?disabled=${this.busy}>
            ${this.busy ? msg('Sending…') : msg('Send request')}
          </button>
        </div>
        <p class="error" part="error" role="alert">${this.formError}</p>
      </form>
    `;
  }

  /** A required text field with its live character count (read with the field, not on every key). */
  #text(field: 'fullName' | 'subject', label: string, autocomplete: string, max: number) {
    const error = this.errors[field];
    const length = this[field].length;
    return html`
      <div class="field">
        <label for=${field}>${label}${requiredMark}</label>
        <input id=${field} part="input" required .value=${this[field]} autocomplete=${autocomplete} ?readonly=${this.locked && !!this.fixed[field]}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${field}-count ${field}-error`} />
        <span id=${`${field}-count`} class="hint count ${length > max ? 'over' : ''}">${msg(str`${digits(length)} of ${digits(max)} characters`)}</span>
        <p id=${`${field}-error`} class="error" part="error">${error ?? nothing}</p>
      </div>
    `;
  }

  #edited(event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const field = target.id as Field;
    if (!fields.includes(field)) return;
    this.#idempotencyKey = null;
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
    if (field !== 'body') this[field] = target.value;
    else {
      // Checked as soon as it is chosen, before anyone presses "send".
      this.file = (target as HTMLInputElement).files?.[0] ?? null;
      if (this.file) this.errors = { ...this.errors, body: checkFile(this.file, this.profile.rules) ?? '' };
    }
    this.store.saveDraft({ fullName: this.fullName, subject: this.subject, unitId: this.unitId });
  }

  /** The org's rules, checked before anything is uploaded. */
  #check(): Partial<Record<Field, string>> {
    const { rules } = this.profile;
    const errors: Partial<Record<Field, string>> = {};
    const tooLong = (max: number) => msg(str`At most ${digits(max)} characters.`);
    if (!this.fullName.trim()) errors.fullName = msg('This field is required.');
    else if (this.fullName.length > rules.maxFullNameLength) errors.fullName = tooLong(rules.maxFullNameLength);
    if (!this.subject.trim()) errors.subject = msg('This field is required.');
    else if (this.subject.length > rules.maxSubjectLength) errors.subject = tooLong(rules.maxSubjectLength);
    if (!this.profile.units.some((unit) => unit.id === this.unitId)) errors.unitId = msg('Choose a unit from the list.');
    const body = checkFile(this.file, rules);
    if (body) errors.body = body;
    return errors;
  }

  #showErrors(errors: Partial<Record<Field, string>>): void {
    this.errors = errors;
    const first = fields.find((field) => errors[field]);
    if (first) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus());
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    this.formError = '';
    const errors = this.#check();
    if (Object.keys(errors).length > 0) {
      this.#showErrors(errors);
      return;
    }
    this.busy = true;
    this.#idempotencyKey ??= crypto.randomUUID();
    try {
      const request: CitizenRequest = await this.client.submitRequest(
        { fullName: this.fullName.trim(), subject: this.subject.trim(), unitId: this.unitId, body: this.file! },
        { idempotencyKey: this.#idempotencyKey },
      );
      // The next request is most likely from the same person: keep the name, nothing else.
      this.store.saveDraft({ fullName: this.fullName, subject: '', unitId: '' });
      notify(this, 'submitted', request);
    } catch (error) {
      const shown = this.report(error);
      const named = shown.field === 'file' ? 'body' : shown.field;
      const field = fields.find((candidate) => candidate === named)
        ?? (shown.code.startsWith('file_') ? 'body' : shown.code === 'unit_not_found' ? 'unitId' : undefined);
      if (field) this.#showErrors({ [field]: shown.message });
      else this.formError = shown.message;
    } finally {
      this.busy = false;
    }
  }
}

define('cc-submit-view', CcSubmitView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-submit-view': CcSubmitView;
  }
}
