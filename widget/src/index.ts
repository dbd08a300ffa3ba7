export { CitizenCounter } from './citizen-counter.js';
export type { CcErrorDetail, CcLoginDetail, CcSubmitDetail } from './events.js';
