import type { OtpRequestResult } from '@citizen-counter/sdk';
import { AppError, conflict, invalidInput, notFound, tooMany, unauthorized } from './app-error.js';

/*
 * Every stable error situation of the API, one factory each, so that a message is written once
 * and a reader finds what a code means in one place. Codes and messages are part of the contract:
 * clients choose their text by code, and tests assert both.
 */

// Phone, one-time codes and login.

/** 400 `phone_invalid`: not a mobile number in any form the service reads. */
export function phoneInvalid(): AppError {
  return new AppError(400, 'phone_invalid', 'That is not a mobile number.');
}

/** 400 `country_not_allowed`, with the calling codes the org accepts. */
export function countryNotAllowed(allowed: readonly string[]): AppError {
  return new AppError(400, 'country_not_allowed', 'This org does not accept numbers of that country.', { allowed });
}

/** 400 `otp_invalid`: a wrong code, the same answer whether or not the phone has a live code. */
export function otpInvalid(): AppError {
  return new AppError(400, 'otp_invalid', 'The code is wrong.');
}

/** 400 `otp_used`: the latest code was already exchanged for a session. */
export function otpUsed(): AppError {
  return new AppError(400, 'otp_used', 'This code was used; ask for a new one.');
}

/** 409 `otp_used`: a concurrent login of the same number created the citizen first. */
export function otpLoginInProgress(): AppError {
  return new AppError(409, 'otp_used', 'Another login for this number is in progress.');
}

/** 400 `otp_attempts_exceeded`: too many wrong tries of one code. */
export function otpAttemptsExceeded(): AppError {
  return new AppError(400, 'otp_attempts_exceeded', 'Too many wrong tries; ask for a new code.');
}

/** 400 `otp_expired`. */
export function otpExpired(): AppError {
  return new AppError(400, 'otp_expired', 'The code has expired; ask for a new one.');
}

/**
 * 429 `otp_cooldown`: a code was sent to this number moments ago; `details` also carries that
 * code's `phone`, `codeLength`, `expiresAt` and `resendAt` (the shape of a sent code's answer).
 */
export function otpCooldown(retryAfterSeconds: number, sent: OtpRequestResult): AppError {
  const error = tooMany('otp_cooldown', 'Wait before asking for another code.', retryAfterSeconds);
  Object.assign(error.details, sent);
  return error;
}

/** 429 `otp_rate_limited`: the per-phone cap of the window is reached. */
export function otpPhoneRateLimited(retryAfterSeconds: number): AppError {
  return tooMany('otp_rate_limited', 'Too many codes were sent to this number; try later.', retryAfterSeconds);
}

/** 429 `rate_limited`: the per-address cap of the window is reached. */
export function otpAddressRateLimited(retryAfterSeconds: number): AppError {
  return tooMany('rate_limited', 'Too many codes were asked for from this address; try later.', retryAfterSeconds);
}

/** 429 `rate_limited`: the cap of the address's network (/24, /56) is reached. */
export function otpBlockRateLimited(retryAfterSeconds: number): AppError {
  return tooMany('rate_limited', 'Too many codes were asked for from this network; try later.', retryAfterSeconds);
}

/** 429 `otp_rate_limited`: the cap of numbers sharing this one's prefix is reached. */
export function otpPrefixRateLimited(retryAfterSeconds: number): AppError {
  return tooMany('otp_rate_limited', 'Too many codes were sent to numbers like this one; try later.', retryAfterSeconds);
}

/**
 * 400 `human_check_image_required`: the org sends many codes right now, so a number that never
 * logged in there needs the image check (`POST …/challenges?kind=image`) rather than the invisible one.
 */
export function humanCheckImageRequired(): AppError {
  return new AppError(400, 'human_check_image_required', 'Many codes are being sent right now: type the characters of the image check to get yours.', { kind: 'image' });
}

