import type { Static } from '@sinclair/typebox';
import type { ErrorBodySchema } from './schemas/errors.js';

/**
 * Every error code the API answers with, in `{"error": {"code", "message", "details"}}`.
 * Codes are stable: clients choose what to show by `code`, never by the English `message`.
 */
export const errorCodes = [
  // generic
  'invalid_input',
  'invalid_json',
  'payload_too_large',
  'not_found',
  'method_not_allowed',
  'unsupported_media_type',
  'rate_limited',
  'origin_not_allowed',
  'internal_error',
  // tenancy and auth
  'org_not_found',
  'org_exists',
  'unauthorized',
  'forbidden',
  'session_expired',
  // human check
  'human_check_failed',
  'human_check_expired',
  'human_check_image_required',
  // phone and OTP
  'phone_invalid',
  'country_not_allowed',
  'otp_cooldown',
  'otp_rate_limited',
  'otp_invalid',
  'otp_expired',
  'otp_used',
  'otp_attempts_exceeded',
  // submission
  'field_required',
  'field_too_long',
  'unit_not_found',
  'file_missing',
  'file_too_many',
  'file_too_large',
  'file_type_not_allowed',
  'file_type_mismatch',
  'file_empty',
  'idempotency_key_reused',
  'idempotency_in_progress',
  // staff
  'request_not_found',
  'file_not_found',
  'file_removed',
  'request_already_decided',
  'letter_number_taken',
  'unit_in_use',
  // the desk
  'staff_not_found',
  'staff_exists',
  'last_admin',
  'request_changed',
  'documents_already_requested',
  'supplement_rounds_exceeded',
  'documents_not_requested',
  'request_already_at_secretariat',
  // appeals
  'appeal_not_allowed',
  'appeal_window_closed',
  // templates and SMS texts
  'template_invalid',
  'template_not_found',
  'template_exists',
  // desk settings
  'letter_pattern_invalid',
  'unit_code_taken',
  // webhooks
  'webhook_url_not_allowed',
] as const;

/** A stable error code of the API. */
export type ErrorCode = (typeof errorCodes)[number];

/** `true` when `code` is one of the API's known error codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (errorCodes as readonly string[]).includes(code);
}

/** The JSON body of every error answer: `{error: {code, message, details?}}`. */
export type ErrorBody = Static<typeof ErrorBodySchema>;
