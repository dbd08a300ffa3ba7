import { css } from '@lit/reactive-element/css-tag.js';

/** The desk: a header band, then the queue beside the open request on wide screens, one of them on narrow ones. */
export const deskStyles = css`
  :host { --_desk-height: var(--cd-height, calc(100vh - 6rem)); }
  .frame { background: var(--_surface); border: 1px solid var(--_line); border-radius: var(--_radius); overflow: hidden; }
  .head {
    display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between;
    background: var(--_primary); color: var(--_primary-ink); padding-block: 0.6rem; padding-inline: 1rem;
  }
  .head h2 { margin: 0; font-size: 1.1rem; }
  .head .service { margin: 0; font-size: 0.85rem; opacity: 0.9; }
  .who { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  .head button { border-color: var(--_primary-ink); background: transparent; color: var(--_primary-ink); min-block-size: 36px; }
  .notice { background: var(--_subtle); border-inline-start: 4px solid var(--_primary); padding-block: 0.5rem; padding-inline: 0.75rem; margin: 1rem; }
  .notice:empty { display: none; }
  .pad { padding: 1rem; }
  .narrow { max-inline-size: 30rem; margin-inline: auto; }
  .desk { display: grid; grid-template-columns: minmax(18rem, 26rem) 1fr; min-block-size: var(--_desk-height); }
  .queue { border-inline-end: 1px solid var(--_line); padding: 0.75rem; overflow-y: auto; max-block-size: var(--_desk-height); }
  .request { padding: 1rem; overflow-y: auto; max-block-size: var(--_desk-height); }
  .back { display: none; }
  .empty { color: var(--_muted); }
  dialog { border: 1px solid var(--_line); border-radius: var(--_radius); max-inline-size: 26rem; }
  dialog::backdrop { background: rgb(0 0 0 / 0.35); }
  .keys { grid-template-columns: 4rem 1fr; margin-block-end: 1rem; }
  kbd { font: inherit; font-weight: 700; border: 1px solid var(--_line); border-block-end-width: 3px; border-radius: 4px; padding-inline: 0.45rem; }
  @media (max-width: 760px) {
    .desk { grid-template-columns: 1fr; }
    .queue, .request { max-block-size: none; border: 0; }
    .desk.has-open .queue { display: none; }
    .desk:not(.has-open) .request { display: none; }
    .back { display: inline-block; margin-block-end: 0.5rem; }
  }
`;
