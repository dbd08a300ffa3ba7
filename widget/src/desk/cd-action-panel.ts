import { html, nothing } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import { isApiError, type ActionPreview, type ActionPreviewInput, type StaffClient, type StaffRequest, type Template, type Unit, type UnitPerson } from '@citizen-counter/sdk';
import { digits, formatDate, localized } from '../format.js';
import { eventLabel } from '../labels.js';
import { sharedStyles } from '../shared.styles.js';
import { define, ViewElement } from '../view-element.js';
import { deskNotify } from './desk-events.js';
import { roleLabel } from './desk-labels.js';
import { actionPanelStyles } from './cd-action-panel.styles.js';

/** The decisions and steps a clerk takes on a request. */
export type DeskAction = 'approve' | 'reject' | 'refer' | 'documents' | 'reply' | 'return';

/** An action's name, as on its button. */
export function actionLabel(action: DeskAction): string {
  switch (action) {
    case 'approve':
      return msg('Approve and register');
    case 'reject':
      return msg('Reject');
    case 'refer':
      return msg('Refer');
    case 'documents':
      return msg('Ask for documents');
    case 'reply':
      return msg('Reply');
    case 'return':
      return msg('Return to the secretariat');
  }
}

/** The preview of an action the citizen hears of (by SMS); refer and return tell them nothing. */
function previewOf(action: DeskAction): ActionPreviewInput['action'] | null {
  return action === 'refer' || action === 'return' ? null : action;
}

/**
 * One action on one request, in two steps: the form (the number, the reason, the unit, the
 * message, the reply) and a confirmation that shows what the citizen will be told before it is
 * sent. Decisions carry the request's version: when someone else acted first, the panel says who
 * did what and hands the fresh request to the shell. Fires `request-changed` on success.
 *
 * @tag cd-action-panel
 */
export class CdActionPanel extends ViewElement {
  static override properties = {
    client: { attribute: false },
    request: { attribute: false },
    units: { attribute: false },
    action: { attribute: false },
    confirming: { state: true },
    busy: { state: true },
    error: { state: true },
    text: { state: true },
    unitId: { state: true },
    people: { state: true },
    assigneeId: { state: true },
    letterNumber: { state: true },
    templateId: { state: true },
    templates: { state: true },
    preview: { state: true },
    proposed: { state: true },
  };

  static override styles = [sharedStyles, actionPanelStyles];

  client!: StaffClient;
  request!: StaffRequest;
  units: Unit[] = [];
  action: DeskAction = 'approve';

