import { css } from './css-tag.js';
import { sharedStyles } from './shared.styles.js';

/** The login view: the shared form, and the security code image beside its "new code" button. */
export const loginViewStyles = [
  sharedStyles,
  css`
    .captcha { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
    .captcha img { block-size: 50px; inline-size: auto; background: #fff; border: 1px solid var(--_line); border-radius: var(--_radius); }
  `,
];
