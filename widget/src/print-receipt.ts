import { html } from 'lit-html';
import { msg } from '@lit/localize';
import type { CitizenClient, ReceiptLink } from '@citizen-counter/sdk';
import { currentLocale } from './localization.js';

/** What a view gives the receipt link: its client, a re-render, and where a failure is shown. */
interface LinkHost {
  client: CitizenClient;
  requestUpdate(): void;
  failed(error: unknown): void;
}

/**
 * "Print receipt" (چاپ فیش) of any request: a real link to the counter's printable receipt (the
 * org's name and logo, the tracking code large, the Jalali date, a QR code anyone can check) that
 * opens in a new tab, where the citizen prints it or saves it as PDF. Being a link it opens where
 * pop-ups are blocked and under any host page's print stylesheet. The signed link lives
 * 15 minutes: it is asked for when the view shows, and again on a click once it has ended.
 */
export class ReceiptLinker {
  #link: ReceiptLink | null = null;
  #id = '';

  constructor(private readonly host: LinkHost) {}

  /** Asks for the link of the request `id`; the view re-renders when it comes. */
  load(id: string): void {
    this.#id = id;
    this.#link = null;
    void this.#fetch().catch(() => undefined);
  }

  /** The link, styled as a button (`part="button"`). */
  render(primary = false) {
    return html`<a class="button ${primary ? 'primary' : ''}" part=${primary ? 'button button-primary' : 'button'} href=${this.#link?.url ?? '#'}
      target="_blank" rel="noopener" @click=${this.#open}>${msg('Print receipt')}</a>`;
  }

  async #fetch(): Promise<string> {
    const id = this.#id;
    const link = await this.host.client.receiptLink(id, currentLocale());
    if (id === this.#id) this.#link = link;
    this.host.requestUpdate();
    return link.url;
  }

  /** A missing or ended link: a new one, opened in a tab made now, while the click still allows one. */
  #open = (event: Event): void => {
    if (this.#link && Date.parse(this.#link.expiresAt) - Date.now() > 60_000) return;
    event.preventDefault();
    const tab = open('', '_blank');
    this.#fetch().then(
      (url) => {
        if (tab) {
          tab.opener = null;
          tab.location.href = url;
        }
      },
      (error: unknown) => {
        tab?.close();
        this.host.failed(error);
      },
    );
  };
}
