import type { ChallengeQuery, HumanCheckChallenge, OtpRequestInput, OtpRequestResult, Session, SessionInput, StaffSession } from '@citizen-counter/sdk';

/**
 * What the login and code views need of a client: the citizen's `CitizenClient` and the desk's
 * `StaffClient` both are one, so the same two views log in citizens and staff.
 */
export interface LoginClient {
  createChallenge(query?: ChallengeQuery): Promise<HumanCheckChallenge>;
  requestOtp(input: OtpRequestInput): Promise<OtpRequestResult>;
  login(input: SessionInput): Promise<Session | StaffSession>;
}
