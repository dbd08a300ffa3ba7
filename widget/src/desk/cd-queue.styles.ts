import { css } from '@lit/reactive-element/css-tag.js';

/** The queue pane: view buttons that wrap, compact filters, a dense list of requests. */
export const queueStyles = css`
  .views { display: flex; flex-wrap: wrap; gap: 0.35rem; margin-block-end: 0.75rem; }
  .view { min-block-size: 36px; padding-inline: 0.7rem; font-size: 0.9rem; border-color: var(--_line); color: var(--_ink); }
  .view[aria-pressed='true'] { background: var(--_primary); border-color: var(--_primary); color: var(--_primary-ink); }
  .count { display: inline-block; min-inline-size: 1.4rem; padding-inline: 0.3rem; border-radius: 999px; background: var(--_subtle); color: var(--_ink); font-size: 0.8rem; }
  /* The text search and the unit on their own rows, the two dates of the range side by side. */
  .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: 0.5rem; align-items: start; margin-block-end: 0.75rem; }
  .filters > * { min-inline-size: 0; }
  .filters .q, .filters .unit { grid-column: 1 / -1; }
  .filters .row { display: flex; gap: 0.5rem; }
  .filters .row input { flex: 1; min-inline-size: 0; }
  .filters .row button { min-block-size: 38px; padding-block: 0.3rem; }
  .filters input, .filters select, .filters cd-date-field::part(input) { min-block-size: 38px; padding-block: 0.3rem; }
  .list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.4rem; }
  .item {
    display: grid;
    gap: 0.15rem;
    inline-size: 100%;
    text-align: start;
    font-weight: 400;
    color: var(--_ink);
    border: 1px solid var(--_line);
    border-inline-start: 5px solid var(--_status, var(--_line));
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
  }
  .item[aria-current='true'] { background: var(--_subtle); border-color: var(--_primary); border-inline-start-color: var(--_status, var(--_primary)); }
  .top { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  .code { font-weight: 700; }
  .subject { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .meta { color: var(--_muted); font-size: 0.85rem; }
  .overdue { color: var(--_danger); font-weight: 700; font-size: 0.85rem; }
  /* A rejection the citizen appealed: back at the secretariat for a second look. */
  .appeal { border: 1px solid var(--_danger); color: var(--_danger); border-radius: var(--_radius); padding-inline: 0.35rem; font-weight: 700; font-size: 0.75rem; }
  .replied { color: var(--_approved); font-weight: 600; }
  .badge { font-size: 0.75rem; padding-inline: 0.45rem; }
  .more { margin-block-start: 0.75rem; inline-size: 100%; }
`;
