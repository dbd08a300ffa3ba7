import { html } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg } from '@lit/localize';
import {
  isApiError,
  toE164,
  type HumanCheckChallenge,
  type HumanCheckSolution,
  type OrgProfile,
  type OtpRequestResult,
} from '@citizen-counter/sdk';
import { notify } from './events.js';
import { digits } from './format.js';
import { solvePow, warmPow } from './pow-worker.js';
import type { LoginClient } from './login-client.js';
import { define, nextTask, ViewElement } from './view-element.js';
import { loginViewStyles } from './cc-login-view.styles.js';

/**
 * Login (ورود): mobile number, the human check (an invisible proof of work, or the code image the
 * org chose) and "get code" (دریافت کد). Fires `otp-sent` to its shell.
 *
 * @tag cc-login-view
 */
export class CcLoginView extends ViewElement {
  static override properties = {
    heading: { attribute: false },
    phone: { attribute: false },
    solving: { state: true },
    busy: { state: true },
    phoneError: { state: true },
    checkError: { state: true },
    formError: { state: true },
    answer: { state: true },
    client: { attribute: false },
    profile: { attribute: false },
    challenge: { state: true },
    imageNeeded: { state: true },
  };

  static override styles = loginViewStyles;

  client!: LoginClient;
  profile!: OrgProfile;
  /** A number to start with (after "change number"). */
  phone = '';
  /** The view's title when it is not the citizens' counter (the staff desk). */
  heading = '';

