import { normalizeDigits } from '@citizen-counter/sdk';

/**
 * The login code in a service's dev SMS inbox for `phone` (E.164), waited for: the code SMS leaves
 * through the outbox after the answer that queued it, so it may land a moment later.
 */
export async function devInboxCode(base: string, phone: string, ms = 10_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { items } = (await (await fetch(`${base}/dev/sms?to=${encodeURIComponent(phone)}`)).json()) as { items: { text: string }[] };
    const code = items[0] ? /\d{6}/.exec(normalizeDigits(items[0].text))?.[0] : undefined;
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`No code reached the dev inbox for ${phone}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
