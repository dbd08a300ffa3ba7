import { html, type PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import { isApiError, type StaffClient, type StaffRequest, type Unit } from '@citizen-counter/sdk';
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

/** What the citizen is told, per action; the refer and return steps tell them nothing by SMS. */
function citizenHears(action: DeskAction): boolean {
  return action !== 'refer' && action !== 'return';
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
    letterNumber: { state: true },
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
  private letterNumber = '';
  #file: File | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('action') || changed.has('request')) {
      if (changed.has('action') || changed.get('request')?.id !== this.request.id) this.#reset();
    }
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('textarea, input, select')?.focus();
  }

  #reset(): void {
    this.confirming = false;
    this.error = '';
    this.text = '';
    this.letterNumber = '';
    this.unitId = this.units.find((unit) => unit.id !== this.request.currentUnit?.id)?.id ?? '';
    this.#file = null;
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
          <input id="number" dir="auto" maxlength="100" .value=${this.letterNumber} placeholder=${msg('Next number of the register')}
            @input=${(e: Event) => (this.letterNumber = (e.target as HTMLInputElement).value)} />
          <p class="hint">${msg('Leave empty to take the next number of the letter register.')}</p>
        </div>`;
      case 'reject':
        return textField(msg('Reason (the citizen reads it)'), true);
      case 'refer':
        return html`<div class="field">
            <label for="unit">${msg('To unit')} *</label>
            <select id="unit" @change=${(e: Event) => (this.unitId = (e.target as HTMLSelectElement).value)}>
              ${this.units.map((unit) => html`<option value=${unit.id} ?selected=${unit.id === this.unitId}>${localized(unit.name)}</option>`)}
            </select>
          </div>
          ${textField(msg('Internal note (staff only)'), false)}`;
      case 'documents':
        return textField(msg('What is missing (the citizen reads it)'), true);
      case 'reply':
        return html`${textField(msg('Reply text'), false)}
          <div class="field">
            <label for="file">${msg('Reply file')}</label>
            <input id="file" type="file" @change=${(e: Event) => (this.#file = (e.target as HTMLInputElement).files?.[0] ?? null)} />
          </div>`;
      case 'return':
        return textField(msg('Internal note (staff only)'), false);
    }
  }

  #confirmation() {
    const unit = this.units.find((u) => u.id === this.unitId);
    const what = {
      approve: this.letterNumber ? msg(str`Approve with letter number ${digits(this.letterNumber)}.`) : msg('Approve with the next number of the register.'),
      reject: msg('Reject the request.'),
      refer: msg(str`Refer the request to ${unit ? localized(unit.name) : ''}.`),
      documents: msg('Ask the citizen for more documents; the due date waits until they answer.'),
      reply: msg('Send the reply to the citizen.'),
      return: msg('Send the request back to the secretariat.'),
    }[this.action];
    const told = this.#toldCitizen();
    return html`<p>${what}</p>
      ${citizenHears(this.action)
        ? html`<div class="sms" role="group" aria-label=${msg('What the citizen is told')}>
            <p class="label">${msg('The citizen gets an SMS and sees this in their request:')}</p>
            <p class="said">${told || msg('(the status and the letter number)')}</p>
          </div>`
        : html`<p class="hint">${msg('The citizen sees the step in their timeline, never the internal note.')}</p>`}`;
  }

  /** The words of this action the citizen will read. */
  #toldCitizen(): string {
    if (this.action === 'reject' || this.action === 'documents' || this.action === 'reply') return this.text.trim();
    return this.letterNumber ? digits(this.letterNumber) : '';
  }

  #problem(): string {
    if ((this.action === 'reject' || this.action === 'documents') && !this.text.trim()) return msg('Write the text the citizen will read.');
    if (this.action === 'refer' && !this.unitId) return msg('Choose a unit.');
    if (this.action === 'reply' && !this.text.trim() && !this.#file) return msg('Write a reply or attach a file.');
    return '';
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    this.error = this.#problem();
    if (this.error) return;
    if (!this.confirming) {
      this.confirming = true;
      return;
    }
    this.busy = true;
    try {
      deskNotify(this, 'request-changed', { request: await this.#send(), action: this.action });
    } catch (error) {
      this.error = await this.#explain(error);
    } finally {
      this.busy = false;
    }
  }

  #send(): Promise<StaffRequest> {
    const { client } = this;
    const { id, version } = this.request;
    const text = this.text.trim();
    switch (this.action) {
      case 'approve':
        return client.approve(id, this.letterNumber.trim() ? { version, letterNumber: this.letterNumber.trim() } : { version });
      case 'reject':
        return client.reject(id, { version, reason: text });
      case 'refer':
        return client.refer(id, text ? { version, unitId: this.unitId, note: text } : { version, unitId: this.unitId });
      case 'documents':
        return client.requestDocuments(id, { version, message: text });
      case 'reply':
        return client.reply(id, { version, ...(text ? { text } : {}), ...(this.#file ? { file: this.#file } : {}) });
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
