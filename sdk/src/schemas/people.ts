import { Type } from '@sinclair/typebox';
import { ListSchema, TimestampSchema } from './common.js';

/** What a staff member may do. */
export const StaffRoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('registrar'), Type.Literal('handler')], {
  $id: 'StaffRole',
  description:
    '`admin` runs the org (staff, units, settings, templates, webhooks, keys) and may do what a registrar does; `registrar` is the secretariat (دبیرخانه): every request of the org; `handler` works only the requests currently at their units.',
});

/** The role of an API key: a back-office system acts as the secretariat or as an admin. */
export const ApiKeyRoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('registrar')], {
  $id: 'ApiKeyRole',
  description: 'What a back-office system with this key may do: `admin` (everything) or `registrar` (the requests only).',
});

const phone = Type.String({ minLength: 1, maxLength: 40, description: 'A mobile number in any form the org accepts (Persian digits too).' });
const name = Type.String({ minLength: 1, maxLength: 200, description: 'The name the audit trail and the desk show.' });
const unitIds = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100, uniqueItems: true, description: "A handler's units; ignored for other roles." });

/** A staff member of an org. */
export const StaffMemberSchema = Type.Object(
  {
    id: Type.String(),
    phone: Type.String({ description: 'E.164.' }),
    name: Type.String(),
    role: StaffRoleSchema,
    unitIds: Type.Array(Type.String(), { description: "A handler's units (empty for other roles)." }),
    active: Type.Boolean({ description: 'A deactivated member cannot log in; their sessions end at once.' }),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  },
  { $id: 'StaffMember', description: 'A staff member of an org, who logs in with an SMS code.' },
);

/** Body to add a staff member. */
export const CreateStaffInputSchema = Type.Object(
  { phone, name, role: StaffRoleSchema, unitIds: Type.Optional(unitIds) },
  { $id: 'CreateStaffInput', description: 'Body to add a staff member; a handler needs at least one unit.' },
);

/** Body to change a staff member. */
export const UpdateStaffInputSchema = Type.Object(
  {
    name: Type.Optional(name),
    role: Type.Optional(StaffRoleSchema),
    unitIds: Type.Optional(unitIds),
    active: Type.Optional(Type.Boolean({ description: '`false` deactivates the member and ends their sessions.' })),
  },
  { $id: 'UpdateStaffInput', description: 'Body to change a staff member; absent fields stay as they are.' },
);

/** `GET …/staff/people` answer. */
export const StaffMemberListSchema = ListSchema(StaffMemberSchema, 'StaffMemberList', "The org's staff, active ones first, by name.");

/** A person a request can be referred to: only what the refer form needs, never a phone. */
export const UnitPersonSchema = Type.Object(
  { id: Type.String(), name: Type.String() },
  { $id: 'UnitPerson', description: 'An active staff member who works at a unit, as the refer form offers them.' },
);

/** `GET …/staff/units/:unitId/people` answer. */
export const UnitPersonListSchema = ListSchema(
  UnitPersonSchema,
  'UnitPersonList',
  "The active handlers of a unit, by name: the people a request referred to that unit can be given to. Admins and registrars work at no unit and are not listed.",
);

/** Who is calling a staff route. */
export const StaffIdentitySchema = Type.Object(
  {
    type: Type.Union([Type.Literal('staff'), Type.Literal('api_key')]),
    id: Type.String(),
    name: Type.String(),
    role: StaffRoleSchema,
    unitIds: Type.Array(Type.String()),
  },
  { $id: 'StaffIdentity', description: 'Who is calling: a staff member or an API key, with the role and units that scope what they see.' },
);

/** `POST /v1/orgs/:org/staff/sessions` answer. */
export const StaffSessionSchema = Type.Object(
  {
    token: Type.String({ description: 'The bearer token of staff routes; worthless on citizen routes.' }),
    expiresAt: TimestampSchema,
    staff: StaffMemberSchema,
  },
  { $id: 'StaffSession', description: 'A staff session.' },
);
