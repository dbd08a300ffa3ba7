import { html, nothing } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg } from '@lit/localize';
import type { OrgProfile, OtpRequestResult, StaffIdentity, StaffRequest, StaffSession, Unit } from '@citizen-counter/sdk';
import { emit, listen } from '../events.js';
import { localized } from '../format.js';
import { applyLocale } from '../localization.js';
import { sharedStyles } from '../shared.styles.js';
import { define, ViewElement } from '../view-element.js';
import '../cc-login-view.js';
import '../cc-code-view.js';
import { type CdQueue } from './cd-queue.js';
import { type CdRequest } from './cd-request.js';
import type { DeskAction } from './cd-action-panel.js';
import type { DeskShellEvents } from './desk-events.js';
import { roleLabel } from './desk-labels.js';
import { DeskSession } from './desk-session.js';
import { deskStyles } from './counter-desk.styles.js';
import './cd-admin.js';
import './cd-queue.js';
import './cd-request.js';

type View = 'loading' | 'unavailable' | 'login' | 'code' | 'desk';

/** The service origin: the one this script was loaded from. */
const scriptOrigin = new URL(import.meta.url).origin;

/** Keyboard shortcuts: the key, what it does, and (for actions) the action it opens. */
const shortcuts: [key: string, action: DeskAction | 'next' | 'previous' | 'open' | 'note' | 'search' | 'help'][] = [
  ['j', 'next'],
  ['k', 'previous'],
  ['o', 'open'],
  ['a', 'approve'],
  ['r', 'reject'],
  ['f', 'refer'],
  ['d', 'documents'],
  ['y', 'reply'],
  ['n', 'note'],
  ['/', 'search'],
  ['?', 'help'],
];

/**
 * The organization's desk (میز کار دبیرخانه): staff log in with their mobile number and an SMS
 * code, work the queue (new, at my units, awaiting documents, overdue, due today, approved,
 * rejected) and each request — approve with a number from the letter register, reject, refer,
 * ask for documents, reply, keep internal notes — from the keyboard as well as the mouse.
 *
 * @tag counter-desk
 * @summary The secretariat's and units' inbox of an organization's citizen counter, Persian first.
 *
 * @attr org - The organization id (required), e.g. `demo`.
 * @attr api - The service origin. Defaults to the origin the script was loaded from.
 * @attr locale - `fa` or `en`. Defaults to the organization's default locale. The locale is page-wide.
 *
 * @event {CustomEvent<{ id: string; role: string }>} cd-login - A staff member logged in.
 * @event {CustomEvent<Record<string, never>>} cd-logout - They logged out.
 * @event {CustomEvent<{ id: string; action: string; status: string }>} cd-action - A request was changed from the desk.
 * @event {CustomEvent<{ code: string }>} cc-error - A call failed: an API error code or `network_error`.
 *
 * @csspart base - The outer frame.
 * @csspart header - The header band.
 * @csspart queue - The queue pane.
 * @csspart request - The request pane.
 * @csspart input - Inputs of the login views.
 * @csspart button - Buttons of the login views.
 * @csspart button-primary - The main button of the login views.
 * @csspart error - Error messages of the login views.
 * @csspart captcha-image - The security code image (orgs that chose `image`).
 *
 * @cssproperty --cc-primary - Main colour. Default `#1a56a4`.
 * @cssproperty --cc-primary-ink - Text on the main colour. Default `#ffffff`.
 * @cssproperty --cc-ink - Text colour. Default `#1f2937`.
 * @cssproperty --cc-muted - Secondary text. Default `#4b5563`.
 * @cssproperty --cc-surface - Background. Default `#ffffff`.
 * @cssproperty --cc-subtle - Background of boxes. Default `#f3f5f8`.
 * @cssproperty --cc-border - Borders. Default `#c9d1dc`.
 * @cssproperty --cc-danger - Error text. Default `#b42318`.
 * @cssproperty --cc-focus - Focus ring. Default `#f59e0b`.
 * @cssproperty --cc-radius - Corner radius. Default `8px`.
 * @cssproperty --cc-font-family - Font stack. Default `Vazirmatn, Tahoma, system-ui, …`.
 * @cssproperty --cc-status-review - Under review (blue). Default `#1d4ed8`.
 * @cssproperty --cc-status-rejected - Rejected (red). Default `#b42318`.
 * @cssproperty --cc-status-approved - Approved (green). Default `#15803d`.
 * @cssproperty --cc-status-documents - Awaiting documents (amber). Default `#b45309`.
 */
