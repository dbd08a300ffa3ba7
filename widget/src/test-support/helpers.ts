import { fixture, html, waitUntil } from '@open-wc/testing';
import '../index.js';
import type { CitizenCounter } from '../citizen-counter.js';

/** The API as the tests reach it: the test server proxies /v1 and /dev to the real server. */
export const api = location.origin;

/** A mobile number no other test uses, so per-phone OTP caps never collide. */
export function uniquePhone(): { local: string; e164: string } {
  const rest = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  return { local: `0912${rest}`, e164: `+98912${rest}` };
}

/** Persian digits for a Latin-digit string. */
export const persian = (text: string) => text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
/** Latin digits for a Persian-digit string. */
export const latin = (text: string) => text.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));

/** Finds `selector` anywhere inside the element's shadow tree, nested shadow roots included. */
export function deepQuery<T extends Element = HTMLElement>(host: Element, selector: string): T | null {
  const walk = (node: ParentNode): T | null => {
    const found = node.querySelector<T>(selector);
    if (found) return found;
    for (const child of node.querySelectorAll('*')) {
      if (child.shadowRoot) {
        const inner = walk(child.shadowRoot);
        if (inner) return inner;
      }
    }
    return null;
  };
  return host.shadowRoot ? walk(host.shadowRoot) : null;
}

/** Finds `selector` inside one view (e.g. `cc-code-view`) of the widget. */
export function inView<T extends Element = HTMLElement>(host: Element, view: string, selector: string): T | null {
  return deepQuery(host, view)?.shadowRoot?.querySelector<T>(selector) ?? null;
}

/** Waits until `selector` exists in the widget's shadow tree. */
export async function waitFor<T extends Element = HTMLElement>(host: Element, selector: string, timeout = 20_000): Promise<T> {
  await waitUntil(() => deepQuery(host, selector), `${selector} did not appear`, { timeout });
  return deepQuery<T>(host, selector)!;
}

/** Waits until the text of `selector` matches. */
export async function waitForText(host: Element, selector: string, pattern: RegExp, timeout = 20_000): Promise<HTMLElement> {
  await waitUntil(() => pattern.test(deepQuery(host, selector)?.textContent ?? ''), `${selector} never matched ${pattern}`, { timeout });
  return deepQuery<HTMLElement>(host, selector)!;
}

/** Types into an input or select the way a user's input event does. */
export function type(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Attaches a file to a file input (no file chooser in headless tests). */
export function attach(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** A small but real PDF (the server decides the type from the magic bytes). */
export function pdf(name = 'letter.pdf'): File {
  const body = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  return new File([body], name, { type: 'application/pdf' });
}

/** Mounts `<citizen-counter org="demo">` against the test server and waits for the login view. */
export async function mount(locale: 'fa' | 'en'): Promise<CitizenCounter> {
  sessionStorage.clear();
  const el = await fixture<CitizenCounter>(html`<citizen-counter org="demo" api=${api} locale=${locale}></citizen-counter>`);
  await waitFor(el, '#phone');
  return el;
}

/** The newest login code the dev SMS provider kept for `e164`. */
export async function latestCode(e164: string): Promise<string> {
  for (let tries = 0; tries < 100; tries++) {
    const answer = await fetch(`/dev/sms?org=demo&to=${encodeURIComponent(e164)}`);
    const { items } = (await answer.json()) as { items: { to: string; text: string; createdAt: string }[] };
    const newest = items
      .filter((sms) => sms.to === e164)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    const code = newest && /\d{4,8}/.exec(latin(newest.text))?.[0];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no SMS reached ${e164}`);
}

/** Asks for a code for `phone` (as typed) and waits for the code view. */
export async function requestCode(el: Element, typed: string): Promise<HTMLInputElement> {
  type(inView<HTMLInputElement>(el, 'cc-login-view', '#phone')!, typed);
  inView<HTMLButtonElement>(el, 'cc-login-view', 'button[type=submit]')!.click();
  try {
    return await waitFor<HTMLInputElement>(el, '#code');
  } catch {
    throw new Error(`no code view; the login view says: ${textOf(el, 'cc-login-view', 'form')}`);
  }
}

/** Logs in with a fresh phone number through the real SMS code; resolves on the submit view. */
export async function login(el: Element, phone = uniquePhone(), typed = phone.local): Promise<{ local: string; e164: string }> {
  const code = await requestCode(el, typed);
  type(code, await latestCode(phone.e164));
  inView<HTMLButtonElement>(el, 'cc-code-view', 'button[type=submit]')!.click();
  await waitFor(el, '#fullName');
  return phone;
}

/** Fills the submit form; `unit` is the index of the unit in the org's list. */
export function fill(el: Element, values: { fullName: string; subject: string; unit?: number; file?: File }): void {
  type(inView<HTMLInputElement>(el, 'cc-submit-view', '#fullName')!, values.fullName);
  type(inView<HTMLInputElement>(el, 'cc-submit-view', '#subject')!, values.subject);
  const select = inView<HTMLSelectElement>(el, 'cc-submit-view', '#unitId')!;
  type(select, select.options[(values.unit ?? 0) + 1]!.value);
  if (values.file) attach(inView<HTMLInputElement>(el, 'cc-submit-view', '#body')!, values.file);
}

/** Presses the main button of a view. */
export function submit(el: Element, view: string): void {
  inView<HTMLButtonElement>(el, view, 'button[type=submit]')!.click();
}

/** The text of an element inside a view, trimmed. */
export function textOf(el: Element, view: string, selector: string): string {
  return inView(el, view, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** `waitUntil` with a timeout that suits calls to a real server. */
export function until(predicate: () => unknown, message = 'condition never held', timeout = 15_000): Promise<void> {
  return waitUntil(predicate, message, { timeout });
}
