import { sharedStyles } from './shared.styles.js';

/** The code view: one field and its buttons, which the shared form styles already draw. */
export const codeViewStyles = [sharedStyles];
