import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { Context } from 'koa';
import { AppError, fieldRequired, fieldTooLong, invalidInput } from '../errors/app-error.js';
import { dateInvalid } from '../errors/catalogue.js';

/**
 * Input parsing at the edge, once: routes and the CLI read params, query strings, JSON bodies and
 * multipart fields through {@link parse} with the schemas of `@citizen-counter/sdk/schemas`, so
 * services receive typed, valid input. Faults answer the API's stable codes: a missing or blank
 * required field is `field_required` `{field}`, a text over its limit `field_too_long`
 * `{field, max}`, anything else `invalid_input` `{field, …}`.
 */

const checks = new WeakMap<TSchema, TypeCheck<TSchema>>();

/** The compiled check of a schema: compiled on first use, then reused for every request. */
function checkOf<T extends TSchema>(schema: T): TypeCheck<T> {
  let check = checks.get(schema);
  if (!check) checks.set(schema, (check = TypeCompiler.Compile(schema)));
  return check as TypeCheck<T>;
}

/** Options of {@link parse}. */
export interface ParseOptions {
  /** Where the value came from, named in the message when it is not an object. @default 'body' */
  source?: string;
}

/**
 * Checks `value` against an object schema and answers it typed. Strings are trimmed first:
 * surrounding whitespace is never meaningful in this API's input, and a blank required text
 * counts as missing.
 */
export function parse<T extends TSchema>(schema: T, value: unknown, options: ParseOptions = {}): Static<T> {
  if (schema['type'] === 'object' && !isPlainObject(value)) {
    throw invalidInput(`The ${options.source ?? 'body'} must be a JSON object.`);
  }
  const input = trimStrings(value);
  const check = checkOf(schema);
  if (check.Check(input)) return input;
  throw toAppError(schema, firstError(schema, [...check.Errors(input)]));
}

/** The JSON body of a request, parsed with `schema`. */
export function validBody<T extends TSchema>(ctx: Context, schema: T): Static<T> {
  return parse(schema, ctx.request.body);
}

/**
 * The query string of a request, parsed with `schema`: the first of repeated keys, empty values
 * as absent, and integers given as digits read as numbers.
 */
export function validQuery<T extends TSchema>(ctx: Context, schema: T): Static<T> {
  const properties = (schema['properties'] ?? {}) as Record<string, TSchema>;
  const plain: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(ctx.query)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === '') continue;
    const type = properties[key]?.['type'];
    plain[key] = (type === 'integer' || type === 'number') && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  }
  return parse(schema, plain, { source: 'query' });
}

/** Checks a text against a limit of the org (in characters, as the widget counts them). */
export function withinChars(field: string, value: string, max: number): string {
  if ([...value].length > max) throw fieldTooLong(field, max);
  return value;
}

/** Reads an optional ISO date or date-time; anything else is `invalid_input`. */
export function parseDate(value: string | undefined, field: string): Date | null {
  if (value === undefined || value === '') return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw dateInvalid(field);
  return date;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function trimStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimStrings);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, trimStrings(item)]));
  return value;
}

/** The fault to report: the one of the first field in the schema's order, so the answer is stable. */
function firstError(schema: TSchema, errors: ValueError[]): ValueError | undefined {
  const order = Object.keys((schema['properties'] ?? {}) as object);
  const rank = (error: ValueError) => order.indexOf(segments(error.path)[0] ?? '');
  let best: ValueError | undefined;
  for (const error of errors) if (!best || rank(error) < rank(best)) best = error;
  return best;
}

function segments(path: string): string[] {
  return path.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function toAppError(root: TSchema, error: ValueError | undefined): AppError {
  if (!error) return invalidInput('The input is not valid.');
  const path = segments(error.path);
  // Indexes are left out: `allowedOrigins`, not `allowedOrigins.2`, is what a form can point at.
  const field = path.filter((part) => !/^\d+$/.test(part)).join('.');
  const schema = error.schema as TSchema & Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return fieldRequired(field);
    case ValueErrorType.StringMinLength:
      return isRequired(root, path) ? fieldRequired(field) : invalidInput(`${field} must not be empty.`, { field });
    case ValueErrorType.StringMaxLength:
      return fieldTooLong(field, Number(schema['maxLength']));
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.Integer: {
      const min = schema['minimum'];
      const max = schema['maximum'];
      if (typeof min === 'number' && typeof max === 'number') {
        return invalidInput(`${field} must be an integer from ${min} to ${max}.`, { field, min, max });
      }
      return invalidInput(`${field} must be an integer.`, { field });
    }
    case ValueErrorType.Union:
    case ValueErrorType.Literal: {
      const allowed = literals(schema);
      if (allowed) return invalidInput(`${field} must be one of ${allowed.join(', ')}.`, { field, allowed });
      return invalidInput(`${field} is not valid.`, { field });
    }
    default:
      return invalidInput(field ? `${field} is not valid: ${error.message}.` : `The input is not valid: ${error.message}.`, field ? { field } : {});
  }
}

/** The allowed values of a literal or a union of literals. */
function literals(schema: Record<string, unknown>): string[] | null {
  if ('const' in schema) return [String(schema['const'])];
  const options = schema['anyOf'];
  if (!Array.isArray(options) || !options.every((option: Record<string, unknown>) => 'const' in option)) return null;
  return options.map((option: Record<string, unknown>) => String(option['const']));
}

/** Whether the property at `path` is required by its parent object. */
function isRequired(root: TSchema, path: string[]): boolean {
  let parent: Record<string, unknown> = root;
  for (const part of path.slice(0, -1)) {
    const next = /^\d+$/.test(part) ? parent['items'] : (parent['properties'] as Record<string, unknown> | undefined)?.[part];
    if (typeof next !== 'object' || next === null) return false;
    parent = next as Record<string, unknown>;
  }
  const required = parent['required'];
  return Array.isArray(required) && required.includes(path[path.length - 1]);
}

/** Reads an `Idempotency-Key` header: 1–255 visible ASCII characters, or none. */
export function parseIdempotencyKey(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) throw new AppError(400, 'invalid_input', 'Idempotency-Key must be 1–255 visible ASCII characters.', { field: 'Idempotency-Key' });
  return value;
}
