import { _installMsgImplementation } from '@lit/localize/init/install.js';
import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';
import type { MsgFn } from '@lit/localize/internal/types.js';
import type { Locale } from '@citizen-counter/sdk';
// Imported statically on purpose: the single bundle carries both locales, so switching never fetches.
import { templates } from './generated/locales/fa.js';

/*
 * Per-element locale. @lit/localize's runtime mode keeps one active locale per page and switches it
 * asynchronously, so two counters on one page could not speak two languages. Instead its message
 * function is installed here reading `active`, and an element makes its own locale the active one
 * (`enterLocale`) right before anything of it can ask for a text or format a number: at the start
 * of each update, in its event handlers and when it describes an error (see ViewElement). What
 * follows is synchronous, so no other element can interleave. The bundle's build puts the same names
 * in place with each translation written into its call (widget/build/inline-translations.mjs).
 */
let active: Locale = 'fa';
_installMsgImplementation(((template, options) => runtimeMsg(active === 'fa' ? templates : undefined, template, options)) as MsgFn);

/** Elements that show localized texts; each is re-rendered when any counter's locale changes. */
export const localizedElements = new Set<{ requestUpdate(): void }>();

/** `true` for a locale the widget speaks. */
export function isLocale(value: unknown): value is Locale {
  return value === 'fa' || value === 'en';
}

/** The locale texts and formatters use right now. */
export function currentLocale(): Locale {
  return active;
}

/** The locale of elements in no counter (the desk's parts in tests): page-wide, as @lit/localize's. */
let pageLocale: Locale = 'fa';

/** Sets the page-wide locale of elements outside any counter, and re-renders them. */
export function setLocale(locale: Locale): Promise<void> {
  active = pageLocale = locale;
  for (const element of localizedElements) element.requestUpdate();
  return Promise.resolve();
}

/**
 * Makes the locale of `node` the active one: the `lang` of the nearest element with one, looking
 * through the shadow roots it sits in up to the counter (which sets its own `lang`).
 */
export function enterLocale(node: Node): void {
  let lang = '';
  for (let at: Node | undefined = node; at && !lang; at = (at.getRootNode() as ShadowRoot).host) lang = (at as Element).closest<HTMLElement>('[lang]')?.lang ?? '';
  active = lang ? (lang === 'en' ? 'en' : 'fa') : pageLocale;
}

/**
 * Sets a counter's locale: its `locale` attribute when valid, else the org's default, else Persian;
 * the element's `lang` and `dir` follow, and the elements showing texts re-render.
 */
export function applyLocale(host: HTMLElement, requested: string | null, orgDefault: Locale | undefined): void {
  const locale: Locale = isLocale(requested) ? requested : (orgDefault ?? 'fa');
  if (host.lang === locale) return;
  // The host may be mid-update (its willUpdate calls this): what it renders next is in the new locale.
  active = locale;
  host.lang = locale;
  host.dir = locale === 'fa' ? 'rtl' : 'ltr';
  for (const element of localizedElements) element.requestUpdate();
}
