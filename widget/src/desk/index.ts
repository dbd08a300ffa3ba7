export { CounterDesk } from './counter-desk.js';
export type { CdActionDetail, CdLoginDetail, CcErrorDetail } from '../events.js';