export class CounterDesk extends ViewElement {
  static override properties = {
    org: { reflect: true },
    api: {},
    locale: {},
    view: { state: true },
    notice: { state: true },
    phone: { state: true },
    profile: { state: true },
    otp: { state: true },
    me: { state: true },
    units: { state: true },
    openId: { state: true },
    loadError: { state: true },
    page: { state: true },
  };

  static override styles = [sharedStyles, deskStyles];

  /** The organization id. */
  org = '';
  /** The service origin; defaults to where the script came from. */
  api = scriptOrigin;
  /** `fa` or `en`; when absent, the organization's default locale. */
  locale: string | null = null;

  private view: View = 'loading';
  private notice = '';
  private phone = '';
  private profile: OrgProfile | null = null;
  private otp: OtpRequestResult | null = null;
  private me: StaffIdentity | null = null;
  private units: Unit[] = [];
  private openId = '';
  private loadError = '';
  /** The queue, or (admins) the administration. */
  private page: 'queue' | 'admin' = 'queue';
  #session = new DeskSession(this, () => this.#toLogin(msg('Your login has expired. Please log in again.')));
  #generation = 0;
  /** Shortcuts work wherever focus is on the page (a clerk's page is the desk), except while typing. */
  readonly #onKey = (event: KeyboardEvent) => this.#key(event);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.#onKey);
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    listen<DeskShellEvents>(root, {
      'otp-sent': ({ phone, otp }) => {
        this.phone = phone;
        this.otp = otp;
        this.notice = '';
        this.view = 'code';
      },
      'change-phone': (why) => this.#toLogin(why ?? ''),
      'logged-in': (session) => {
        if ('staff' in session) void this.#loggedIn(session);
      },
      'open-request': (id) => (this.openId = id),
      'request-changed': ({ request, action }) => this.#changed(request, action),
    });
    return root;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('org') || changed.has('api')) void this.#connect();
    if (changed.has('locale')) this.#applyLocale();
  }

  #applyLocale(): void {
    applyLocale(this, this.locale, this.profile?.defaultLocale);
  }

  async #connect(): Promise<void> {
    const generation = ++this.#generation;
    const kept = this.#session.connect(this.api.replace(/\/+$/, ''), this.org);
    this.view = 'loading';
    try {
      const profile = await this.#session.client.getProfile();
      if (generation !== this.#generation) return;
      this.profile = profile;
      this.#applyLocale();
      if (kept) await this.#start(kept);
      else this.view = 'login';
    } catch (error) {
      if (generation !== this.#generation) return;
      this.view = 'unavailable';
      this.loadError = this.report(error).message;
    }
  }

  async #loggedIn(session: StaffSession): Promise<void> {
    emit(this, 'cd-login', { id: session.staff.id, role: session.staff.role });
    await this.#start(session);
  }

  /** Starts a session: who is this (role and units, which may have changed since), the units, then the desk. */
  async #start(session: StaffSession): Promise<void> {
    this.#session.start(session);
    try {
      const [me, units] = await Promise.all([this.#session.client.me(), this.#session.client.listUnits()]);
      this.me = me;
      this.units = units;
      this.notice = '';
      this.view = 'desk';
    } catch (error) {
      // An expired kept session lands here: the session controller already sent the desk to login.
      if (this.view !== 'login') this.#toLogin(this.report(error).message);
    }
  }

  #toLogin(notice: string): void {
    this.notice = notice;
    this.me = null;
    this.openId = '';
    this.page = 'queue';
    this.view = 'login';
  }

  async #logout(): Promise<void> {
    await this.#session.logout();
    emit(this, 'cd-logout', {});
    this.#toLogin(msg('You have logged out.'));
  }

  get #queue(): CdQueue | null {
    return this.renderRoot.querySelector('cd-queue');
  }

  get #pane(): CdRequest | null {
    return this.renderRoot.querySelector('cd-request');
  }

  /** After an action: the queue shows the new state and the next request opens; after a stale try, the fresh one stays. */
  #changed(request: StaffRequest, action: string | undefined): void {
    this.#queue?.replace(request);
    if (!action) {
      this.#pane?.show(request, false);
      return;
    }
    emit(this, 'cd-action', { id: request.id, action, status: request.status });
    // The next one down, or at the end of the list the one above: the clerk keeps working.
    if (!this.#queue?.step(1) && !this.#queue?.step(-1)) this.#pane?.show(request, true);
  }

  #key(event: KeyboardEvent): void {
    if (this.view !== 'desk' || this.page !== 'queue' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if (event.key === 'Escape') {
      this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
      return;
    }
    if (target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable)) return;
    const command = shortcuts.find(([key]) => key === event.key)?.[1];
    if (!command) return;
    event.preventDefault();
    const queue = this.#queue;
    const pane = this.#pane;
    switch (command) {
      case 'next':
        queue?.step(1);
        return;
      case 'previous':
        queue?.step(-1);
        return;
      case 'open':
        void pane?.focusHeading();
        return;
      case 'search':
        queue?.focusSearch();
        return;
      case 'help':
        this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.showModal();
        return;
      default:
        pane?.open(command);
    }
  }

  override render() {
    return html`
      <div class="frame" part="base">
        <div class="head" part="header">
          <div>
            <p class="service">${msg('Desk')}</p>
            <h2>${this.profile ? localized(this.profile.name) : msg('Desk')}</h2>
          </div>
          ${this.me ? html`<div class="who">
            <span>${this.me.name} · ${roleLabel(this.me.role)}</span>
            ${this.me.role === 'admin' ? html`<button type="button" aria-pressed=${this.page === 'admin' ? 'true' : 'false'}
              @click=${() => (this.page = this.page === 'admin' ? 'queue' : 'admin')}>${this.page === 'admin' ? msg('Queue') : msg('Administration')}</button>` : nothing}
            <button type="button" @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.showModal()}
              aria-keyshortcuts="?">${msg('Shortcuts')}</button>
            <button type="button" @click=${this.#logout}>${msg('Log out')}</button>
          </div>` : nothing}
        </div>
        <p class="notice" role="status">${this.notice}</p>
        ${this.#body()}
      </div>
      ${this.#help()}
    `;
  }

  #body() {
    const client = this.#session.client;
    switch (this.view) {
      case 'loading':
        return html`<p class="pad" role="status">${msg('Loading…')}</p>`;
      case 'unavailable':
        return html`<div class="pad"><p class="error" role="alert">${this.loadError}</p>
          <button type="button" @click=${() => void this.#connect()}>${msg('Try again')}</button></div>`;
      case 'login':
        return html`<div class="pad narrow"><cc-login-view data-view exportparts="input, button, button-primary, error, captcha-image"
          .client=${client} .profile=${this.profile!} .phone=${this.phone} .heading=${msg('Staff login')}></cc-login-view></div>`;
      case 'code':
        return html`<div class="pad narrow"><cc-code-view data-view exportparts="input, button, button-primary, error"
          .client=${client} .profile=${this.profile!} .phone=${this.phone} .otp=${this.otp!}></cc-code-view></div>`;
      case 'desk':
        if (this.page === 'admin') return html`<div class="pad"><cd-admin .client=${client} .units=${this.units}></cd-admin></div>`;
        return html`<div class="desk ${this.openId ? 'has-open' : ''}">
          <div class="queue" part="queue">
            <cd-queue .client=${client} .who=${this.me!} .units=${this.units} .selectedId=${this.openId}></cd-queue>
          </div>
          <div class="request" part="request">
            ${this.openId
              ? html`<button type="button" class="back link" @click=${() => (this.openId = '')}>${msg('Back to the queue')}</button>
                  <cd-request .client=${client} .who=${this.me!} .units=${this.units} .requestId=${this.openId}></cd-request>`
              : html`<p class="empty">${msg('Choose a request from the queue, or press J.')}</p>`}
          </div>
        </div>`;
    }
  }

  #help() {
    const what: Record<(typeof shortcuts)[number][1], string> = {
      next: msg('Next request'),
      previous: msg('Previous request'),
      open: msg('Go to the open request'),
      approve: msg('Approve and register'),
      reject: msg('Reject'),
      refer: msg('Refer'),
      documents: msg('Ask for documents'),
      reply: msg('Reply'),
      return: msg('Return to the secretariat'),
      note: msg('Write a note'),
      search: msg('Search'),
      help: msg('This list'),
    };
    return html`<dialog aria-labelledby="help-title">
      <h2 id="help-title">${msg('Keyboard shortcuts')}</h2>
      <dl class="keys">${shortcuts.map(([key, command]) => html`<dt><kbd>${key}</kbd></dt><dd>${what[command]}</dd>`)}</dl>
      <form method="dialog"><button class="primary">${msg('Close')}</button></form>
    </dialog>`;
  }
}

define('counter-desk', CounterDesk);

declare global {
  interface HTMLElementTagNameMap {
    'counter-desk': CounterDesk;
  }
}
