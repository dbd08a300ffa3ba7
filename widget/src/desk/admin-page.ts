import type { PropertyDeclarations } from 'lit';
import type { StaffClient } from '@citizen-counter/sdk';
import { sharedStyles } from '../shared.styles.js';
import { ViewElement } from '../view-element.js';
import { adminStyles } from './cd-admin.styles.js';

/**
 * The base of each administration page: the client, the page's error line, loading what it shows
 * when it appears, and {@link AdminPage.run} for a change (the failure shown, the page loaded again).
 */
export class AdminPage extends ViewElement {
  /** Lit merges each page's own declarations with these. */
  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    error: { state: true },
  };

  static override styles = [sharedStyles, adminStyles];

  client!: StaffClient;

  /** The last failure's sentence, shown in the page's alert line. */
  protected error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.run(async () => undefined);
  }

  /** Reads what the page shows; each page fills in its own. */
  protected async load(): Promise<void> {}

  /** Runs a change (or nothing), then loads the page again; answers whether it worked. */
  protected async run(work: () => Promise<unknown>): Promise<boolean> {
    this.error = '';
    try {
      await work();
      await this.load();
      return true;
    } catch (error) {
      this.error = this.report(error).message;
      return false;
    }
  }
}
