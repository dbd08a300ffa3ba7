import { html, nothing } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import type { FileInfo, Note, StaffClient, StaffIdentity, StaffRequest, StaffRequestEvent, Unit } from '@citizen-counter/sdk';
import { digits, displayPhone, formatBytes, formatDate, localized, saveFile } from '../format.js';
import { eventLabel, statusLabel } from '../labels.js';

import { sharedStyles, statusStyles } from '../shared.styles.js';
import { define, ViewElement } from '../view-element.js';
import { actionLabel, type DeskAction } from './cd-action-panel.js';
import { deskNotify, type DeskEvents } from './desk-events.js';
import { actorLabel } from './desk-labels.js';
import { requestPaneStyles } from './cd-request.styles.js';
import './cd-action-panel.js';

/** Files the pane shows inline; anything else is only downloaded. */
const previewable = /^(image\/(png|jpeg|gif|webp)|application\/pdf)$/;

/**
 * One request as the clerk works it: the citizen's fields, the body file previewed (an image in an
 * `<img>`, a PDF in a frame, both from a blob typed by the service's own sniffing: never a document
 * that can run script in the desk's origin — the frame is the browser's PDF viewer; it is not
 * sandboxed, since browsers refuse to open their viewer in a sandboxed frame),
 * the timeline with who did each step, internal notes, and the actions the clerk's role allows.
 *
 * @tag cd-request
 */
export class CdRequest extends ViewElement {
  static override properties = {
    client: { attribute: false },
    who: { attribute: false },
    units: { attribute: false },
    requestId: { attribute: false },
    request: { state: true },
    notes: { state: true },
    error: { state: true },
    action: { state: true },
    preview: { state: true },
    noteText: { state: true },
  };

  static override styles = [sharedStyles, statusStyles, requestPaneStyles];

  client!: StaffClient;
  who!: StaffIdentity;
  units: Unit[] = [];
  requestId = '';

