import { html } from 'lit-html';
import type { PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import { digits, formatDate } from '../format.js';
import { currentLocale } from '../localization.js';
import { define, ViewElement } from '../view-element.js';
import { dateFieldStyles } from './cd-date-field.styles.js';
import { fromJalali, parseJalali, toJalali, writeJalali } from './jalali-date.js';

// ICU's own full Persian date puts the weekday last, after a Latin comma: built from its parts instead.
const weekday = new Intl.DateTimeFormat('fa-IR', { timeZone: 'UTC', weekday: 'long' });

/** A day in words, as Persian readers say it: «چهارشنبه ۱۱ آذر ۱۴۰۵». */
function inWords(iso: string): string {
  const noon = `${iso}T12:00:00Z`;
  return `${weekday.format(new Date(noon))} ${formatDate(noon)}`;
}

/** Today as an ISO day in the browser's time zone. */
function today(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())).toISOString().slice(0, 10);
}

/**
 * A day for a filter, in the calendar the desk speaks. In Persian it is typed in the Jalali
 * calendar as year/month/day (`۱۴۰۵/۰۹/۱۱`, any digits, `/` `-` `.` or spaces between) and read
 * back with its weekday and month name; a date that is not one is marked invalid with a sentence
 * saying how to write it. In English it is the browser's own date input. Either way the value is
 * the ISO day (`YYYY-MM-DD`), or `''` for none.
 *
 * A typed date is taken on Enter or when focus leaves: one `change` event per new value, none
 * while the text is not a date.
 *
 * @tag cd-date-field
 * @event change - The value changed (read `value`); not fired for invalid text.
 */
export class CdDateField extends ViewElement {
  static override properties = {
    label: {},
    value: {},
    text: { state: true },
    error: { state: true },
  };

  static override styles = [...ViewElement.styles, dateFieldStyles];

  /** The visible label of the field. */
  label = '';
  /** The ISO day (`YYYY-MM-DD`), or `''` for none. */
  value = '';

  /** What is typed in the Jalali field. */
  private text = '';
  private error = '';

  /** The locale `text` was written for: after a switch to Persian it is written anew. */
  #textLocale = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A value set from outside (or taken from the text) is shown in the canonical form.
    if (changed.has('value') || this.#textLocale !== currentLocale()) {
      this.#textLocale = currentLocale();
      this.text = this.value ? digits(writeJalali(toJalali(this.value))) : '';
      this.error = '';
    }
  }

  /**
   * Takes what is typed; answers whether it is a date (or empty). A form calls it before it
   * searches, and then moves focus here when it answers `false`.
   */
  commit(): boolean {
    if (currentLocale() !== 'fa') return true;
    const typed = this.text.trim();
    const parsed = parseJalali(typed);
    const iso = typed ? parsed && fromJalali(parsed) : '';
    if (iso === null) {
      this.error = parsed
        ? msg(str`There is no such day in the calendar: ${digits(typed)}.`)
        : msg(str`Write the date as year/month/day, for example ${this.#example()}.`);
      return false;
    }
    this.error = '';
    // The same day typed another way (۱۴۰۵/۹/۱۱) is shown in the canonical form all the same.
    if (iso) this.text = digits(writeJalali(toJalali(iso)));
    this.#set(iso);
    return true;
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('input')?.focus(options);
  }

  override render() {
    if (currentLocale() !== 'fa') {
      return html`<label for="date">${this.label}</label>
        <input id="date" part="input" type="date" .value=${this.value} @change=${(e: Event) => this.#set((e.target as HTMLInputElement).value)} />`;
    }
    // The day in words, read back so a slip (۱۴۰۵/۱۰/۹ for ۱۴۰۵/۰۹/۱۰) shows at once.
    const valid = !this.error && this.value && this.text === digits(writeJalali(toJalali(this.value)));
    return html`<label for="date">${this.label}</label>
      <input id="date" part="input" class="ltr" dir="ltr" autocomplete="off" spellcheck="false" maxlength="20"
        aria-describedby="hint error" aria-invalid=${this.error ? 'true' : 'false'} .value=${this.text}
        @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)}
        @change=${() => this.commit()}
        @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.commit()} />
      <p id="hint" class="hint">${this.error ? '' : valid ? inWords(this.value) : msg(str`e.g. ${this.#example()}`)}</p>
      <p id="error" class="error" role="alert">${this.error}</p>`;
  }

  /** Today, written the way the field reads it. */
  #example(): string {
    return digits(writeJalali(toJalali(today())));
  }

  #set(iso: string): void {
    if (iso === this.value) return;
    this.value = iso;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

define('cd-date-field', CdDateField);

declare global {
  interface HTMLElementTagNameMap {
    'cd-date-field': CdDateField;
  }
}