  private confirming = false;
  private busy = false;
  private error = '';
  private text = '';
  private unitId = '';
  /** The active handlers of the chosen unit, whom the referral may name. */
  private people: UnitPerson[] = [];
  /** The person the referral names; `''` leaves it to anyone at the unit. */
  private assigneeId = '';
  private letterNumber = '';
  private templateId = '';
  private templates: Template[] = [];
  /** What the server says the action will tell the citizen (the confirmation step). */
  private preview: ActionPreview | null = null;
  /** The register's next number, proposed in the approval form. */
  private proposed = '';
  #file: File | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('action') || changed.has('request')) {
      if (changed.has('action') || changed.get('request')?.id !== this.request.id) this.#reset();
    }
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('textarea, input, select')?.focus();
  }

  /** The confirmation replaces the fields, and the fields the confirmation: the focus follows, so Enter, Enter sends. */
  protected override updated(changed: PropertyValues): void {
    if (changed.has('confirming') && changed.get('confirming') !== undefined) {
      this.renderRoot.querySelector<HTMLElement>(this.confirming ? 'button[type=submit]' : 'textarea, input, select')?.focus();
    }
  }

  #reset(): void {
    this.confirming = false;
    this.error = '';
    this.text = '';
    this.letterNumber = '';
    this.templateId = '';
    this.preview = null;
    this.proposed = '';
    this.#file = null;
    void this.#prepare();
    this.#chooseUnit(this.units.find((unit) => unit.id !== this.request.currentUnit?.id)?.id ?? '');
  }

  /** Takes a unit for the referral and offers its people; the choice of person starts again. */
  #chooseUnit(unitId: string): void {
    this.unitId = unitId;
    this.assigneeId = '';
    this.people = [];
    if (this.action === 'refer' && unitId) void this.#loadPeople(unitId);
  }

  async #loadPeople(unitId: string): Promise<void> {
    try {
      const people = await this.client.listUnitPeople(unitId);
      // Another unit may have been chosen while these were on their way.
      if (this.unitId === unitId) this.people = people;
    } catch {
      // The referral works without them: it goes to the unit, to whoever takes it there.
    }
  }

  /** What the form offers: the register's next number for an approval, the org's templates for a rejection or a reply. */
  async #prepare(): Promise<void> {
    const { action } = this;
    try {
      if (action === 'approve') this.proposed = (await this.client.preview(this.request.id, { action })).letterNumber ?? '';
      if (action === 'reject' || action === 'reply') {
        const kind = action === 'reject' ? 'rejection' : 'reply';
        this.templates = (await this.client.listTemplates()).filter((template) => template.kind === kind);
      }
    } catch {
      // The form works without them: the number is then taken at approval, texts are typed.
    }
  }

  override render() {
    return html`
      <form novalidate aria-labelledby="action-title" @submit=${this.#submit}>
        <h4 id="action-title">${actionLabel(this.action)}</h4>
        ${this.confirming ? this.#confirmation() : this.#fields()}
        <p class="error" role="alert">${this.error}</p>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.confirming ? msg('Confirm and send') : msg('Review')}</button>
          ${this.confirming ? html`<button type="button" @click=${() => (this.confirming = false)}>${msg('Edit')}</button>` : ''}
          <button type="button" class="link" @click=${() => this.dispatchEvent(new Event('close', { bubbles: true }))}>${msg('Cancel')}</button>
        </div>
      </form>
    `;
  }

  #fields() {
    const textField = (label: string, required: boolean) => html`<div class="field">
      <label for="text">${label}${required ? ' *' : ''}</label>
      <textarea id="text" rows="4" maxlength="2000" .value=${this.text} @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>
    </div>`;
    switch (this.action) {
      case 'approve':
        return html`<div class="field">
          <label for="number">${msg('Letter number')}</label>
          <input id="number" dir="auto" maxlength="100" .value=${this.letterNumber} placeholder=${this.proposed ? digits(this.proposed) : msg('Next number of the register')}
            @input=${(e: Event) => (this.letterNumber = (e.target as HTMLInputElement).value)} />
          <p class="hint">${msg('Leave empty to take the next number of the letter register.')}</p>
        </div>`;
      case 'reject':
        return html`${this.#templatePicker()}${textField(msg('Reason (the citizen reads it)'), !this.templateId)}`;
      case 'refer':
        return html`<div class="field">
            <label for="unit">${msg('To unit')} *</label>
            <select id="unit" @change=${(e: Event) => this.#chooseUnit((e.target as HTMLSelectElement).value)}>
              ${this.units.map((unit) => html`<option value=${unit.id} ?selected=${unit.id === this.unitId}>${localized(unit.name)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="person">${msg('Person')}</label>
            <select id="person" @change=${(e: Event) => (this.assigneeId = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.assigneeId}>${msg('Anyone at the unit')}</option>
              ${this.people.map((person) => html`<option value=${person.id} ?selected=${person.id === this.assigneeId}>${person.name}</option>`)}
            </select>
          </div>
          ${textField(msg('Internal note (staff only)'), false)}`;
      case 'documents':
        return textField(msg('What is missing (the citizen reads it)'), true);
      case 'reply':
        return html`${this.#templatePicker()}${textField(msg('Reply text'), false)}
          <div class="field">
            <label for="file">${msg('Reply file')}</label>
            <input id="file" type="file" @change=${(e: Event) => (this.#file = (e.target as HTMLInputElement).files?.[0] ?? null)} />
          </div>`;
      case 'return':
        return textField(msg('Internal note (staff only)'), false);
    }
  }

  #templatePicker() {
    if (this.templates.length === 0) return nothing;
    return html`<div class="field">
      <label for="template">${msg('Template')}</label>
      <select id="template" @change=${(e: Event) => (this.templateId = (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this.templateId}>${msg('No template')}</option>
        ${this.templates.map((template) => html`<option value=${template.id} ?selected=${template.id === this.templateId}>${template.title}</option>`)}
      </select>
    </div>`;
  }

  #confirmation() {
    const unit = this.units.find((u) => u.id === this.unitId);
    const unitName = unit ? localized(unit.name) : '';
    const person = this.people.find((p) => p.id === this.assigneeId);
    const what = {
      approve: this.letterNumber.trim()
        ? msg(str`Approve with letter number ${digits(this.letterNumber.trim())}.`)
        : msg(str`Approve with the next number of the register (now ${digits(this.preview?.letterNumber ?? '')}).`),
      reject: msg('Reject the request.'),
      refer: person ? msg(str`Refer the request to ${person.name} at ${unitName}.`) : msg(str`Refer the request to ${unitName}.`),
      documents: msg('Ask the citizen for more documents; the due date waits until they answer.'),
      reply: msg('Send the reply to the citizen.'),
      return: msg('Send the request back to the secretariat.'),
    }[this.action];
    const { preview } = this;
    return html`<p>${what}</p>
      ${preview
        ? html`<div class="sms" role="group" aria-label=${msg('What the citizen is told')}>
            ${preview.text ? html`<p class="label">${msg('The citizen reads in their request:')}</p><p class="said">${preview.text}</p>` : nothing}
            <p class="label">${msg(str`The citizen gets this SMS (${digits(preview.sms.parts)} part(s)):`)}</p>
            <p class="said" dir="auto">${digits(preview.sms.text)}</p>
          </div>`
        : html`<p class="hint">${msg('The citizen sees the step in their timeline, never the internal note.')}</p>`}`;
  }

  #problem(): string {
    if (((this.action === 'reject' && !this.templateId) || this.action === 'documents') && !this.text.trim()) return msg('Write the text the citizen will read.');
    if (this.action === 'refer' && !this.unitId) return msg('Choose a unit.');
    if (this.action === 'reply' && !this.text.trim() && !this.#file && !this.templateId) return msg('Write a reply or attach a file.');
    return '';
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    this.error = this.#problem();
    if (this.error) return;
    this.busy = true;
    if (!this.confirming) {
      try {
        const action = previewOf(this.action);
        this.preview = action ? await this.client.preview(this.request.id, this.#previewInput(action)) : null;
        this.confirming = true;
      } catch (error) {
        this.error = this.report(error).message;
      } finally {
        this.busy = false;
      }
      return;
    }
    try {
      deskNotify(this, 'request-changed', { request: await this.#send(), action: this.action });
    } catch (error) {
      this.error = await this.#explain(error);
    } finally {
      this.busy = false;
    }
  }

  #previewInput(action: ActionPreviewInput['action']): ActionPreviewInput {
    const input: ActionPreviewInput = { action };
    if (this.text.trim()) input.text = this.text.trim();
    if (this.templateId) input.templateId = this.templateId;
    if (this.letterNumber.trim()) input.letterNumber = this.letterNumber.trim();
    return input;
  }

  #send(): Promise<StaffRequest> {
    const { client } = this;
    const { id, version } = this.request;
    const text = this.text.trim();
    switch (this.action) {
      case 'approve':
        return client.approve(id, this.letterNumber.trim() ? { version, letterNumber: this.letterNumber.trim() } : { version });
      case 'reject':
        return client.reject(id, { version, ...(text ? { reason: text } : {}), ...(this.templateId ? { templateId: this.templateId } : {}) });
      case 'refer':
        return client.refer(id, {
          version,
          unitId: this.unitId,
          ...(this.assigneeId ? { assigneeId: this.assigneeId } : {}),
          ...(text ? { note: text } : {}),
        });
      case 'documents':
        return client.requestDocuments(id, { version, message: text });
      case 'reply':
        return client.reply(id, { version, ...(text ? { text } : {}), ...(this.#file ? { file: this.#file } : {}), ...(this.templateId ? { templateId: this.templateId } : {}) });
      case 'return':
        return client.returnToSecretariat(id, text ? { version, note: text } : { version });
    }
  }

  /** The sentence for a failure; when someone else acted first, who did what, and the fresh request to the shell. */
  async #explain(error: unknown): Promise<string> {
    const shown = this.report(error);
    if (!isApiError(error) || error.code !== 'request_changed') return shown.message;
    const last = error.details['last'] as { type?: string; at?: string; by?: string | null; role?: string | null } | null;
    try {
      deskNotify(this, 'request-changed', { request: await this.client.getRequest(this.request.id) });
    } catch {
      // The sentence below still says what happened; the shell reloads on the next step.
    }
    if (!last?.type || !last.at) return shown.message;
    const who = last.by ? `${last.by} (${roleLabel(last.role ?? null)})` : roleLabel(last.role ?? null);
    return msg(str`Someone acted first: ${who} — ${eventLabel(last.type as StaffRequest['events'][number]['type'])}, ${formatDate(last.at, true)}. Nothing was sent.`);
  }
}

define('cd-action-panel', CdActionPanel);

declare global {
  interface HTMLElementTagNameMap {
    'cd-action-panel': CdActionPanel;
  }
}