  private request: StaffRequest | null = null;
  private notes: Note[] = [];
  private error = '';
  private action: DeskAction | null = null;
  private preview: { url: string; type: string } | null = null;
  private noteText = '';
  #generation = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requestId') && this.requestId) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#dropPreview();
  }

  /**
   * Shows a fresh copy of the open request: after this clerk's action (the form closes) or after
   * someone else's (the form stays, with its explanation, on the new version).
   */
  show(request: StaffRequest, acted: boolean): void {
    if (request.id !== this.requestId) return;
    this.request = request;
    if (acted) this.action = null;
    void this.#loadNotes(++this.#generation);
  }

  /** The actions this clerk may take on this request now, in the order of the action bar. */
  get actions(): DeskAction[] {
    const r = this.request;
    if (!r) return [];
    const open = r.status === 'under_review' || r.status === 'needs_documents';
    const handler = this.who.role === 'handler';
    const all: [DeskAction, boolean][] = [
      ['approve', open && !handler],
      ['reject', open && !handler],
      ['refer', open && !handler],
      ['documents', r.status === 'under_review'],
      ['return', open && handler && r.currentUnit !== null],
      ['reply', true],
    ];
    return all.filter(([, allowed]) => allowed).map(([action]) => action);
  }

  /** Opens an action's form if this clerk may take it (keyboard shortcuts); answers whether it did. */
  open(action: DeskAction | 'note'): boolean {
    if (action === 'note') {
      this.renderRoot.querySelector<HTMLTextAreaElement>('#note')?.focus();
      return Boolean(this.request);
    }
    if (!this.actions.includes(action)) return false;
    this.action = action;
    return true;
  }

  async #load(): Promise<void> {
    const generation = ++this.#generation;
    this.request = null;
    this.notes = [];
    this.error = '';
    this.action = null;
    this.#dropPreview();
    try {
      const request = await this.client.getRequest(this.requestId);
      if (generation !== this.#generation) return;
      this.request = request;
      await Promise.all([this.#loadNotes(generation), this.#loadPreview(generation, request)]);
    } catch (error) {
      if (generation === this.#generation) this.error = this.report(error).message;
    }
  }

  async #loadNotes(generation: number): Promise<void> {
    const notes = await this.client.listNotes(this.requestId);
    if (generation === this.#generation) this.notes = notes;
  }

  async #loadPreview(generation: number, request: StaffRequest): Promise<void> {
    if (!previewable.test(request.bodyFile.type) || request.bodyFile.removedAt) return;
    const file = await this.client.downloadFile(request.id, request.bodyFile.id);
    if (generation !== this.#generation) return;
    // The blob is typed by the service's own sniffed content type, never by the upload's name.
    this.preview = { url: URL.createObjectURL(new Blob([file.blob], { type: request.bodyFile.type })), type: request.bodyFile.type };
  }

  #dropPreview(): void {
    if (this.preview) URL.revokeObjectURL(this.preview.url);
    this.preview = null;
  }

  override render() {
    const r = this.request;
    if (!r) return html`<p class="status" role="status">${this.error ? '' : msg('Loading…')}</p><p class="error" role="alert">${this.error}</p>`;
    return html`
      <div class="title">
        <h3 data-heading tabindex="-1">${r.subject}</h3>
        <span class="badge ${r.status}">${statusLabel(r.status)}</span>
        ${r.overdue ? html`<span class="overdue">${msg('Overdue')}</span>` : nothing}
        ${r.appealedAt ? html`<span class="appeal" part="appeal-badge">${msg('Appeal')}</span>` : nothing}
      </div>
      <p class="error" role="alert">${this.error}</p>
      <div class="bar" role="toolbar" aria-label=${msg('Actions')}>
        ${this.actions.map((action) => html`<button type="button" class=${action === 'approve' ? 'primary' : ''}
          aria-pressed=${this.action === action ? 'true' : 'false'} @click=${() => (this.action = action)}>${actionLabel(action)}</button>`)}
      </div>
      ${this.action ? html`<cd-action-panel .client=${this.client} .request=${r} .units=${this.units} .action=${this.action}
        @close=${() => (this.action = null)} @request-changed=${this.#relay}></cd-action-panel>` : nothing}
      <div class="columns">
        <section aria-labelledby="facts-title" class="facts">
          <h4 id="facts-title">${msg('Request')}</h4>
          ${this.#facts(r)}
        </section>
        <section aria-labelledby="file-title" class="file">
          <h4 id="file-title">${msg('Body file')}</h4>
          ${this.#fileButton(r.bodyFile)}
          ${this.preview ? this.#previewFrame(this.preview, r.bodyFile) : nothing}
        </section>
      </div>
      ${r.reply ? html`<section aria-labelledby="reply-title" class="box">
        <h4 id="reply-title">${msg('Reply')}</h4>
        ${r.reply.text ? html`<p class="pre">${r.reply.text}</p>` : nothing}
        ${r.reply.file ? this.#fileButton(r.reply.file) : nothing}
      </section>` : nothing}
      <section aria-labelledby="timeline-title">
        <h4 id="timeline-title">${msg('Timeline')}</h4>
        <ol class="timeline">${r.events.map((event) => this.#event(event))}</ol>
      </section>
      <section aria-labelledby="notes-title" class="notes">
        <h4 id="notes-title">${msg('Internal notes')}</h4>
        <p class="hint">${msg('Staff only: never shown or sent to the citizen.')}</p>
        <ol>${this.notes.map((note) => html`<li><p class="pre">${note.text}</p>
          <p class="when">${actorLabel(note.author)} · ${formatDate(note.createdAt, true)}</p></li>`)}</ol>
        <form novalidate @submit=${this.#addNote}>
          <label for="note">${msg('Add a note')}</label>
          <textarea id="note" rows="2" maxlength="2000" .value=${this.noteText} @input=${(e: Event) => (this.noteText = (e.target as HTMLTextAreaElement).value)}></textarea>
          <button type="submit" ?disabled=${!this.noteText.trim()}>${msg('Save note')}</button>
        </form>
      </section>
    `;
  }

  #facts(r: StaffRequest) {
    return html`<dl>
      <dt>${msg('Tracking code')}</dt><dd>${digits(r.trackingCode)}</dd>
      <dt>${msg('Full name')}</dt><dd>${r.fullName}</dd>
      <dt>${msg('Mobile number')}</dt><dd>${displayPhone(r.citizenPhone)}</dd>
      <dt>${msg('Date sent')}</dt><dd>${formatDate(r.createdAt, true)}</dd>
      <dt>${msg('Addressed organizational unit')}</dt><dd>${localized(r.unit.name)}</dd>
      <dt>${msg('Now at')}</dt><dd>${r.currentUnit ? localized(r.currentUnit.name) : msg('Secretariat')}${r.assignee ? ` — ${r.assignee.name}` : ''}</dd>
      ${r.dueDate ? html`<dt>${msg('Due')}</dt><dd class=${r.overdue ? 'overdue' : ''}>${formatDate(`${r.dueDate}T12:00:00Z`)}</dd>` : nothing}
      ${r.letterNumber ? html`<dt>${msg('Letter number')}</dt><dd>${digits(r.letterNumber)}</dd>` : nothing}
      ${r.letterDate ? html`<dt>${msg('Letter date')}</dt><dd>${formatDate(r.letterDate)}</dd>` : nothing}
      ${r.rejectionReason ? html`<dt>${msg('Reason')}</dt><dd>${r.rejectionReason}</dd>` : nothing}
      ${r.replyLetterNumber ? html`<dt>${msg('Outgoing number')}</dt><dd>${digits(r.replyLetterNumber)}</dd>` : nothing}
    </dl>`;
  }

  #previewFrame(preview: { url: string; type: string }, file: FileInfo) {
    return preview.type === 'application/pdf'
      ? html`<iframe class="preview" title=${msg(str`Preview of ${file.name}`)} src=${preview.url}></iframe>`
      : html`<img class="preview" alt=${msg(str`Preview of ${file.name}`)} src=${preview.url} />`;
  }

  #event(event: StaffRequestEvent) {
    return html`<li>
      <strong>${eventLabel(event.type)}</strong>${event.unit ? html` — ${localized(event.unit.name)}` : nothing}
      <span class="when">${actorLabel(event.actor)} · ${formatDate(event.at, true)}</span>
      ${event.note && event.type !== 'submitted' ? html`<p class="pre">${event.type === 'approved' ? digits(event.note) : event.note}</p>` : nothing}
      ${event.file ? this.#fileButton(event.file) : nothing}
    </li>`;
  }

  /** A file's download, or, once its content was removed, its name and when. */
  #fileButton(file: FileInfo) {
    if (file.removedAt) return html`<p class="when"><bdi>${file.name}</bdi>: ${msg(str`removed on ${formatDate(file.removedAt)}`)}</p>`;
    return html`<button type="button" class="file-button" @click=${() => this.#download(file)}>
      ${msg('Download')} <span class="when"><bdi>${file.name}</bdi> (${formatBytes(file.size)})</span></button>`;
  }

  /** The panel's news goes on to the desk shell: its event stops at this element's shadow root. */
  readonly #relay = (event: CustomEvent<DeskEvents['request-changed']>) => {
    event.stopPropagation();
    deskNotify(this, 'request-changed', event.detail);
  };

  async #download(file: FileInfo): Promise<void> {
    try {
      saveFile(await this.client.downloadFile(this.requestId, file.id));
    } catch (error) {
      this.error = this.report(error).message;
    }
  }

  async #addNote(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.noteText.trim();
    if (!text) return;
    try {
      const note = await this.client.addNote(this.requestId, text);
      this.notes = [...this.notes, note];
      this.noteText = '';
    } catch (error) {
      this.error = this.report(error).message;
    }
  }
}

define('cd-request', CdRequest);

declare global {
  interface HTMLElementTagNameMap {
    'cd-request': CdRequest;
  }
}
