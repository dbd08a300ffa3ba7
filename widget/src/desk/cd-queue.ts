import { html } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg } from '@lit/localize';
import type { StaffClient, StaffIdentity, StaffListQuery, StaffQueueCounts, StaffRequest, Unit } from '@citizen-counter/sdk';
import { digits, formatDate, localized } from '../format.js';
import { statusLabel } from '../labels.js';

import { sharedStyles, statusStyles } from '../shared.styles.js';
import { define, ViewElement } from '../view-element.js';
import { deskNotify } from './desk-events.js';
import type { CdDateField } from './cd-date-field.js';
import { queueStyles } from './cd-queue.styles.js';
import './cd-date-field.js';

/** The queue's saved views (tabs). */
export type QueueView = 'new' | 'mine' | 'documents' | 'overdue' | 'due_today' | 'approved' | 'rejected' | 'all';

/** What each view asks the API for. */
const viewQuery: Record<QueueView, StaffListQuery> = {
  new: { status: 'under_review' },
  mine: { queue: 'open' },
  documents: { status: 'needs_documents' },
  overdue: { queue: 'overdue' },
  due_today: { queue: 'due_today' },
  approved: { status: 'approved' },
  rejected: { status: 'rejected' },
  all: {},
};

/**
 * The instant a day (`YYYY-MM-DD`) begins, `plusDays` later, where the desk is used: the list
 * shows its dates in that time zone, so the filters count days there too (a bare date would be
 * midnight UTC, three and a half hours off Tehran's).
 */
function dayStart(iso: string, plusDays = 0): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day + plusDays).toISOString();
}

/** How many requests a view holds, from the queue counts (the filters aside). */
function viewCount(view: QueueView, counts: StaffQueueCounts): number {
  const { byStatus, queues } = counts;
  switch (view) {
    case 'new':
      return byStatus.under_review;
    case 'mine':
      return queues.open;
    case 'documents':
      return byStatus.needs_documents;
    case 'overdue':
      return queues.overdue;
    case 'due_today':
      return queues.due_today;
    case 'approved':
      return byStatus.approved;
    case 'rejected':
      return byStatus.rejected;
    case 'all':
      return byStatus.under_review + byStatus.needs_documents + byStatus.approved + byStatus.rejected;
  }
}

function viewLabel(view: QueueView): string {
  switch (view) {
    case 'new':
      return msg('New');
    case 'mine':
      return msg('At my units');
    case 'documents':
      return msg('Awaiting documents');
    case 'overdue':
      return msg('Overdue');
    case 'due_today':
      return msg('Due today');
    case 'approved':
      return msg('Approved');
    case 'rejected':
      return msg('Rejected');
    case 'all':
      return msg('All');
  }
}

/**
 * The queue (کارتابل): saved views as tabs, filters (unit, dates, text), the requests of the view
 * newest first with "load more", the open one marked. Fires `open-request` to the desk shell; the
 * shell moves through it with {@link CdQueue.step}.
 *
 * @tag cd-queue
 */
export class CdQueue extends ViewElement {
  static override properties = {
    client: { attribute: false },
    who: { attribute: false },
    units: { attribute: false },
    selectedId: { attribute: false },
    view: { state: true },
    items: { state: true },
    nextCursor: { state: true },
    loading: { state: true },
    error: { state: true },
    unitId: { state: true },
    from: { state: true },
    to: { state: true },
    q: { state: true },
    counts: { state: true },
  };

  static override styles = [sharedStyles, statusStyles, queueStyles];

  client!: StaffClient;
  who!: StaffIdentity;
  units: Unit[] = [];
  /** The request open in the request pane. */
  selectedId = '';

  private view: QueueView = 'new';
  private items: StaffRequest[] = [];
  private nextCursor: string | null = null;
  private loading = false;
  private error = '';
  private unitId = '';
  private from = '';
  private to = '';
  private q = '';
  private counts: StaffQueueCounts | null = null;
  #generation = 0;

