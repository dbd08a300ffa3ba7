import { css } from './css-tag.js';
import { filePickerStyles } from './cc-submit-view.styles.js';
import { sharedStyles, statusStyles } from './shared.styles.js';

/** One request: its card, the form for documents, the timeline (numbered in Persian digits in RTL) and the reply. */
export const requestDetailStyles = [
  sharedStyles,
  statusStyles,
  filePickerStyles,
  css`
    ol { padding-inline-start: 1.25rem; margin-block: 0.5rem 1rem; }
    :host(:dir(rtl)) ol { list-style-type: persian; }
    li { margin-block-end: 0.5rem; }
    .when { color: var(--_muted); font-size: 0.875rem; }
    section { margin-block-start: 1rem; }
    h4 { margin-block: 0 0.5rem; }
    .back { margin-block-start: 1rem; }
  `,
];
