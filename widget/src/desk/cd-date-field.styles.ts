import { css } from '@lit/reactive-element/css-tag.js';

/** A label, the input and one line under it (the example, the date in words or the error). */
export const dateFieldStyles = css`
  :host { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.3rem; align-content: start; }
  .hint, .error { margin: 0; font-size: 0.8rem; line-height: 1.4; }
`;