  private challenge: HumanCheckChallenge | null = null;
  private solving = false;
  private busy = false;
  private phoneError = '';
  private checkError = '';
  private formError = '';
  private answer = '';
  /** The server asked for the image check (it sends many codes right now and this number is new there). */
  private imageNeeded = false;
  #solution: Promise<HumanCheckSolution> | null = null;
  /** Settles when the current human check has arrived (or failed to); `null` before the first is asked for. */
  #ready: Promise<void> | null = null;
  #abort: AbortController | null = null;
  /** A submit is being handled: a second press meanwhile does nothing. */
  #sending = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#prepareWhenSeen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#ready = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('profile') && changed.get('profile') && this.isConnected) {
      this.#ready = null;
      this.#prepareWhenSeen();
    }
  }

  /**
   * An image check is asked for at once (the citizen has to see it); the invisible one only when the
   * citizen starts typing a number, so a page view alone costs the host page and the server nothing.
   */
  #prepareWhenSeen(): void {
    if (this.#imageCheck) this.#renewCheck();
  }

  get #imageCheck(): boolean {
    return this.profile.humanCheck === 'image' || this.imageNeeded;
  }

  #renewCheck(): void {
    this.#ready = this.#prepareCheck();
  }

  /** A fresh human check: each is single use, so one is made when the view shows and after each try. */
  async #prepareCheck(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.challenge = null;
    this.answer = '';
    this.checkError = '';
    this.#solution = null;
    // Out of the keystroke's task: the browser's own work for that key stays a short task.
    await nextTask();
    if (abort.signal.aborted) return;
    // The solver's worker starts while the challenge is on its way, in a task of its own.
    if (!this.#imageCheck) setTimeout(warmPow);
    try {
      const challenge = await this.client.createChallenge(this.imageNeeded ? { kind: 'image' } : {});
      if (abort.signal.aborted) return;
      this.challenge = challenge;
      if (challenge.kind === 'pow') {
        this.solving = true;
        this.#solution = solvePow(challenge, abort.signal);
        this.#solution.then(
          () => { if (!abort.signal.aborted) this.solving = false; },
          () => undefined,
        );
      }
    } catch (error) {
      if (abort.signal.aborted) return;
      this.checkError = this.report(error).message;
    }
  }

  override render() {
    const image = this.#imageCheck;
    return html`
      <h3 data-heading tabindex="-1">${this.heading || msg('Log in to the e-service counter')}</h3>
      <p>${msg('A login code will be sent to your mobile by SMS.')}</p>
      <form novalidate @submit=${this.#submit}>
        <div class="field">
          <label for="phone">${msg('Mobile number')}</label>
          <input id="phone" part="input" class="ltr" type="tel" name="phone" autocomplete="tel" inputmode="tel"
            dir="ltr" placeholder=${digits('0912 123 4567')} .value=${this.phone} aria-describedby="phone-error"
            aria-invalid=${this.phoneError ? 'true' : 'false'}
            @input=${(e: Event) => { this.phone = (e.target as HTMLInputElement).value; this.phoneError = ''; this.#ready ??= this.#prepareCheck(); }} />
          <p id="phone-error" class="error" part="error">${this.phoneError}</p>
        </div>
        ${image ? this.#renderImageCheck() : html`
          <p class="status" role="status">${this.checkError || this.solving || !this.challenge ? '' : msg('Automatic security check done.')}</p>`}
        <p class="error" part="error" role="alert">${this.checkError}</p>
        <div class="actions">
          <button class="primary" part="button button-primary" type="submit" ?disabled=${this.busy}>
            ${this.busy ? msg('Sending…') : msg('Get code')}
          </button>
        </div>
        <p class="error" part="error" role="alert">${this.formError}</p>
      </form>
    `;
  }

  #renderImageCheck() {
    const challenge = this.challenge?.kind === 'image' ? this.challenge : null;
    return html`
      <div class="field">
        <label for="captcha">${msg('Security code')}</label>
        <div class="captcha">
          ${challenge ? html`<img part="captcha-image" src=${challenge.image} alt=${msg('Security code')} />` : ''}
          <button type="button" part="button" @click=${() => this.#renewCheck()}>${msg('New code')}</button>
        </div>
        <input id="captcha" part="input" class="ltr" dir="ltr" autocomplete="off" .value=${this.answer}
          @input=${(e: Event) => { this.answer = (e.target as HTMLInputElement).value; }} />
      </div>
    `;
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.#sending) return;
    this.#sending = true;
    try {
      // The click's (or key's) task ends here: the browser's own work for it is long enough on a
      // slow phone. The form is read, drawn busy and sent from the next task.
      await nextTask();
      await this.#send();
    } finally {
      this.#sending = false;
    }
  }

  async #send(): Promise<void> {
    this.formError = '';
    const phone = toE164(this.phone, this.profile.allowedCountryCodes);
    if (!phone) {
      this.phoneError = msg('Enter a valid mobile number, e.g. 0912 123 4567.');
      this.renderRoot.querySelector<HTMLInputElement>('#phone')?.focus();
      return;
    }
    // A quick citizen may press the button before the check has even arrived: wait for it.
    this.busy = true;
    await (this.#ready ??= this.#prepareCheck());
    const challenge = this.challenge;
    let solution: HumanCheckSolution | null = null;
    if (challenge?.kind === 'image') {
      if (this.answer.trim()) solution = { id: challenge.id, answer: this.answer.trim() };
      else {
        this.checkError = msg('Enter the security code.');
        this.renderRoot.querySelector<HTMLInputElement>('#captcha')?.focus();
      }
    } else if (this.#solution) {
      solution = await this.#solution.catch(() => null);
    }
    if (!solution) {
      this.busy = false;
      if (!challenge) this.#renewCheck();
      return;
    }
    this.busy = true;
    try {
      const otp = await this.client.requestOtp({ phone, challenge: solution });
      notify(this, 'otp-sent', { phone, otp });
    } catch (error) {
      const shown = this.report(error);
      // Asked again within the wait (after a reload, say): the code sent moments ago still works.
      const sent = isApiError(error) && (error.details as Partial<OtpRequestResult>);
      if (shown.code === 'otp_cooldown' && sent && Date.parse(sent.expiresAt!) > Date.now()) {
        notify(this, 'otp-sent', { phone, otp: sent as OtpRequestResult });
        return;
      }
      this.imageNeeded ||= shown.code === 'human_check_image_required';
      this.#renewCheck();
      if (shown.code === 'phone_invalid' || shown.code === 'country_not_allowed') this.phoneError = shown.message;
      else if (shown.code === 'human_check_image_required') {
        this.checkError = shown.message;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#captcha')?.focus();
      } else this.formError = shown.message;
    } finally {
      this.busy = false;
    }
  }
}

define('cc-login-view', CcLoginView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-login-view': CcLoginView;
  }
}
