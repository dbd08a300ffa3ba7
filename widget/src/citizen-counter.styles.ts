import { css } from './css-tag.js';

/** The shell: a framed card with the org's header, the tabs and the active view; in launcher mode a floating button and a dialog. */
export const shellStyles = css`
  .frame {
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    overflow: hidden;
    max-inline-size: var(--cc-max-width, 48rem);
    margin-inline: auto;
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
    /* At least the login view's height from the first paint ("Loading…" included), so that the
       host page does not move when the view arrives; the host page reserves the same before the
       bundle runs (citizen-counter:not(:defined), widget/README.md). */
    min-block-size: var(--cc-min-height, 23rem);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
    background: var(--_primary);
    color: var(--_primary-ink);
    padding-block: 0.75rem;
    padding-inline: 1.25rem;
  }
  .head h2 { margin: 0; font-size: 1.15rem; }
  .head .service { margin: 0; font-size: 0.875rem; opacity: 0.9; }
  .head .who { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  .head button { border-color: var(--_primary-ink); background: transparent; color: var(--_primary-ink); }
  .head button:focus-visible { outline-color: var(--_primary-ink); }
  .body { padding-block: 1.25rem; padding-inline: 1.25rem; }
  .notice { background: var(--_subtle); border-inline-start: 4px solid var(--_primary); padding-block: 0.5rem; padding-inline: 0.75rem; margin-block-end: 1rem; }
  .notice:empty { display: none; }
  [role='tablist'] {
    display: flex;
    gap: 0.25rem;
    border-block-end: 2px solid var(--_line);
    margin-block-end: 1.25rem;
  }
  [role='tab'] {
    flex: 1 1 0;
    border: 0;
    border-block-end: 4px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: var(--_muted);
    margin-block-end: -2px;
  }
  [role='tab'][aria-selected='true'] { color: var(--_primary); border-block-end-color: var(--_primary); background: var(--_subtle); }
  .launcher {
    position: fixed;
    z-index: 2147483000;
    inset-block-end: var(--cc-launcher-inset-block-end, 1rem);
    inset-inline-end: var(--cc-launcher-inset-inline-end, 1rem);
    border-radius: 999px;
    box-shadow: 0 2px 10px rgb(0 0 0 / 0.3);
  }
  dialog { padding: 0; border: 0; background: none; inline-size: min(100% - 1rem, var(--cc-max-width, 48rem)); max-inline-size: none; }
  dialog::backdrop { background: rgb(0 0 0 / 0.5); }
  @media (max-width: 420px) {
    .body, .head { padding-inline: 0.875rem; }
  }
`;
