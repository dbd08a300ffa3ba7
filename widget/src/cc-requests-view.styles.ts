import { css } from '@lit/reactive-element/css-tag.js';
import { sharedStyles, statusStyles } from './shared.styles.js';

/** The list of requests: the search row, and one status-coloured card per request, marked when replied to. */
export const requestsViewStyles = [
  sharedStyles,
  statusStyles,
  css`
    .search { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
    .search .field { flex: 1 1 12rem; }
    ol { list-style: none; padding: 0; margin-block: 1rem; display: grid; gap: 0.75rem; }
    .card h4 { margin-block: 0 0.5rem; font-size: 1.05rem; overflow-wrap: anywhere; }
    .card .actions { margin-block-start: 0.75rem; }
    .replied { color: var(--_primary); font-weight: 700; }
  `,
];