/** 429 `rate_limited`: too many human checks were made for this address. */
export function humanChecksRateLimited(retryAfterSeconds: number): AppError {
  return tooMany('rate_limited', 'Too many human checks were asked for from this address; try later.', retryAfterSeconds);
}

/** 429 `rate_limited`: too many wrong keys came from this address; even a right one waits. */
export function keyAttemptsExceeded(retryAfterSeconds: number): AppError {
  return tooMany('rate_limited', 'Too many wrong keys came from this address; try later.', retryAfterSeconds);
}

/** 400 `human_check_expired`: the challenge was used or is too old. */
export function humanCheckExpired(): AppError {
  return new AppError(400, 'human_check_expired', 'The human check was used or has expired; ask for a new one.');
}

/** 400 `human_check_failed`: the answer does not solve the challenge. */
export function humanCheckFailed(): AppError {
  return new AppError(400, 'human_check_failed', 'The answer to the human check is wrong.');
}

// Credentials.

/** 401 `unauthorized`: the bearer token is not a session of this org. */
export function sessionTokenInvalid(): AppError {
  return unauthorized('The session token is not valid here.');
}

/** 401 `session_expired`: past its lifetime or idle too long. */
export function sessionExpired(): AppError {
  return unauthorized('The session has expired; log in again.', 'session_expired');
}

/** 401 `unauthorized`: the API key is not one of this org. */
export function apiKeyInvalid(): AppError {
  return unauthorized('The API key is not valid for this org.');
}

/** 401 `unauthorized`: the admin routes need the admin key. */
export function adminKeyRequired(): AppError {
  return unauthorized('The admin key is required.');
}

/** 403 `origin_not_allowed`: a browser call from a site the org does not list. */
export function originNotAllowed(origin: string): AppError {
  return new AppError(403, 'origin_not_allowed', 'This site may not call this org from a browser.', { origin });
}

// Orgs, units, requests and their files.

/** 404 `org_not_found`. */
export function orgNotFound(orgId: string): AppError {
  return notFound('org_not_found', `There is no org "${orgId}".`);
}

/** 409 `org_exists`. */
export function orgExists(orgId: string): AppError {
  return new AppError(409, 'org_exists', `The org "${orgId}" exists.`);
}

/** 404 `unit_not_found`; as a 400 naming the field when a submission addresses a unit the org lacks. */
export function unitNotFound(field?: string): AppError {
  const message = 'There is no such unit in this org.';
  return field === undefined ? notFound('unit_not_found', message) : new AppError(400, 'unit_not_found', message, { field });
}

/** 409 `unit_in_use`: requests are addressed to the unit. */
export function unitInUse(requests: number): AppError {
  return conflict('unit_in_use', 'Requests are addressed to this unit.', { requests });
}

/** 404 `request_not_found` (someone else's request too). */
export function requestNotFound(): AppError {
  return notFound('request_not_found', 'There is no such request.');
}

/** 409 `request_already_decided`, with the status it has. */
export function requestAlreadyDecided(status: string): AppError {
  return conflict('request_already_decided', 'The request was already decided.', { status });
}

/** 409 `letter_number_taken`; without the number when only the unique index noticed. */
export function letterNumberTaken(letterNumber?: string): AppError {
  return letterNumber === undefined
    ? conflict('letter_number_taken', 'The letter number is taken.')
    : conflict('letter_number_taken', `The letter number ${letterNumber} is taken.`, { letterNumber });
}

/** 404 `file_not_found`. */
export function fileNotFound(): AppError {
  return notFound('file_not_found', 'There is no such file.');
}

/**
 * 410 `file_removed`: the file's content is gone for good, by the org's retention policy or because
 * its citizen deleted their account; `details.reason` says which and `details.removedAt` when.
 */
export function fileRemoved(reason: string, removedAt: Date): AppError {
  return new AppError(410, 'file_removed', 'The file was removed under the retention policy.', { reason, removedAt: removedAt.toISOString() });
}

