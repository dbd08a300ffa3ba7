import { Type } from '@sinclair/typebox';
import { TimestampSchema } from './common.js';

/** An ALTCHA proof-of-work challenge. */
export const PowChallengeSchema = Type.Object(
  {
    kind: Type.Literal('pow'),
    id: Type.String(),
    algorithm: Type.Literal('SHA-256'),
    challenge: Type.String(),
    salt: Type.String(),
    signature: Type.String(),
    maxNumber: Type.Integer(),
    expiresAt: TimestampSchema,
  },
  {
    $id: 'PowChallenge',
    description: 'An ALTCHA proof-of-work challenge: find `n` in `0..maxNumber` with `hex(SHA-256(salt + n)) === challenge`; answer with `String(n)`.',
  },
);

/** A visual code image. */
export const ImageChallengeSchema = Type.Object(
  {
    kind: Type.Literal('image'),
    id: Type.String(),
    image: Type.String({ description: 'A `data:image/svg+xml;base64,…` URL.' }),
    length: Type.Integer({ description: 'Number of characters in the code.' }),
    expiresAt: TimestampSchema,
  },
  { $id: 'ImageChallenge', description: 'A visual code image (کد امنیتی) for orgs that chose `image`; answer with the characters shown.' },
);

/** A human check, single use, valid 10 minutes. */
export const HumanCheckChallengeSchema = Type.Union([PowChallengeSchema, ImageChallengeSchema], {
  $id: 'HumanCheckChallenge',
  description: 'A human check, single use, valid 10 minutes.',
});

/** `POST /v1/orgs/:org/challenges` query. */
export const ChallengeQuerySchema = Type.Object(
  {
    kind: Type.Optional(
      Type.Literal('image', {
        description: "Ask for the image check whatever the org's kind: what a number that never logged in needs while the org sends many codes (`human_check_image_required`).",
      }),
    ),
  },
  { $id: 'ChallengeQuery' },
);

/** The answer to a human check. */
export const HumanCheckSolutionSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200 }),
    answer: Type.String({ minLength: 1, maxLength: 200, description: 'The found number (pow) or the typed characters (image).' }),
  },
  { $id: 'HumanCheckSolution', description: 'The answer to a human check.' },
);

const phone = Type.String({
  minLength: 1,
  maxLength: 50,
  description: 'A mobile number: `09…`, `+98…`, `0098…`, in Persian, Arabic-Indic or Latin digits.',
});

/** `POST /v1/orgs/:org/otp` body. */
export const OtpRequestInputSchema = Type.Object(
  // The challenge is listed first: with several faults the answer names the first field in this order.
  { challenge: HumanCheckSolutionSchema, phone },
  { $id: 'OtpRequestInput', description: 'Body to send a one-time code.' },
);

/** `POST /v1/orgs/:org/otp` answer. */
export const OtpRequestResultSchema = Type.Object(
  {
    phone: Type.String({ description: 'The phone in E.164 form, e.g. `+989121234567`.' }),
    codeLength: Type.Integer(),
    expiresAt: TimestampSchema,
    resendAt: Type.String({ description: 'When another code may be asked for (ISO 8601).' }),
  },
  { $id: 'OtpRequestResult', description: 'The same answer whether or not the number was seen before.' },
);

/** `POST /v1/orgs/:org/sessions` body. */
export const SessionInputSchema = Type.Object(
  {
    phone,
    code: Type.String({ minLength: 1, maxLength: 50, description: 'The code from the SMS (Persian digits accepted).' }),
  },
  { $id: 'SessionInput', description: 'Body to log in with the SMS code.' },
);

/** `POST /v1/orgs/:org/sessions` answer. */
export const SessionSchema = Type.Object(
  {
    token: Type.String({ description: 'A bearer token, only valid at the org that issued it.' }),
    expiresAt: Type.String({ description: 'The absolute expiry (ISO 8601); an idle session expires earlier.' }),
    phone: Type.String({ description: "The citizen's phone in E.164 form." }),
  },
  { $id: 'Session', description: 'A citizen session.' },
);
