import { css } from './css-tag.js';
import { sharedStyles } from './shared.styles.js';

/** The receipt: a dashed box, as a paper slip, with the tracking code large. */
export const receiptViewStyles = [
  sharedStyles,
  css`
    .receipt { border: 2px dashed var(--_line); border-radius: var(--_radius); padding: 1rem; margin-block-end: 1rem; }
    .code { font-size: 1.5rem; letter-spacing: 0.1em; color: var(--_primary); }
  `,
];
