import { html } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg } from '@lit/localize';
import type { CitizenRequest, OrgProfile, OtpRequestResult, Session } from '@citizen-counter/sdk';
import { emit, listen } from './events.js';
import { displayPhone, localized } from './format.js';
import { applyLocale } from './localization.js';
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

/** Parts of the inner views, re-exported so host pages can style them with `::part()`. */
const innerParts = 'input, button, button-primary, file-button, error, rules, receipt, card, status, status-under-review, status-needs-documents, status-rejected, status-approved, reply, documents, captcha-image';

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
 * @attr locale - `fa` or `en`. Defaults to the organization's default locale. The locale is page-wide.
 *
 * @event {CustomEvent<{ phone: string }>} cc-login - The citizen logged in; `phone` is E.164.
 * @event {CustomEvent<{ id: string; trackingCode: string }>} cc-submit - A request was registered.
 * @event {CustomEvent<Record<string, never>>} cc-logout - The citizen logged out.
 * @event {CustomEvent<{ code: string }>} cc-error - A call failed: an API error code or `network_error`.
 *
 * @csspart base - The outer frame.
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

  private view: View = 'loading';
  private tab: Tab = 'submit';
  private profile: OrgProfile | null = null;
  private notice = '';
  private phone = '';
  private otp: OtpRequestResult | null = null;
  private receipt: CitizenRequest | null = null;
  private detailId = '';
  private loadError = '';
  /** The login over time; when the server or the clock ends it, back to login, the draft kept. */
  #session = new SessionController(this, () => this.#go('login', msg('Your login has expired. Please log in again.')));
  #generation = 0;
  #focusNext = false;

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
      'open-request': (id) => {
        this.detailId = id;
        this.#go('detail');
      },
      'show-requests': () => this.#openTab('requests'),
      'new-request': () => this.#openTab('submit'),
      back: () => this.#openTab('requests'),
    });
    return root;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('org') || changed.has('api')) void this.#connect();
    if (changed.has('locale')) this.#applyLocale();
  }

  protected override updated(changed: PropertyValues): void {
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
    if (fresh) this.#go('home');
    else this.view = 'home';
  }

  async #logout(): Promise<void> {
    await this.#session.logout();
    this.tab = 'submit';
    emit(this, 'cc-logout', {});
    this.#go('login', msg('You have logged out.'));
  }

  override render() {
    const loggedIn = this.view === 'home' || this.view === 'receipt' || this.view === 'detail';
    return html`
      <div class="frame" part="base">
        <div class="head" part="header">
          <div>
            ${this.profile
              ? html`<p class="service">${msg('E-service counter')}</p><h2 part="title">${localized(this.profile.name)}</h2>`
              : html`<h2 part="title">${msg('E-service counter')}</h2>`}
          </div>
          ${loggedIn ? html`<div class="who">
            <span>${displayPhone(this.phone)}</span>
            <button type="button" part="button" @click=${this.#logout}>${msg('Log out')}</button>
          </div>` : ''}
        </div>
        <div class="body">
          <p class="notice" role="status">${this.notice}</p>
          ${this.#renderView()}
        </div>
      </div>
    `;
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
          ? html`<cc-submit-view data-view exportparts=${innerParts} .client=${this.#session.client} .profile=${this.profile!} .store=${this.#session.store}></cc-submit-view>`
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
