import { html } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg } from '@lit/localize';
import { normalizeDigits, type CitizenRequest, type OrgProfile, type OtpRequestResult, type Session } from '@citizen-counter/sdk';
import { emit, listen, type CcView } from './events.js';
import { displayPhone, localized } from './format.js';
import { applyLocale, enterLocale } from './localization.js';
import type { Draft } from './session-store.js';
import { SessionController } from './session-controller.js';
import { sharedStyles } from './shared.styles.js';
import { shellStyles } from './citizen-counter.styles.js';
import { define, ViewElement } from './view-element.js';
import './cc-login-view.js';
import './cc-code-view.js';
import './cc-submit-view.js';
import './cc-receipt-view.js';
import './cc-requests-view.js';
import './cc-request-detail.js';

type View = 'loading' | 'unavailable' | 'login' | 'code' | 'home' | 'receipt' | 'detail';
type Tab = 'submit' | 'requests';

/** What {@link CitizenCounter.prefill} puts in the submit form; `unitId` is one of the org's units. */
export type PrefillValues = Partial<Draft>;

/** Parts of the inner views, re-exported so host pages can style them with `::part()`. */
const innerParts = 'input, button, button-primary, file-button, error, rules, receipt, card, status, status-under-review, status-needs-documents, status-rejected, status-approved, reply, documents, appeal, my-data, captcha-image';

/** The service origin: the one this script was loaded from. */
const scriptOrigin = new URL(import.meta.url).origin;

/**
 * The citizen counter (پیشخوان خدمت الکترونیک): log in with a mobile number and an SMS code, send a
 * request with one file, get a printable receipt and follow every request's status and reply.
 *
 * @tag citizen-counter
 * @summary An organization's e-service counter for citizens, in Persian (RTL, Jalali) and English.
 *
 * @attr org - The organization id (required), e.g. `demo`.
 * @attr api - The service origin. Defaults to the origin the script was loaded from.
 * @attr locale - `fa` or `en`. Defaults to the organization's default locale. Each counter on a page speaks its own.
 * @attr mode - `launcher`: a floating button that opens the counter in a modal dialog. Absent: the counter is shown in place.
 * @attr launcher-label - The launcher button's text. Default «پیشخوان خدمت الکترونیک» / "E-service counter".
 *
 * @event {CustomEvent<{ phone: string }>} cc-login - The citizen logged in; `phone` is E.164.
 * @event {CustomEvent<{ id: string; trackingCode: string }>} cc-submit - A request was registered.
 * @event {CustomEvent<Record<string, never>>} cc-logout - The citizen logged out.
 * @event {CustomEvent<{ code: string }>} cc-error - A call failed: an API error code or `network_error`.
 * @event {CustomEvent<Record<string, never>>} cc-ready - The organization's profile is loaded: the counter is usable.
 * @event {CustomEvent<{ view: 'loading' | 'unavailable' | 'login' | 'code' | 'submit' | 'requests' | 'receipt' | 'detail' }>} cc-view - The visible view changed.
 * @event {CustomEvent<{ count: number }>} cc-reply - The number of the citizen's requests (latest page) with a reply the citizen has not opened in this browser changed; sent after login when not zero.
 *
 * @slot launcher-label - The launcher button's content, instead of `launcher-label`.
 *
 * @csspart base - The outer frame.
 * @csspart launcher - The floating button of `mode="launcher"`.
 * @csspart dialog - The dialog the launcher opens.
 * @csspart close - The dialog's close button.
 * @csspart header - The header band with the organization's name.
 * @csspart title - The organization's name.
 * @csspart tabs - The submit / my requests tab list.
 * @csspart tab - Each tab.
 * @csspart input - Every text input and select.
 * @csspart button - Every button, and the file picker's button.
 * @csspart file-button - The body file picker's button (انتخاب فایل); the file input itself is transparent over it.
 * @csspart button-primary - The main action of each view.
 * @csspart error - Error messages.
 * @csspart rules - The upload rules box.
 * @csspart receipt - The receipt box.
 * @csspart card - A request in the list and in the detail view.
 * @csspart status - A status badge; also `status-under-review`, `status-needs-documents`, `status-rejected`, `status-approved`.
 * @csspart reply - The reply (جوابیه) section, and the reply marker on a request in the list.
 * @csspart documents - What the organization asked for and the form to send it (نقص مدارک).
 * @csspart captcha-image - The security code image (orgs that chose `image`).
 *
 * @cssproperty --cc-primary - Main colour (header, main buttons). Default `#1a56a4`.
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
 * @cssproperty --cc-font-size - Base font size. Default `1rem`.
 * @cssproperty --cc-max-width - Widest the counter grows. Default `48rem`.
 * @cssproperty --cc-min-height - Least height of the card, from its first paint (no layout shift when the login view arrives). Default `23rem`.
 * @cssproperty --cc-status-review - Under review (blue). Default `#1d4ed8`.
 * @cssproperty --cc-status-rejected - Rejected (red). Default `#b42318`.
 * @cssproperty --cc-status-approved - Approved (green). Default `#15803d`.
 * @cssproperty --cc-status-documents - Awaiting documents (amber). Default `#b45309`.
 * @cssproperty --cc-launcher-inset-block-end - The launcher's distance from the bottom of the window. Default `1rem`.
 * @cssproperty --cc-launcher-inset-inline-end - The launcher's distance from the window's end side (left in Persian). Default `1rem`.
 */
