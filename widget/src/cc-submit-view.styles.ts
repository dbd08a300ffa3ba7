import { css } from './css-tag.js';
import { sharedStyles } from './shared.styles.js';

/**
 * The body-file picker. The native `<input type=file>` draws its button and "no file" text in the
 * browser's UI language, not the page's, so it lies transparent over a row of our own: a
 * button-like label and the chosen file. The input stays the thing that is clicked, focused,
 * dropped on and named by the field's label; the row only shows its state.
 */
export const filePickerStyles = css`
  .file { position: relative; display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; }
  .pick {
    display: inline-flex;
    align-items: center;
    min-block-size: 44px;
    padding-inline: 1.1rem;
    font-weight: 600;
    color: var(--_primary);
    background: var(--_surface);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
  }
  .file:hover .pick { background: var(--_subtle); }
  .file input { position: absolute; inset: 0; block-size: 100%; opacity: 0; cursor: pointer; }
  .file:has(input:focus-visible) .pick { outline: 3px solid var(--_focus); outline-offset: 2px; }
  .file:has(input[aria-invalid='true']) .pick { border: 2px solid var(--_danger); }
  .file .hint { overflow-wrap: anywhere; }
`;

/** The submit form: the shared form styles and the file picker. */
export const submitViewStyles = [sharedStyles, filePickerStyles];
