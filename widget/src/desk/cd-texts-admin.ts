import { html, nothing } from 'lit-html';
import { msg, str } from '@lit/localize';
import type { Locale, SmsText, Template, TemplateKind } from '@citizen-counter/sdk';
import { digits } from '../format.js';
import { define } from '../view-element.js';
import { AdminPage } from './admin-page.js';

const variables = '{fullName} {trackingCode} {letterNumber} {unit} {date}';

function kindLabel(kind: TemplateKind): string {
  return kind === 'reply' ? msg('Reply') : msg('Rejection');
}

/**
 * The org's words (admins): rejection and reply templates with their variables, and the text of
 * every SMS the service sends, in Persian and English, with how many SMS parts each takes.
 *
 * @tag cd-texts-admin
 */
export class CdTextsAdmin extends AdminPage {
  static override properties = {
    templates: { state: true },
    texts: { state: true },
    editing: { state: true },
  };

  private templates: Template[] = [];
  private texts: SmsText[] = [];
  /** A template id, `'new'`, an SMS text's `kind:locale`, or `''`. */
  private editing = '';

  protected override async load(): Promise<void> {
    [this.templates, this.texts] = await Promise.all([this.client.listTemplates(), this.client.listSmsTexts()]);
  }

  override render() {
    return html`
      <p class="error" role="alert">${this.error}</p>
      <div class="top"><h3>${msg('Templates')}</h3>
        <button type="button" @click=${() => (this.editing = 'new')}>${msg('Add a template')}</button></div>
      <p class="muted">${msg('Variables:')} <bdi dir="ltr">${variables}</bdi></p>
      ${this.editing === 'new' ? this.#templateForm(null) : nothing}
      <table>
        <thead><tr><th scope="col">${msg('Kind')}</th><th scope="col">${msg('Title')}</th><th scope="col">${msg('Text')}</th><th scope="col"><span class="hidden">${msg('Actions')}</span></th></tr></thead>
        <tbody>${this.templates.map((t) => html`<tr><td>${kindLabel(t.kind)}</td><td>${t.title}</td><td><p class="pre">${t.text.fa ?? t.text.en}</p></td>
          <td><button type="button" class="link" @click=${() => (this.editing = t.id)}>${msg('Change')}</button>
            <button type="button" class="link" @click=${() => this.#remove(t)}>${msg('Remove')}</button></td></tr>
          ${this.editing === t.id ? html`<tr><td colspan="4">${this.#templateForm(t)}</td></tr>` : nothing}`)}</tbody>
      </table>
      <h3>${msg('SMS texts')}</h3>
      <table>
        <thead><tr><th scope="col">${msg('SMS')}</th><th scope="col">${msg('Text in use')}</th><th scope="col">${msg('Parts')}</th><th scope="col"><span class="hidden">${msg('Actions')}</span></th></tr></thead>
        <tbody>${this.texts.map((t) => html`<tr><td><bdi dir="ltr">${t.kind}</bdi> · ${t.locale === 'fa' ? 'فارسی' : 'English'}</td>
          <td><p class="pre" dir="auto">${t.text ?? t.defaultText}</p>${t.text ? html`<span class="muted">${msg('Own text')}</span>` : nothing}</td>
          <td>${digits(t.parts)}</td>
          <td><button type="button" class="link" @click=${() => (this.editing = `${t.kind}:${t.locale}`)}>${msg('Change')}</button>
            ${t.text ? html`<button type="button" class="link" @click=${() => this.#reset(t)}>${msg('Back to the default')}</button>` : nothing}</td></tr>
          ${this.editing === `${t.kind}:${t.locale}` ? html`<tr><td colspan="4">${this.#smsForm(t)}</td></tr>` : nothing}`)}</tbody>
      </table>
    `;
  }

  #templateForm(template: Template | null) {
    return html`<form class="panel" novalidate @submit=${(e: Event) => this.#saveTemplate(e, template)}>
      ${template ? nothing : html`<div class="field"><label for="kind">${msg('Kind')}</label>
        <select id="kind" name="kind"><option value="rejection">${kindLabel('rejection')}</option><option value="reply">${kindLabel('reply')}</option></select></div>`}
      <div class="field"><label for="title">${msg('Title')}</label><input id="title" name="title" maxlength="100" .value=${template?.title ?? ''} /></div>
      <div class="field"><label for="fa">${msg('Text in Persian')}</label><textarea id="fa" name="fa" rows="3" dir="rtl" .value=${template?.text.fa ?? ''}></textarea></div>
      <div class="field"><label for="en">${msg('Text in English')}</label><textarea id="en" name="en" rows="3" dir="ltr" .value=${template?.text.en ?? ''}></textarea></div>
      <div class="actions"><button type="submit" class="primary">${msg('Save')}</button>
        <button type="button" class="link" @click=${() => (this.editing = '')}>${msg('Cancel')}</button></div>
    </form>`;
  }

  #smsForm(text: SmsText) {
    return html`<form class="panel" novalidate @submit=${(e: Event) => this.#saveSms(e, text)}>
      <div class="field"><label for="sms">${msg(str`Text of ${text.kind} (${text.locale})`)}</label>
        <textarea id="sms" name="text" rows="3" dir="auto" .value=${text.text ?? text.defaultText}></textarea>
        <p class="muted">${msg('Variables:')} <bdi dir="ltr">${text.variables.map((name) => `{${name}}`).join(' ')}</bdi></p></div>
      <div class="actions"><button type="submit" class="primary">${msg('Save')}</button>
        <button type="button" class="link" @click=${() => (this.editing = '')}>${msg('Cancel')}</button></div>
    </form>`;
  }

  /** A change that closes the open form when it worked. */
  async #run(work: () => Promise<unknown>): Promise<void> {
    if (await this.run(work)) this.editing = '';
  }

  #saveTemplate(event: Event, template: Template | null): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = { fa: String(data.get('fa') ?? '').trim(), en: String(data.get('en') ?? '').trim() };
    const title = String(data.get('title') ?? '').trim();
    return this.#run(() =>
      template
        ? this.client.updateTemplate(template.id, { title, text })
        : this.client.addTemplate({ kind: String(data.get('kind')) as TemplateKind, title, text: { ...(text.fa ? { fa: text.fa } : {}), ...(text.en ? { en: text.en } : {}) } }),
    );
  }

  #saveSms(event: Event, text: SmsText): Promise<void> {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get('text') ?? '').trim();
    return this.#run(() => this.client.setSmsText(text.kind, text.locale as Locale, value));
  }

  #remove(template: Template): Promise<void> {
    return this.#run(() => this.client.deleteTemplate(template.id));
  }

  #reset(text: SmsText): Promise<void> {
    return this.#run(() => this.client.resetSmsText(text.kind, text.locale as Locale));
  }
}

define('cd-texts-admin', CdTextsAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'cd-texts-admin': CdTextsAdmin;
  }
}
