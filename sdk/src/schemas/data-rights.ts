import { Type } from '@sinclair/typebox';
import { LocalizedTextSchema, TimestampSchema } from './common.js';
import { FileInfoSchema, RequestDetailSchema } from './requests.js';

/** `DELETE /v1/orgs/:org/me` body: a word to type, so that no stray call deletes an account. */
export const DeleteAccountInputSchema = Type.Object(
  {
    confirm: Type.Literal('DELETE', { description: 'Exactly `DELETE`: the citizen confirms they want their account deleted.' }),
  },
  { $id: 'DeleteAccountInput', description: 'Body to delete the caller\'s account; `confirm` must be `DELETE`.' },
);

/** One file of an export: where it is in the archive, or why it is not. */
export const ExportedFileSchema = Type.Object(
  {
    ...FileInfoSchema.properties,
    path: Type.Union([Type.String(), Type.Null()], {
      description: 'Where the content is in the archive (`files/<trackingCode>/<name>`); `null` when it was removed.',
    }),
  },
  { $id: 'ExportedFile', description: 'A file of an exported request, with its place in the archive.' },
);

/** `data.json` of `GET /v1/orgs/:org/me/export`: everything the org holds about the citizen. */
export const CitizenDataExportSchema = Type.Object(
  {
    exportedAt: TimestampSchema,
    org: Type.Object({ id: Type.String(), name: LocalizedTextSchema }),
    citizen: Type.Object({
      phone: Type.String({ description: 'The mobile number, E.164.' }),
      createdAt: TimestampSchema,
    }),
    requests: Type.Array(
      Type.Object({
        ...RequestDetailSchema.properties,
        files: Type.Array(ExportedFileSchema, { description: 'Every file of the request: body, supplements, appeals and replies, oldest first.' }),
      }),
      { description: 'Every request of the citizen, newest first, as the citizen sees it: no internal notes, no staff names.' },
    ),
  },
  { $id: 'CitizenDataExport', description: 'What `data.json` of a data export holds.' },
);
