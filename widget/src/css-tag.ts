/**
 * A style sheet of the counter, written with {@link css}: its text, and one constructed sheet that
 * every shadow root adopting it shares. Lit's `CSSResult` has the same two members, so the desk's
 * sheets made with Lit's `css` are adopted alike.
 */
export interface StyleSheetSource {
  readonly cssText: string;
  readonly styleSheet: CSSStyleSheet | undefined;
}

/** Sheets as elements declare them: one, or lists of them, nested. */
export type StyleSheets = StyleSheetSource | StyleSheets[];

/** Whether shadow roots can adopt constructed sheets (all browsers since 2023). */
const adopting = 'adoptedStyleSheets' in Document.prototype;

class Sheet implements StyleSheetSource {
  #sheet: CSSStyleSheet | undefined;
  constructor(readonly cssText: string) {}

  get styleSheet(): CSSStyleSheet | undefined {
    if (adopting && !this.#sheet) (this.#sheet = new CSSStyleSheet()).replaceSync(this.cssText);
    return this.#sheet;
  }
}

/**
 * A static style sheet (the counter's sheets have no `${}`): the part of Lit's `css` it uses, for a
 * fraction of the bytes.
 */
export const css = (strings: TemplateStringsArray): StyleSheetSource => new Sheet(strings.join(''));

/** Adopts the sheets into a shadow root; an older browser gets `<style>` elements instead. */
export function adoptStyles(root: ShadowRoot, sheets: StyleSheetSource[]): void {
  if (adopting) root.adoptedStyleSheets = sheets.map((sheet) => sheet.styleSheet!);
  else for (const sheet of sheets) root.append(Object.assign(document.createElement('style'), { textContent: sheet.cssText }));
}