/**
 * 503 `rate_limited`: the process holds as many upload bytes as it may (`UPLOAD_BYTES_IN_FLIGHT`);
 * the upload is refused before its body is read, to be sent again a moment later.
 */
export function uploadsBusy(): AppError {
  return new AppError(503, 'rate_limited', 'The service is receiving as many files as it can; send again in a moment.', { retryAfter: 1 });
}

/** 503 `internal_error` from `/readyz`: what keeps the service from serving (`problems`). */
export function notReady(problems: string[]): AppError {
  return new AppError(503, 'internal_error', `Not ready: ${problems.join('; ')}.`, { problems });
}

/** 403 `forbidden`: a security floor (`field`) only the service's operator may change, not the org's staff. */
export function operatorSettingForbidden(field: string): AppError {
  return new AppError(403, 'forbidden', `Only the service's operator may change ${field}.`, { field });
}

/** 403 `forbidden`: the caller's role may not do this; `roles` are those that may. */
export function roleForbidden(roles: readonly string[]): AppError {
  return new AppError(403, 'forbidden', 'Your role may not do this.', { roles });
}

/** 404 `not_found` for an API key. */
export function apiKeyNotFound(): AppError {
  return notFound('not_found', 'There is no such key.');
}

/** 404 `not_found` for a webhook. */
export function webhookNotFound(): AppError {
  return notFound('not_found', 'There is no such webhook.');
}

/** 400 `invalid_input`: a webhook URL the URL parser refuses. */
export function webhookUrlInvalid(): AppError {
  return invalidInput('url must be an http(s) URL.', { field: 'url' });
}

/**
 * 400 `webhook_url_not_allowed`: a webhook URL the target rules refuse; `details.reason` is
 * `scheme` (not https, and the operator does not allow http), `credentials` (a user or password in
 * the URL), `address` (the host is or resolves to a private, local or reserved address) or
 * `unresolvable` (the host name does not resolve).
 */
export function webhookUrlNotAllowed(reason: string, message: string): AppError {
  return new AppError(400, 'webhook_url_not_allowed', message, { field: 'url', reason });
}

// Idempotency.

/** 422 `idempotency_key_reused`: the key came with another body. */
export function idempotencyKeyReused(): AppError {
  return new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with another request.');
}

/** 409 `idempotency_in_progress`: the first attempt has not finished. */
export function idempotencyInProgress(): AppError {
  return new AppError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still being processed.');
}

// Uploads.

/** 415 `unsupported_media_type`: a file route called without a multipart body. */
export function multipartRequired(): AppError {
  return new AppError(415, 'unsupported_media_type', 'Send multipart/form-data.');
}

/** 400 `invalid_input`: the multipart body could not be parsed. */
export function multipartUnreadable(): AppError {
  return new AppError(400, 'invalid_input', 'The multipart body could not be read.');
}

/** 413 `payload_too_large`: too many or too large form fields. */
export function formTooLarge(): AppError {
  return new AppError(413, 'payload_too_large', 'The form has too many or too large fields.');
}

/** 400 `file_too_many`: more than the one file a form takes. */
export function fileTooMany(): AppError {
  return new AppError(400, 'file_too_many', 'Send one file only.', { max: 1 });
}

/** 400 `file_missing`. */
export function fileMissing(field: string): AppError {
  return new AppError(400, 'file_missing', `The file "${field}" is required.`, { field });
}

/** 400 `file_empty`. */
export function fileEmpty(field: string): AppError {
  return new AppError(400, 'file_empty', 'The file is empty.', { field });
}

/** 413 `file_too_large`, with the org's limit in bytes. */
export function fileTooLarge(max: number): AppError {
  return new AppError(413, 'file_too_large', `The file is larger than ${max} bytes.`, { max });
}

/** 400 `file_type_not_allowed`, with the extensions the org accepts. */
export function fileTypeNotAllowed(allowed: readonly string[]): AppError {
  return new AppError(400, 'file_type_not_allowed', 'This type of file is not accepted.', { allowed });
}

