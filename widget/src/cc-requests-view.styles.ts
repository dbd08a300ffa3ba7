import { css } from './css-tag.js';
import { sharedStyles, statusStyles } from './shared.styles.js';

/** The list of requests: the heading with the New request button, the search row, and one status-coloured card per request, marked when replied to. */
export const requestsViewStyles = [
  sharedStyles,
  statusStyles,
  css`
    .top { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; margin-block-end: 1rem; }
    .top h3 { margin: 0; }
    .search { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
    .search .field { flex: 1 1 12rem; }
    ol { list-style: none; padding: 0; margin-block: 1rem; display: grid; gap: 0.75rem; }
    .card h4 { margin-block: 0 0.5rem; font-size: 1.05rem; overflow-wrap: anywhere; }
    .card .actions { margin-block-start: 0.75rem; }
    .replied { color: var(--_primary); font-weight: 700; }
    cc-my-data { margin-block-start: 1.5rem; }
  `,
];
