import { msg } from '@lit/localize';
import { isApiError, isNetworkError, type ErrorCode } from '@citizen-counter/sdk';

/** A failure as the widget shows it: a stable code, a sentence in the active locale, maybe a field. */
export interface ShownError {
  code: ErrorCode | 'network_error';
  message: string;
  /** The form field the server blamed (`details.field`), if any. */
  field?: string;
}

/** Codes only staff or operator calls cause, or the service's own failure: one sentence covers them. */
type ServiceSideCode =
  | 'internal_error'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress'
  | 'org_exists'
  | 'forbidden'
  | 'request_already_decided'
  | 'letter_number_taken'
  | 'unit_in_use'
  | 'staff_not_found'
  | 'staff_exists'
  | 'last_admin'
  | 'request_changed'
  | 'documents_already_requested'
  | 'supplement_rounds_exceeded'
  | 'documents_not_requested'
  | 'request_already_at_secretariat'
  | 'template_invalid'
  | 'template_not_found'
  | 'template_exists'
  | 'letter_pattern_invalid'
  | 'unit_code_taken'
  | 'webhook_url_not_allowed';

/** The one sentence for {@link ServiceSideCode}s; typed by them so the switch below stays exhaustive. */
function somethingWentWrong(_code: ServiceSideCode): string {
  return msg('Something went wrong. Please try again later.');
}

/**
 * The sentence for each API error code. A switch over the `ErrorCode` union whose default takes
 * only {@link ServiceSideCode}s, so TypeScript reports a code the SDK adds and this file forgets
 * (the bundle carries no list of those codes). The server's English `message` is never shown.
 */
export function errorMessage(code: ErrorCode): string {
  switch (code) {
    case 'invalid_input':
    case 'invalid_json':
    case 'unsupported_media_type':
    case 'field_required':
      return msg('Some information is missing or not valid.');
    case 'payload_too_large':
    case 'file_too_large':
      return msg('The file is larger than allowed.');
    case 'rate_limited':
    case 'otp_rate_limited':
      return msg('Too many tries. Please wait a few minutes.');
    case 'origin_not_allowed':
      return msg('This website may not use this counter.');
    case 'not_found':
    case 'method_not_allowed':
    case 'org_not_found':
      return msg('This counter was not found.');
    case 'unauthorized':
    case 'session_expired':
      return msg('Your login has expired. Please log in again.');
    case 'human_check_failed':
    case 'human_check_expired':
      return msg('The security check failed. Please try again.');
    case 'human_check_image_required':
      return msg('Many codes are being asked for right now. Type the security code in the image to get yours.');
    case 'phone_invalid':
    case 'country_not_allowed':
      return msg('Enter a valid mobile number, e.g. 0912 123 4567.');
    case 'otp_cooldown':
      return msg('A code was just sent. Please wait a little.');
    case 'otp_invalid':
      return msg('The code is not correct.');
    case 'otp_expired':
      return msg('The code has expired. Ask for a new one.');
    case 'otp_used':
      return msg('This code was already used. Ask for a new one.');
    case 'otp_attempts_exceeded':
      return msg('Too many wrong tries. Ask for a new code.');
    case 'field_too_long':
      return msg('This text is too long.');
    case 'unit_not_found':
      return msg('Choose a unit from the list.');
    case 'file_missing':
    case 'file_too_many':
      return msg('Attach one body file.');
    case 'file_type_not_allowed':
    case 'file_type_mismatch':
      return msg('This file format is not accepted.');
    case 'file_empty':
      return msg('The file is empty.');
    case 'appeal_not_allowed':
    case 'appeal_window_closed':
      return msg('This request cannot be appealed.');
    case 'request_not_found':
    case 'file_not_found':
      return msg('Not found.');
    case 'file_removed':
      return msg('This file was removed under the organization\'s retention policy.');
    default:
      // Also what a code from a newer server than this widget gets, instead of no sentence at all.
      return somethingWentWrong(code);
  }
}

/** Turns anything a call threw into what the widget shows. */
export function describeError(error: unknown): ShownError {
  if (isApiError(error)) {
    const field = error.details['field'];
    const shown: ShownError = { code: error.code, message: errorMessage(error.code) };
    if (typeof field === 'string') shown.field = field;
    return shown;
  }
  if (isNetworkError(error)) {
    return { code: 'network_error', message: msg('The service could not be reached. Check your connection.') };
  }
  return { code: 'internal_error', message: errorMessage('internal_error') };
}
