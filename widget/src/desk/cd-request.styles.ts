import { css } from '@lit/reactive-element/css-tag.js';

/** The request pane: title with badges, the action bar, facts beside the file preview, timeline and notes. */
export const requestPaneStyles = css`
  :host { display: grid; gap: 1rem; align-content: start; }
  .title { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; }
  .title h3 { margin: 0; font-size: 1.2rem; }
  .bar { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .bar button[aria-pressed='true'] { outline: 3px solid var(--_focus); }
  .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
  section h4 { font-size: 1rem; margin-block-end: 0.5rem; }
  .preview { display: block; inline-size: 100%; block-size: 24rem; margin-block-start: 0.5rem; border: 1px solid var(--_line); border-radius: var(--_radius); background: var(--_subtle); object-fit: contain; }
  .timeline, .notes ol { list-style: none; padding: 0; margin: 0 0 0.75rem; display: grid; gap: 0.5rem; }
  .timeline li { border-inline-start: 3px solid var(--_line); padding-inline-start: 0.75rem; }
  .notes li { background: #fffbeb; border: 1px solid #fcd34d; border-radius: var(--_radius); padding: 0.5rem 0.75rem; }
  .notes form { gap: 0.4rem; }
  textarea { font: inherit; color: inherit; inline-size: 100%; padding: 0.5rem 0.75rem; border: 1px solid var(--_line); border-radius: var(--_radius); }
  textarea:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  .when { display: block; color: var(--_muted); font-size: 0.85rem; font-weight: 400; }
  .pre { white-space: pre-wrap; margin: 0.25rem 0 0; }
  .overdue { color: var(--_danger); font-weight: 700; }
  .appeal { border: 1px solid var(--_danger); color: var(--_danger); border-radius: var(--_radius); padding-inline: 0.35rem; font-weight: 700; font-size: 0.85rem; }
  .file-button { display: inline-flex; gap: 0.5rem; align-items: baseline; flex-wrap: wrap; }
  .file-button .when { display: inline; }
`;
