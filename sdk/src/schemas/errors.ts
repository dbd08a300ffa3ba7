import { Type } from '@sinclair/typebox';
import { errorCodes, type ErrorCode } from '../error-codes.js';

/** A stable error code, as a JSON Schema `enum` built from the one list in `error-codes.ts`. */
export const ErrorCodeSchema = Type.Unsafe<ErrorCode>({
  $id: 'ErrorCode',
  type: 'string',
  enum: [...errorCodes],
  description: 'A stable error code: clients choose what to show by `code`, never by the English `message`.',
});

/** The JSON body of every error answer. */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: ErrorCodeSchema,
      message: Type.String({ description: 'English text for developers; not meant to be shown to citizens.' }),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Figures such as `{field, max}` or `{retryAfter}`.' })),
    }),
  },
  { $id: 'Error', description: 'The body of every error answer.' },
);