export class CitizenCounter extends ViewElement {
  static override properties = {
    org: { reflect: true },
    api: {},
    notice: { state: true },
    phone: { state: true },
    detailId: { state: true },
    loadError: { state: true },
    locale: {},
    mode: {},
    launcherLabel: { attribute: 'launcher-label' },
    fixed: { state: true },
    locked: { state: true },
    view: { state: true },
    tab: { state: true },
    profile: { state: true },
    otp: { state: true },
    receipt: { state: true },
  };

  static override styles = [sharedStyles, shellStyles];

  /** The organization id. */
  org = '';
  /** The service origin; defaults to where the script came from. */
  api = scriptOrigin;
  /** `fa` or `en`; when absent, the organization's default locale. */
  locale: string | null = null;
  /** `launcher` for a floating button that opens the counter in a dialog. */
  mode: string | null = null;
  /** The launcher button's text; the `launcher-label` slot wins. */
  launcherLabel: string | null = null;

  private view: View = 'loading';
  private tab: Tab = 'submit';
  private profile: OrgProfile | null = null;
  private notice = '';
  private phone = '';
  private otp: OtpRequestResult | null = null;
  private receipt: CitizenRequest | null = null;
  private detailId = '';
  private loadError = '';
  private fixed: PrefillValues = {};
  private locked = false;
  /** The login over time; when the server or the clock ends it, back to login, the draft kept. */
  #session = new SessionController(this, () => {
    enterLocale(this);
    this.#go('login', msg('Your login has expired. Please log in again.'));
  });
  #generation = 0;
  #focusNext = false;
  #shown = '';
  /** Ids of the latest listed requests that have a reply, and how many of them were unseen when last told. */
  #replied: string[] = [];
  #unseen = 0;

  /** Fills the submit form's name, subject and unit (now and after any login); `readOnly` locks the fields given. */
  prefill(values: PrefillValues, { readOnly = false } = {}): void {
    this.fixed = { ...values };
    this.locked = readOnly;
  }

  /** Logs the citizen out, when logged in. */
  async logout(): Promise<void> {
    if (this.#session.session) await this.#logout();
  }

  /** Back to the start, the form emptied (draft and prefill): the login view, or the landing when logged in. */
  reset(): void {
    this.fixed = {};
    this.locked = false;
    this.#session.store?.clearDraft();
    if (this.#session.session) void this.#land(true);
    else this.#go('login');
  }

  /** Shows the citizen's requests (logged in only); in launcher mode, opens the dialog. */
  showRequests(): void {
    this.#show('requests');
  }

  /** Shows the submit form (logged in only); in launcher mode, opens the dialog. */
  showSubmit(): void {
    this.#show('submit');
  }

  /**
   * Opens the detail of the citizen's request with this tracking code (Persian digits welcome);
   * otherwise says in the counter that none of the citizen's requests has it. Resolves to whether it opened.
   */
  async openRequest(trackingCode: string): Promise<boolean> {
    const found = this.#session.session
      ? await this.#session.client.findByTrackingCode(normalizeDigits(trackingCode).replace(/\D/g, '')).catch(() => null)
      : null;
    this.#reveal();
    enterLocale(this);
    if (found) this.#open(found.id);
    else this.#go(this.view, msg('None of your requests has this tracking code.'));
    return !!found;
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    // The views' events bubble up to this root and stop there.
    listen(root, {
      'otp-sent': ({ phone, otp }) => {
        this.phone = phone;
        this.otp = otp;
        this.#go('code');
      },
      'change-phone': (why) => this.#go('login', why),
      'logged-in': (session) => {
        if ('phone' in session) this.#loggedIn(session);
      },
      submitted: (request) => this.#submitted(request),
      'open-request': (id) => this.#open(id),
      'show-requests': () => this.#openTab('requests'),
      'new-request': () => this.#openTab('submit'),
      back: () => this.#openTab('requests'),
      'account-deleted': () => void this.#logout(true),
    });
    return root;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('org') || changed.has('api')) void this.#connect();
    if (changed.has('locale')) this.#applyLocale();
  }

  protected override updated(changed: PropertyValues): void {
    const view = (this.view === 'home' ? this.tab : this.view) as CcView;
    if (view !== this.#shown) emit(this, 'cc-view', { view: (this.#shown = view) });
    if (this.#focusNext && (changed.has('view') || changed.has('notice'))) {
      this.#focusNext = false;
      void this.renderRoot.querySelector<ViewElement>('[data-view]')?.focusHeading();
    }
  }

  #applyLocale(): void {
    applyLocale(this, this.locale, this.profile?.defaultLocale);
  }

  async #connect(): Promise<void> {
    const generation = ++this.#generation;
    const session = this.#session.connect(this.api.replace(/\/+$/, ''), this.org);
    this.view = 'loading';
    this.loadError = '';
    try {
      const profile = await this.#session.client.getOrg();
      if (generation !== this.#generation) return;
      this.profile = profile;
      this.#applyLocale();
      emit(this, 'cc-ready', {});
      if (session) this.#startSession(session, false);
      else this.view = 'login';
    } catch (error) {
      if (generation !== this.#generation) return;
      this.view = 'unavailable';
      this.loadError = this.report(error).message;
    }
  }

  #go(view: View, notice = ''): void {
    this.#focusNext = true;
    this.notice = notice;
    this.view = view;
  }

  #startSession(session: Session, fresh: boolean): void {
    this.phone = session.phone;
    this.#session.start(session);
    void this.#land(fresh);
  }

  /** Where a logged-in citizen starts: their requests when they have any, else the form. */
  async #land(focus: boolean): Promise<void> {
    const generation = this.#generation;
    this.view = 'loading';
    let items: CitizenRequest[] = [];
    try {
      ({ items } = await this.#session.client.listRequests());
    } catch {
      // Not knowing, the form is the safe start; the list shows its own error when opened.
    }
    if (generation !== this.#generation || !this.#session.session) return;
    this.#replied = items.filter((r) => r.reply).map((r) => r.id);
    this.#countReplies();
    this.tab = items.length ? 'requests' : 'submit';
    if (focus) this.#go('home');
    else this.view = 'home';
  }

  /**
   * Tells the page, when it changed, how many listed replies the citizen has not opened; `open`, a
   * request being opened, counts as seen from now on. Seen ids are kept in this browser per org and citizen.
   */
  #countReplies(open?: string): void {
    const key = `cc-seen:${this.org}:${this.phone}`;
    let seen: string[] = [];
    try {
      seen = JSON.parse(localStorage.getItem(key) ?? '[]') as string[];
      if (open && this.#replied.includes(open) && !seen.includes(open)) localStorage.setItem(key, JSON.stringify((seen = [...seen, open])));
    } catch {
      // Without storage every reply counts as unseen on each visit; nothing worse.
    }
    const count = this.#replied.filter((id) => !seen.includes(id)).length;
    if (count !== this.#unseen) emit(this, 'cc-reply', { count: (this.#unseen = count) });
  }

  #open(id: string): void {
    this.#countReplies(id);
    this.detailId = id;
    this.#go('detail');
  }

  #show(tab: Tab): void {
    this.#reveal();
    if (this.#session.session) this.#openTab(tab);
  }

  /** In launcher mode, opens the dialog. */
  #reveal(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** Logs out (also what a deleted account ends with: `deleted` is true only then, never a click's event). */
  async #logout(deleted?: unknown): Promise<void> {
    enterLocale(this);
    const bye = deleted === true ? msg('Your account was deleted.') : msg('You have logged out.');
    await this.#session.logout();
    this.#unseen = 0;
    emit(this, 'cc-logout', {});
    this.#go('login', bye);
  }

  override render() {
    const loggedIn = this.view === 'home' || this.view === 'receipt' || this.view === 'detail';
    const launcher = this.mode === 'launcher';
    const frame = html`
      <div class="frame" part="base">
        <div class="head" part="header">
          <div>
            ${this.profile
              ? html`<p class="service">${msg('E-service counter')}</p><h2 part="title" id="title">${localized(this.profile.name)}</h2>`
              : html`<h2 part="title" id="title">${msg('E-service counter')}</h2>`}
          </div>
          <div class="who">
            ${loggedIn ? html`<span>${displayPhone(this.phone)}</span>
              <button type="button" part="button" @click=${this.#logout}>${msg('Log out')}</button>` : ''}
            ${launcher ? html`<button type="button" part="button close" aria-label=${msg('Close')}
              @click=${() => this.renderRoot.querySelector('dialog')!.close()}>✕</button>` : ''}
          </div>
        </div>
        <div class="body">
          <p class="notice" role="status">${this.notice}</p>
          ${this.#renderView()}
        </div>
      </div>
    `;
    return launcher
      ? html`<button type="button" class="launcher primary" part="launcher" aria-haspopup="dialog" @click=${this.#reveal}>
          <slot name="launcher-label">${this.launcherLabel ?? msg('E-service counter')}</slot></button>
        <dialog part="dialog" aria-labelledby="title">${frame}</dialog>`
      : frame;
  }

  #renderView() {
    const { client } = this.#session;
    const profile = this.profile!;
    switch (this.view) {
      case 'loading':
        return html`<p role="status">${msg('Loading…')}</p>`;
      case 'unavailable':
        return html`<p class="error" role="alert">${this.loadError}</p>
          <button type="button" part="button" @click=${() => void this.#connect()}>${msg('Try again')}</button>`;
      case 'login':
        return html`<cc-login-view data-view exportparts=${innerParts} .client=${client} .profile=${profile} .phone=${this.phone}></cc-login-view>`;
      case 'code':
        return html`<cc-code-view data-view exportparts=${innerParts} .client=${client} .profile=${profile} .phone=${this.phone} .otp=${this.otp!}></cc-code-view>`;
      case 'home':
        return this.#renderHome();
      case 'receipt':
        return html`<cc-receipt-view data-view exportparts=${innerParts} .client=${client} .request=${this.receipt!}></cc-receipt-view>`;
      case 'detail':
        return html`<cc-request-detail data-view exportparts=${innerParts} .client=${client} .profile=${profile} .requestId=${this.detailId}></cc-request-detail>`;
    }
  }

  #renderHome() {
    const tab = (id: Tab, label: string) => html`<button role="tab" type="button" part="tab" id=${`tab-${id}`}
      aria-selected=${this.tab === id ? 'true' : 'false'} aria-controls="panel" tabindex=${this.tab === id ? 0 : -1}
      @click=${() => (this.tab = id)} @keydown=${this.#tabKey}>${label}</button>`;
    return html`
      <div role="tablist" part="tabs" aria-label=${msg('E-service counter')}>
        ${tab('submit', msg('Submit a request'))}${tab('requests', msg('Track requests'))}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby=${`tab-${this.tab}`}>
        ${this.tab === 'submit'
          ? html`<cc-submit-view data-view exportparts=${innerParts} .client=${this.#session.client} .profile=${this.profile!} .store=${this.#session.store}
              .fixed=${this.fixed} .locked=${this.locked}></cc-submit-view>`
          : html`<cc-requests-view data-view exportparts=${innerParts} .client=${this.#session.client}></cc-requests-view>`}
      </div>
    `;
  }

  /** Tabs follow the ARIA pattern: arrows move between them, mirrored in RTL, wrapping around. */
  #tabKey(event: KeyboardEvent): void {
    const order: Tab[] = ['submit', 'requests'];
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const index = (order.indexOf(this.tab) + (this.dir === 'rtl' ? -step : step) + order.length) % order.length;
    this.tab = order[index]!;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
  }

  #openTab(tab: Tab): void {
    this.tab = tab;
    this.#go('home');
  }

  #loggedIn(session: Session): void {
    emit(this, 'cc-login', { phone: session.phone });
    this.#startSession(session, true);
  }

  #submitted(request: CitizenRequest): void {
    this.receipt = request;
    emit(this, 'cc-submit', { id: request.id, trackingCode: request.trackingCode });
    this.#go('receipt');
  }
}

define('citizen-counter', CitizenCounter);

declare global {
  interface HTMLElementTagNameMap {
    'citizen-counter': CitizenCounter;
  }
}
