import { css } from './css-tag.js';

/**
 * Styles every view shares: the public `--cc-*` custom properties resolve to private `--_*` ones,
 * and only logical properties are used so the same rules serve RTL (fa) and LTR (en).
 */
export const sharedStyles = css`
  :host {
    --_primary: var(--cc-primary, #1a56a4);
    --_primary-ink: var(--cc-primary-ink, #ffffff);
    --_ink: var(--cc-ink, #1f2937);
    --_muted: var(--cc-muted, #4b5563);
    --_surface: var(--cc-surface, #ffffff);
    --_subtle: var(--cc-subtle, #f3f5f8);
    --_line: var(--cc-border, #c9d1dc);
    --_danger: var(--cc-danger, #b42318);
    --_radius: var(--cc-radius, 8px);
    --_review: var(--cc-status-review, #1d4ed8);
    --_rejected: var(--cc-status-rejected, #b42318);
    --_approved: var(--cc-status-approved, #15803d);
    --_documents: var(--cc-status-documents, #b45309);
    --_focus: var(--cc-focus, #f59e0b);
    display: block;
    color: var(--_ink);
    font-family: var(--cc-font-family, Vazirmatn, Tahoma, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--cc-font-size, 1rem);
    line-height: 1.6;
  }
  * { box-sizing: border-box; }
  h2, h3, h4 { margin-block: 0 0.75rem; line-height: 1.4; }
  ul { margin: 0; padding-inline-start: 1.25rem; }
  h2 { font-size: 1.25rem; }
  h3 { font-size: 1.1rem; }
  p { margin-block: 0 0.75rem; }
  form { display: grid; gap: 1rem; }
  .field { display: grid; gap: 0.3rem; }
  label, .label { font-weight: 600; }
  .hint { color: var(--_muted); font-size: 0.875rem; }
  .hint:empty { display: none; }
  .req, .over { color: var(--_danger); }
  input, select, textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    min-block-size: 44px;
    inline-size: 100%;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--_danger); border-width: 2px; }
  input:focus-visible, select:focus-visible, textarea:focus-visible, button:focus-visible, a:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .ltr { direction: ltr; text-align: start; }
  :host(:dir(rtl)) .ltr { text-align: end; }
  button, a.button {
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    min-block-size: 44px;
    min-inline-size: 44px;
    padding-block: 0.5rem;
    padding-inline: 1.1rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_primary);
    background: var(--_surface);
    color: var(--_primary);
  }
  a.button { display: inline-flex; align-items: center; text-decoration: none; }
  button.primary, a.primary { background: var(--_primary); color: var(--_primary-ink); }
  button.link { border-color: transparent; background: none; padding-inline: 0.5rem; text-decoration: underline; }
  button:disabled { cursor: not-allowed; opacity: 0.6; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
  .error { color: var(--_danger); font-weight: 600; margin: 0; }
  .error:empty { display: none; }
  .status { color: var(--_muted); margin: 0; }
  .box {
    background: var(--_subtle);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding-block: 0.75rem;
    padding-inline: 1rem;
    margin-block-end: 1rem;
  }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0; }
  dt { color: var(--_muted); }
  dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
  @media (max-width: 420px) {
    dl { grid-template-columns: 1fr; gap: 0 0; }
    dd { margin-block-end: 0.5rem; }
    .actions > button, .actions > a { flex: 1 1 100%; justify-content: center; }
  }
`;

/** Status colours: blue under review, red rejected, green approved (as in the seeds), amber awaiting documents. */
export const statusStyles = css`
  .badge {
    display: inline-block;
    padding-block: 0.1rem;
    padding-inline: 0.6rem;
    border-radius: 999px;
    font-size: 0.875rem;
    font-weight: 700;
    border: 1px solid currentColor;
    background: var(--_surface);
  }
  .under_review { --_status: var(--_review); }
  .rejected { --_status: var(--_rejected); }
  .approved { --_status: var(--_approved); }
  .needs_documents { --_status: var(--_documents); }
  .badge, .status-text { color: var(--_status); }
  .card {
    border: 1px solid var(--_line);
    border-inline-start: 6px solid var(--_status);
    border-radius: var(--_radius);
    padding-block: 0.75rem;
    padding-inline: 1rem;
    background: var(--_surface);
  }
`;