/** 400 `file_type_mismatch`: the magic bytes disagree with the extension. */
export function fileTypeMismatch(extension: string, detected: string | null): AppError {
  return new AppError(400, 'file_type_mismatch', 'The file content does not match its extension.', { extension, detected });
}

// Input and HTTP.

/** 400 `invalid_input`: not an ISO date or date-time. */
export function dateInvalid(field: string): AppError {
  return new AppError(400, 'invalid_input', `${field} must be an ISO date.`, { field });
}

/** 400 `invalid_input`: a list cursor this service did not make. */
export function cursorInvalid(): AppError {
  return invalidInput('The cursor is not valid.', { field: 'cursor' });
}

/** 400 `invalid_json`: the body parser could not read JSON. */
export function invalidJson(): AppError {
  return new AppError(400, 'invalid_json', 'The body is not valid JSON.');
}

/** 404 `not_found`: no route answered. */
export function routeNotFound(): AppError {
  return new AppError(404, 'not_found', 'There is nothing here.');
}

/** 405 `method_not_allowed`. */
export function methodNotAllowed(): AppError {
  return new AppError(405, 'method_not_allowed', 'This method is not allowed here.');
}

const byStatus: Record<number, () => AppError> = {
  400: () => new AppError(400, 'invalid_input', 'The request could not be read.'),
  401: () => unauthorized(),
  403: () => new AppError(403, 'forbidden', 'Not allowed.'),
  404: routeNotFound,
  405: methodNotAllowed,
  413: () => new AppError(413, 'payload_too_large', 'The body is too large.'),
  415: () => new AppError(415, 'unsupported_media_type', 'This content type is not accepted here.'),
  // The router answers 501 for a method it knows nowhere; to a client that is a 405 too.
  501: methodNotAllowed,
};

/**
 * The error for a library's HTTP failure (body parser, router) by its status: a known 4xx keeps a
 * stable code, another 4xx is `invalid_input`, anything else a 500 `internal_error`.
 */
export function fromHttpStatus(status: number): AppError {
  const known = byStatus[status];
  if (known) return known();
  if (status >= 400 && status < 500) return new AppError(status, 'invalid_input', 'The request could not be handled.');
  return internalError();
}

/** 400 `invalid_input`: a body sent with `Content-Encoding` gzip, deflate or br that does not decompress. */
export function bodyNotDecodable(): AppError {
  return new AppError(400, 'invalid_input', 'The body could not be decompressed.');
}

/** 500 `internal_error`, without internals. */
export function internalError(): AppError {
  return new AppError(500, 'internal_error', 'Something went wrong on our side.');
}

// The desk: staff people and the request workflow.

/** 404 `staff_not_found`. */
export function staffNotFound(): AppError {
  return notFound('staff_not_found', 'There is no such staff member.');
}

/** 409 `staff_exists`: the phone already belongs to a staff member of the org. */
export function staffExists(): AppError {
  return conflict('staff_exists', 'This phone already belongs to a staff member of this org.');
}

/** 400 `field_required` for `unitIds`: a handler works at least one unit. */
export function handlerNeedsUnits(): AppError {
  return new AppError(400, 'field_required', 'A handler needs at least one unit.', { field: 'unitIds' });
}

/** 409 `last_admin`: an org keeps at least one active admin. */
export function lastAdmin(): AppError {
  return conflict('last_admin', 'The org needs at least one active admin.');
}

/**
 * 409 `request_changed`: someone changed the request since the caller read it; `details` say who
 * did what, so the desk can show it instead of failing silently.
 */
export function requestChanged(details: { version: number; status: string; last: Record<string, unknown> | null }): AppError {
  return conflict('request_changed', 'Someone changed this request meanwhile; look at it again.', details);
}

