/**
 * Prints only the receipt. The receipt lives in shadow DOM, where a host page's print stylesheet
 * cannot reach, so a copy of it goes into a hidden same-origin iframe and that frame is printed.
 * The copy is made with DOM calls and styled through the CSSOM (no markup with inline script or
 * style), so it works under a strict Content-Security-Policy.
 * @param receipt the receipt's element, copied as it is shown (its text is already localized)
 * @returns the frame; it removes itself after printing.
 */
export function printReceipt(receipt: Element, title: string, print: (frame: Window) => void): HTMLIFrameElement {
  for (const old of document.querySelectorAll('iframe[data-cc-print]')) old.remove();
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.dataset['ccPrint'] = '';
  Object.assign(frame.style, { position: 'fixed', insetInlineStart: '-10000px', inlineSize: '800px', border: '0' });
  document.body.append(frame);
  const win = frame.contentWindow!;
  const doc = win.document;
  const host = receipt.getRootNode() instanceof ShadowRoot ? (receipt.getRootNode() as ShadowRoot).host : receipt;
  doc.documentElement.lang = host.closest('[lang]')?.getAttribute('lang') ?? '';
  doc.documentElement.dir = getComputedStyle(receipt).direction;
  doc.title = title;
  doc.body.style.font = '1.1rem/2 Vazirmatn, Tahoma, sans-serif';
  const heading = doc.createElement('h1');
  heading.textContent = title;
  doc.body.append(heading, doc.importNode(receipt, true));
  win.addEventListener('afterprint', () => setTimeout(() => frame.remove(), 0));
  print(win);
  return frame;
}
