import { css } from '@lit/reactive-element/css-tag.js';

/** The action form: a framed panel, the confirmation's "what the citizen is told" box set apart. */
export const actionPanelStyles = css`
  form { border: 2px solid var(--_primary); border-radius: var(--_radius); padding: 1rem; gap: 0.75rem; background: var(--_surface); }
  h4 { margin: 0; }
  textarea { font: inherit; color: inherit; inline-size: 100%; padding: 0.5rem 0.75rem; border: 1px solid var(--_line); border-radius: var(--_radius); resize: vertical; }
  textarea:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  .sms { background: var(--_subtle); border-inline-start: 4px solid var(--_primary); padding-block: 0.5rem; padding-inline: 0.75rem; }
  .sms p { margin: 0; }
  .said { white-space: pre-wrap; font-weight: 600; }
`;
