import { call, createHttp, type ClientOptions } from './http.js';
import type { ReceiptVerification } from './types.js';

/**
 * Checks a receipt as anyone scanning its QR code would, without a session: `receiptUrl` is the
 * link a citizen's request carries (`…/v1/orgs/:org/receipts/:trackingCode?sig=…`), asked of the
 * service it names. A function of its own rather than a client method, so bundles that only print
 * receipts do not carry it.
 *
 * @example
 * ```ts
 * const result = await verifyReceipt(request.receiptUrl);
 * if (result.genuine) console.log(result.status, result.unit.name.fa);
 * ```
 */
export function verifyReceipt(receiptUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}): Promise<ReceiptVerification> {
  const url = new URL(receiptUrl);
  const http = createHttp({ ...options, baseUrl: url.origin }, () => null);
  return call(() => http.get(`${url.pathname.slice(1)}${url.search}`).json<ReceiptVerification>());
}
