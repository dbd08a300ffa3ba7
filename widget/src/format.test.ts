import { expect } from '@open-wc/testing';
import { errorCodes } from '@citizen-counter/sdk';
import { errorMessage } from './error-messages.js';
import { digits, displayPhone, formatBytes, formatCountdown, formatDate } from './format.js';
import { setLocale } from './localization.js';

describe('format', () => {
  afterEach(() => setLocale('en'));

  it('should write Persian digits and Jalali dates in fa', async () => {
    await setLocale('fa');
    expect(digits('2026-1405')).to.equal('۲۰۲۶-۱۴۰۵');
    expect(formatDate('2026-03-21T12:00:00Z')).to.equal('۱ فروردین ۱۴۰۵');
    expect(formatCountdown(65)).to.equal('۱:۰۵');
    expect(formatBytes(1024 * 1024)).to.equal('۱ مگابایت');
    expect(formatBytes(12 * 1024)).to.equal('۱۲ کیلوبایت');
    expect(formatBytes(45)).to.equal('۴۵ بایت');
    expect(displayPhone('+989121234567')).to.equal('\u2066۰۹۱۲\u00a0۱۲۳\u00a0۴۵۶۷\u2069');
  });

  it('should write Latin digits and Gregorian dates in en', async () => {
    await setLocale('en');
    expect(digits('2026')).to.equal('2026');
    expect(formatDate('2026-03-21T12:00:00Z')).to.equal('21 March 2026');
    expect(formatCountdown(299.2)).to.equal('5:00');
    expect(formatBytes(1536)).to.equal('1.5 kB');
    expect(formatBytes(1024 * 1024)).to.equal('1 MB');
    expect(formatBytes(45)).to.equal('45 bytes');
    expect(formatBytes(1)).to.equal('1 byte');
  });
});

describe('errorMessage', () => {
  it('should have a sentence for every API error code in both locales', async () => {
    for (const locale of ['en', 'fa'] as const) {
      await setLocale(locale);
      for (const code of errorCodes) {
        const text = errorMessage(code);
        expect(text, `${locale} ${code}`).to.be.a('string').and.not.equal('');
        if (locale === 'fa') expect(text, code).to.match(/[\u0600-\u06FF]/);
      }
    }
  });
});