  /** The views this person has: a unit's staff see their units' work, the secretariat the new arrivals. */
  get views(): QueueView[] {
    const first: QueueView = this.who.role === 'handler' ? 'mine' : 'new';
    return [first, 'documents', 'overdue', 'due_today', 'approved', 'rejected', 'all'];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('who') && this.who) {
      this.view = this.views[0]!;
      void this.reload();
    }
  }

  /** Loads the first page of the current view and filters again, and the counts. */
  async reload(): Promise<void> {
    await Promise.all([this.#load(false), this.#count()]);
  }

  /** Puts a changed request in place and counts again. */
  replace(request: StaffRequest): void {
    this.items = this.items.map((item) => (item.id === request.id ? request : item));
    void this.#count();
  }

  async #count(): Promise<void> {
    try {
      this.counts = await this.client.counts();
    } catch {
      // The views work without their counts; the list shows its own failure.
    }
  }

  /**
   * Opens the request `delta` places from the open one (1 next, -1 previous); answers whether
   * there was one. With none open, the first.
   */
  step(delta: number): boolean {
    const index = this.items.findIndex((item) => item.id === this.selectedId);
    const next = this.items[index === -1 ? 0 : index + delta];
    if (!next) return false;
    deskNotify(this, 'open-request', next.id);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-id="${next.id}"]`)?.scrollIntoView({ block: 'nearest' }));
    return true;
  }

  /** Moves focus to the text search (the `/` shortcut). */
  focusSearch(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#q')?.focus();
  }

  async #load(more: boolean): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    this.error = '';
    const query: StaffListQuery = { ...viewQuery[this.view] };
    if (this.unitId) query.unitId = this.unitId;
    if (this.from) query.from = dayStart(this.from);
    // The API's `to` is exclusive; the day picked as "To" is included.
    if (this.to) query.to = dayStart(this.to, 1);
    if (this.q.trim()) query.q = this.q.trim();
    if (more && this.nextCursor) query.cursor = this.nextCursor;
    try {
      const page = await this.client.listRequests(query);
      if (generation !== this.#generation) return;
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (generation === this.#generation) this.error = this.report(error).message;
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  #show(view: QueueView): void {
    this.view = view;
    void this.#load(false);
  }

  override render() {
    return html`
      <nav class="views" aria-label=${msg('Queues')}>
        ${this.views.map((view) => html`<button type="button" part="tab" class="view" aria-pressed=${this.view === view ? 'true' : 'false'}
          @click=${() => this.#show(view)}>${viewLabel(view)}${this.counts ? html` <span class="count">${digits(viewCount(view, this.counts))}</span>` : ''}</button>`)}
      </nav>
      <form class="filters" role="search" novalidate @submit=${this.#filter}>
        <div class="field q">
          <label for="q">${msg('Search')}</label>
          <div class="row">
            <input id="q" part="input" type="search" autocomplete="off" .value=${this.q}
              placeholder=${msg('Subject, name, tracking code, letter number or phone')}
              @input=${(e: Event) => (this.q = (e.target as HTMLInputElement).value)} />
            <button type="submit" part="button">${msg('Search')}</button>
          </div>
        </div>
        <div class="field unit">
          <label for="unit">${msg('Unit')}</label>
          <select id="unit" part="input" @change=${(e: Event) => this.#set('unitId', e)}>
            <option value="" ?selected=${!this.unitId}>${msg('All units')}</option>
            ${this.units.map((unit) => html`<option value=${unit.id} ?selected=${this.unitId === unit.id}>${localized(unit.name)}</option>`)}
          </select>
        </div>
        <cd-date-field id="from" exportparts="input" .label=${msg('From')} .value=${this.from} @change=${(e: Event) => this.#set('from', e)}></cd-date-field>
        <cd-date-field id="to" exportparts="input" .label=${msg('To')} .value=${this.to} @change=${(e: Event) => this.#set('to', e)}></cd-date-field>
      </form>
      <p class="status" role="status">${this.loading ? msg('Loading…') : this.items.length === 0 && !this.error ? msg('Nothing here.') : ''}</p>
      <p class="error" role="alert">${this.error}</p>
      <ol class="list" aria-label=${viewLabel(this.view)}>
        ${this.items.map((r) => this.#item(r))}
      </ol>
      ${this.nextCursor ? html`<button type="button" part="button" class="more" ?disabled=${this.loading} @click=${() => this.#load(true)}>${msg('Load more')}</button>` : ''}
    `;
  }

  #item(r: StaffRequest) {
    const at = r.currentUnit ? localized(r.currentUnit.name) : msg('Secretariat');
    return html`<li>
      <button type="button" class="item ${r.status}" data-id=${r.id} aria-current=${r.id === this.selectedId ? 'true' : 'false'}
        @click=${() => deskNotify(this, 'open-request', r.id)}>
        <span class="top">
          <span class="code">${digits(r.trackingCode)}</span>
          <span class="badge ${r.status}">${statusLabel(r.status)}</span>
          ${r.overdue ? html`<span class="overdue">${msg('Overdue')}</span>` : ''}
          ${r.appealedAt ? html`<span class="appeal" part="appeal-badge">${msg('Appeal')}</span>` : ''}
        </span>
        <span class="subject">${r.subject}</span>
        <span class="meta">${r.fullName} · ${at} · ${formatDate(r.createdAt)}${r.reply ? html` · <span class="replied">${msg('Replied')}</span>` : ''}</span>
      </button>
    </li>`;
  }

  #set(field: 'unitId' | 'from' | 'to', event: Event): void {
    this[field] = (event.target as HTMLSelectElement | CdDateField).value;
    void this.#load(false);
  }

  #filter(event: Event): void {
    event.preventDefault();
    // A date still being typed is taken now; one that is not a date stops the search, its field says why.
    const wrong = [...this.renderRoot.querySelectorAll('cd-date-field')].find((field) => !field.commit());
    if (wrong) wrong.focus();
    else void this.#load(false);
  }
}

define('cd-queue', CdQueue);

declare global {
  interface HTMLElementTagNameMap {
    'cd-queue': CdQueue;
  }
}
