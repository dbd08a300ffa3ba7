import { configureLocalization } from '@lit/localize';
import type { Locale } from '@citizen-counter/sdk';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';
// Imported statically on purpose: the single bundle carries both locales, so switching never fetches.
import * as fa from './generated/locales/fa.js';

/** Configured once for the whole page: @lit/localize keeps one active locale per page. */
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) =>
    locale === 'fa' ? Promise.resolve(fa) : Promise.reject(new Error(`No translations for ${locale}`)),
});

/** `true` for a locale the widget speaks. */
export function isLocale(value: unknown): value is Locale {
  return value === 'fa' || value === 'en';
}

/** The active locale as the widget's {@link Locale} type. */
export function currentLocale(): Locale {
  return getLocale() === 'fa' ? 'fa' : 'en';
}

/**
 * Applies an element's locale page-wide: its `locale` attribute when valid, else the org's
 * default, else Persian; the element's `lang` and `dir` follow.
 */
export function applyLocale(host: HTMLElement, requested: string | null, orgDefault: Locale | undefined): void {
  const locale: Locale = isLocale(requested) ? requested : (orgDefault ?? 'fa');
  host.lang = locale;
  host.dir = locale === 'fa' ? 'rtl' : 'ltr';
  void setLocale(locale);
}
