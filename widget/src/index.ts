export { CitizenCounter, type PrefillValues } from './citizen-counter.js';
export type { CcErrorDetail, CcLoginDetail, CcReplyDetail, CcSubmitDetail, CcView, CcViewDetail } from './events.js';