/** 409 `documents_already_requested`: the request already waits for the citizen's documents. */
export function documentsAlreadyRequested(): AppError {
  return conflict('documents_already_requested', 'Documents were already asked for; wait for the citizen.');
}

/** 409 `supplement_rounds_exceeded`: documents were asked for as many times as the org allows. */
export function supplementRoundsExceeded(max: number): AppError {
  return conflict('supplement_rounds_exceeded', `Documents may be asked for at most ${max} times.`, { max });
}

/** 409 `documents_not_requested`: a supplement for a request that awaits none. */
export function documentsNotRequested(): AppError {
  return conflict('documents_not_requested', 'This request does not await documents.');
}

// Appeals.

/**
 * 409 `appeal_not_allowed`: the request is not rejected, the org takes no appeals, or it had every
 * appeal the org allows (`details.rounds`).
 */
export function appealNotAllowed(reason: 'not_rejected' | 'appeals_off' | 'rounds_used', rounds: number): AppError {
  const messages = {
    not_rejected: 'Only a rejected request can be appealed.',
    appeals_off: 'This org takes no appeals.',
    rounds_used: 'This request had every appeal the org allows.',
  };
  return conflict('appeal_not_allowed', messages[reason], { reason, rounds });
}

/** 409 `appeal_window_closed`: the days to appeal after the rejection are over (`details.deadline`, `details.days`). */
export function appealWindowClosed(deadline: Date, days: number): AppError {
  return conflict('appeal_window_closed', `An appeal had to come within ${days} days of the rejection.`, { deadline: deadline.toISOString(), days });
}

/** 400 `staff_not_found`: a referral to a person who does not work that unit. */
export function assigneeNotInUnit(): AppError {
  return new AppError(400, 'staff_not_found', 'That person does not work at that unit.', { field: 'assigneeId' });
}

/** 409 `request_already_at_secretariat`: only a request at a unit can be sent back. */
export function requestAtSecretariat(): AppError {
  return conflict('request_already_at_secretariat', 'The request is already at the secretariat.');
}

// Templates and SMS texts.

/** 404 `template_not_found`; `field` when the template was named in a body (`templateId`). */
export function templateNotFound(field?: string): AppError {
  return new AppError(404, 'template_not_found', 'There is no such template.', field ? { field } : {});
}

/** 409 `template_exists`: the org has a template of that kind with that title. */
export function templateExists(): AppError {
  return conflict('template_exists', 'A template of this kind with this title exists.', { field: 'title' });
}

/** 400 `template_invalid`: a text names a variable its kind does not know. */
export function templateUnknownVariable(field: string, variable: string, allowed: readonly string[]): AppError {
  return new AppError(400, 'template_invalid', `{${variable}} is not a variable of this text.`, { field, variable, allowed });
}

/** 400 `template_invalid`: a login code text without `{code}` would send no code. */
export function templateMissingVariable(field: string, variable: string): AppError {
  return new AppError(400, 'template_invalid', `This text must contain {${variable}}.`, { field, variable });
}

/** 400 `template_invalid`: a template of another kind, e.g. a reply template for a rejection. */
export function templateWrongKind(kind: string): AppError {
  return new AppError(400, 'template_invalid', `This action takes a ${kind} template.`, { field: 'templateId', kind });
}

// Desk settings: the letter register and units.

/** 400 `letter_pattern_invalid`: a numbering pattern the register cannot use; `problem` says why. */
export function letterPatternInvalid(problem: string): AppError {
  return new AppError(400, 'letter_pattern_invalid', `The letter number pattern is not usable: ${problem}`, { field: 'register.pattern', problem });
}

/** 409 `unit_code_taken`: another unit of the org has this code. */
export function unitCodeTaken(code?: string): AppError {
  return code === undefined
    ? conflict('unit_code_taken', 'Another unit of this org has this code.')
    : conflict('unit_code_taken', `Another unit of this org has the code "${code}".`, { code });
}
