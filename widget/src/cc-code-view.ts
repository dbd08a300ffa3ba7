import { html } from 'lit-html';
import { msg, str } from '@lit/localize';
import { normalizeDigits, type OrgProfile, type OtpRequestResult } from '@citizen-counter/sdk';
import type { LoginClient } from './login-client.js';
import { notify } from './events.js';
import { solvePow } from './pow-worker.js';
import { digits, displayPhone, formatCountdown } from './format.js';
import { define, ViewElement } from './view-element.js';
import { codeViewStyles } from './cc-code-view.styles.js';

/** Wrong tries a code survives (the server's figure); after them only a new code can log in. */
const maxTries = 5;

/**
 * Code entry (ورود به سامانه): the SMS code with its remaining validity and a resend countdown.
 * Fires `logged-in` (detail: the session) or `change-phone` (detail: why, if the code is spent) to its shell.
 *
 * @tag cc-code-view
 */
export class CcCodeView extends ViewElement {
  static override properties = {
    phone: { attribute: false },
    code: { state: true },
    error: { state: true },
    spent: { state: true },
    resent: { state: true },
    busy: { state: true },
    now: { state: true },
    client: { attribute: false },
    profile: { attribute: false },
    otp: { attribute: false },
  };

  static override styles = codeViewStyles;

  client!: LoginClient;
  profile!: OrgProfile;
  /** The phone in E.164 form the code went to. */
  phone = '';
  otp!: OtpRequestResult;

  private code = '';
  private error = '';
  /** The code can no longer log in (five wrong tries, or the server says it expired): only a new one can. */
  private spent = false;
  /** A new code was asked for here, so the sentence about it says *new*. */
  private resent = false;
  private busy = false;
  #wrong = 0;
  private now = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => (this.now = Date.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  override render() {
    const validFor = (Date.parse(this.otp.expiresAt) - this.now) / 1000;
    const resendIn = (Date.parse(this.otp.resendAt) - this.now) / 1000;
    const expired = validFor <= 0;
    const dead = this.spent || expired;
    return html`
      <h3 data-heading tabindex="-1">${msg('Enter the code')}</h3>
      <p role="status">${this.resent
        ? msg(str`A new ${digits(this.otp.codeLength)}-digit code was sent by SMS to ${displayPhone(this.phone)}.`)
        : msg(str`A ${digits(this.otp.codeLength)}-digit code was sent by SMS to ${displayPhone(this.phone)}.`)}</p>
      <form novalidate @submit=${this.#submit}>
        <div class="field">
          <label for="code">${msg('Code received')}</label>
          <input id="code" part="input" class="ltr" dir="ltr" name="code" autocomplete="one-time-code"
            inputmode="numeric" .value=${this.code} aria-describedby="code-hint code-error" ?disabled=${dead}
            aria-invalid=${this.error ? 'true' : 'false'} @input=${this.#input} />
          <p id="code-hint" class="hint">${expired
            ? msg('The code has expired. Ask for a new one.')
            : this.spent ? '' : msg(str`The code is valid for ${formatCountdown(validFor)}.`)}</p>
          <p id="code-error" class="error" part="error" role="alert">${expired ? '' : this.error}</p>
        </div>
        <div class="actions">
          <button class="primary" part="button button-primary" type="submit" ?disabled=${this.busy || dead}>
            ${msg('Log in')}
          </button>
          <button type="button" part="button" ?disabled=${resendIn > 0 || this.busy} @click=${this.#resend}>
            ${resendIn > 0 ? msg(str`New code in ${formatCountdown(resendIn)}`) : msg('Send a new code')}
          </button>
          <button type="button" class="link" part="button" @click=${() => notify(this, 'change-phone')}>
            ${msg('Change number')}
          </button>
        </div>
      </form>
    `;
  }

  #input(event: Event): void {
    const input = event.target as HTMLInputElement;
    // Pasted codes may carry Persian digits, spaces or dashes: keep the digits, in Latin form.
    this.code = normalizeDigits(input.value).replace(/\D/g, '');
    input.value = this.code;
    this.error = '';
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.code.length !== this.otp.codeLength) {
      this.error = msg('The code is not correct.');
      this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
      return;
    }
    this.busy = true;
    try {
      const session = await this.client.login({ phone: this.phone, code: this.code });
      notify(this, 'logged-in', session);
    } catch (error) {
      const shown = this.report(error);
      const { code } = shown;
      // A code past its tries or its time can never work: the field and the button rest until a
      // new code may be asked for (the button counts down); an expired one shows only that it expired.
      this.spent = code === 'otp_attempts_exceeded' || code === 'otp_expired' || (code === 'otp_invalid' && ++this.#wrong >= maxTries);
      if (code === 'otp_expired') this.otp = { ...this.otp, expiresAt: new Date(this.now).toISOString() };
      // A used code means this number logged in elsewhere meanwhile: back to ask for a new one.
      if (code === 'otp_used') notify(this, 'change-phone', shown.message);
      this.error = this.spent && code === 'otp_invalid' ? msg('Too many wrong tries. Ask for a new code.') : shown.message;
      await this.updateComplete;
      if (!this.spent) this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
    } finally {
      this.busy = false;
    }
  }

  /** Sends a new code; an image check needs the citizen, so that case goes back to the login view. */
  async #resend(): Promise<void> {
    if (this.profile.humanCheck !== 'pow') {
      notify(this, 'change-phone');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const challenge = await this.client.createChallenge();
      if (challenge.kind !== 'pow') throw new Error('unexpected challenge');
      const solution = await solvePow(challenge);
      this.otp = await this.client.requestOtp({ phone: this.phone, challenge: solution });
      this.code = '';
      this.spent = false;
      this.#wrong = 0;
      this.resent = true;
    } catch (error) {
      const shown = this.report(error);
      // The org sends many codes right now and wants the image from a new number: that is the login view's.
      if (shown.code === 'human_check_image_required') notify(this, 'change-phone');
      else this.error = shown.message;
    } finally {
      this.busy = false;
    }
  }
}

define('cc-code-view', CcCodeView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-code-view': CcCodeView;
  }
}
