import { nothing, render, type RenderOptions, type RootPart } from 'lit-html';
import { adoptStyles, type StyleSheets, type StyleSheetSource } from './css-tag.js';
import type { PropertyDeclaration, PropertyDeclarations, PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';

/** Per class: attribute name → property name (filled when the class is first defined). */
const attributeMaps = new WeakMap<object, Map<string, PropertyKey>>();
/** Per class: properties reflected to their attribute → that attribute's name. */
const reflectedMaps = new WeakMap<object, Map<PropertyKey, string>>();

/** `static properties` of a class and its ancestors, the nearest winning, as Lit merges them. */
function declarationsOf(ctor: typeof BaseElement): Map<PropertyKey, PropertyDeclaration> {
  const chain: (typeof BaseElement)[] = [];
  for (let current = ctor; current !== BaseElement; current = Object.getPrototypeOf(current) as typeof BaseElement) chain.unshift(current);
  const declarations = new Map<PropertyKey, PropertyDeclaration>();
  for (const current of chain) {
    if (!Object.hasOwn(current, 'properties')) continue;
    for (const [name, declaration] of Object.entries(current.properties)) declarations.set(name, declaration);
  }
  return declarations;
}

/**
 * The reactive base of every element of the counter and the desk: the part of Lit's `LitElement`
 * they use — declared properties (attributes, reflection, internal state), styles adopted into an
 * open shadow root, batched asynchronous updates (`willUpdate`, `render` with lit-html, `firstUpdated`,
 * `updated`, `updateComplete`) and reactive controllers — in a fraction of its bytes, for a citizen
 * widget that has to load on cheap phones. The semantics follow Lit's: a property set to an equal
 * value (`Object.is`) changes nothing; sets during `willUpdate` join the update under way; the first
 * update waits for the element to be connected.
 */
export class BaseElement extends HTMLElement implements ReactiveControllerHost {
  /** The reactive properties, as in Lit: `{}` is a public property with a lower-case attribute. */
  static properties: PropertyDeclarations = {};
  /** Styles adopted into the shadow root. */
  static styles?: StyleSheets;

  /** Defines the declared properties' accessors and answers the attributes to observe (read by `customElements.define`). */
  static get observedAttributes(): string[] {
    if (!attributeMaps.has(this)) BaseElement.#finalize(this);
    return [...attributeMaps.get(this)!.keys()];
  }

  /** The class's `styles`, flattened, each once, as the shadow root adopts them (Lit's name). */
  static get elementStyles(): StyleSheetSource[] {
    const styles: StyleSheetSource[] = [];
    const add = (group: StyleSheets | undefined): void => {
      if (Array.isArray(group)) group.forEach(add);
      else if (group && !styles.includes(group)) styles.push(group);
    };
    add(this.styles);
    return styles;
  }

  static #finalize(ctor: typeof BaseElement): void {
    const attributes = new Map<string, PropertyKey>();
    const reflected = new Map<PropertyKey, string>();
    for (const [name, declaration] of declarationsOf(ctor)) {
      const attribute = declaration.state || declaration.attribute === false ? null : typeof declaration.attribute === 'string' ? declaration.attribute : String(name).toLowerCase();
      if (attribute !== null) attributes.set(attribute, name);
      if (attribute !== null && declaration.reflect) reflected.set(name, attribute);
      if (Object.prototype.hasOwnProperty.call(ctor.prototype, name)) continue;
      Object.defineProperty(ctor.prototype, name, {
        get(this: BaseElement) {
          return this.#values.get(name);
        },
        set(this: BaseElement, value: unknown) {
          const old = this.#values.get(name);
          this.#values.set(name, value);
          this.requestUpdate(name, old);
        },
        configurable: true,
        enumerable: true,
      });
    }
    attributeMaps.set(ctor, attributes);
    reflectedMaps.set(ctor, reflected);
  }

  /** The shadow root the element renders into; there once the element was first connected. */
  renderRoot!: HTMLElement | DocumentFragment;
  /** Whether the element has rendered at least once. */
  hasUpdated = false;
  /** lit-html's options: event listeners run with the element as `this`. */
  readonly renderOptions: RenderOptions = { host: this };

  readonly #values = new Map<PropertyKey, unknown>();
  #changed: PropertyValues = new Map();
  readonly #controllers = new Set<ReactiveController>();
  #pending = false;
  #updateComplete: Promise<boolean>;
  #enable!: () => void;
  #part: RootPart | undefined;

  constructor() {
    super();
    this.#updateComplete = new Promise<void>((resolve) => (this.#enable = resolve)).then(() => this.#update());
    this.#pending = true;
  }

  connectedCallback(): void {
    this.renderRoot ??= this.createRenderRoot();
    this.#enable();
    this.#part?.setConnected(true);
    for (const controller of this.#controllers) controller.hostConnected?.();
  }

  disconnectedCallback(): void {
    this.#part?.setConnected(false);
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const name = attributeMaps.get(this.constructor)?.get(attribute);
    if (name !== undefined) (this as unknown as Record<PropertyKey, unknown>)[name] = value;
  }

  /** An open shadow root with the class's styles adopted. */
  protected createRenderRoot(): HTMLElement | DocumentFragment {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    adoptStyles(root, (this.constructor as typeof BaseElement).elementStyles);
    // Rendered content goes before any <style> a browser without adoptedStyleSheets was given.
    this.renderOptions.renderBefore ??= root.firstChild;
    return root;
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.renderRoot !== undefined && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  /** Schedules an update; with a property's name and old value, records the change unless the value is the same. */
  requestUpdate(name?: PropertyKey, old?: unknown): void {
    if (name !== undefined) {
      if (Object.is((this as unknown as Record<PropertyKey, unknown>)[name], old)) return;
      if (!this.#changed.has(name)) this.#changed.set(name, old);
    }
    if (this.#pending) return;
    this.#pending = true;
    // After the update before it, even one that failed (its own updateComplete said so).
    this.#updateComplete = this.#updateComplete.catch(() => false).then(() => this.#update());
  }

  /** Settles once no update is pending (`true`), as Lit's does. */
  get updateComplete(): Promise<boolean> {
    return this.#updateComplete.then(() => (this.#pending ? this.updateComplete : true));
  }

  #update(): boolean {
    const changed = this.#changed;
    try {
      this.enterUpdate();
      this.willUpdate(changed);
      for (const controller of this.#controllers) controller.hostUpdate?.();
      for (const [name, attribute] of reflectedMaps.get(this.constructor) ?? []) {
        if (!changed.has(name)) continue;
        const value = (this as unknown as Record<PropertyKey, unknown>)[name];
        if (value === null || value === undefined) this.removeAttribute(attribute);
        else this.setAttribute(attribute, String(value));
      }
      this.#part = render(this.render(), this.renderRoot, this.renderOptions);
    } finally {
      this.#changed = new Map();
      this.#pending = false;
    }
    for (const controller of this.#controllers) controller.hostUpdated?.();
    if (!this.hasUpdated) {
      this.hasUpdated = true;
      this.firstUpdated(changed);
    }
    this.updated(changed);
    return true;
  }

  /** First of every update, before `willUpdate`: for context all of the update reads (the locale). */
  protected enterUpdate(): void {}

  /** Before rendering: derive state from the changed properties (sets here join this update). */
  protected willUpdate(_changed: PropertyValues): void {}

  /** What the element shows, as a lit-html template. */
  protected render(): unknown {
    return nothing;
  }

  /** After the first render. */
  protected firstUpdated(_changed: PropertyValues): void {}

  /** After each render. */
  protected updated(_changed: PropertyValues): void {}
}
