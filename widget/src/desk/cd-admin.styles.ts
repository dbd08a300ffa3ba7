import { css } from '@lit/reactive-element/css-tag.js';

/** The admin pages: a title row with its main button, dense tables, forms in framed panels. */
export const adminStyles = css`
  :host { display: grid; gap: 0.75rem; align-content: start; }
  .top { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
  .top h3 { margin: 0; }
  table { border-collapse: collapse; inline-size: 100%; font-size: 0.95rem; }
  th, td { text-align: start; padding-block: 0.4rem; padding-inline: 0.5rem; border-block-end: 1px solid var(--_line); vertical-align: top; }
  th { color: var(--_muted); font-weight: 600; }
  tr.off td { color: var(--_muted); }
  .panel { border: 2px solid var(--_primary); border-radius: var(--_radius); padding: 1rem; gap: 0.75rem; }
  fieldset { border: 1px solid var(--_line); border-radius: var(--_radius); display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
  .check { display: inline-flex; gap: 0.4rem; align-items: center; font-weight: 400; }
  .check input { inline-size: auto; min-block-size: auto; }
  textarea { font: inherit; color: inherit; inline-size: 100%; padding: 0.5rem 0.75rem; border: 1px solid var(--_line); border-radius: var(--_radius); }
  textarea:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  .pre { white-space: pre-wrap; margin: 0; }
  .muted { color: var(--_muted); font-size: 0.875rem; }
  .secret { font-family: monospace; overflow-wrap: anywhere; background: var(--_subtle); padding: 0.5rem; border-radius: var(--_radius); }
  .hidden { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
