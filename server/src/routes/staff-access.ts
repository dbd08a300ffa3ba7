import type { StaffRole } from '@citizen-counter/sdk';
import { unauthorized } from '../errors/app-error.js';
import { roleForbidden } from '../errors/catalogue.js';
import type { StaffPrincipal, StaffRouteState } from '../types.js';

/** The roles that may work requests as the secretariat does. */
export const secretariatRoles: readonly StaffRole[] = ['admin', 'registrar'];

/** Every staff role. */
export const anyStaffRole: readonly StaffRole[] = ['admin', 'registrar', 'handler'];

/**
 * Who is calling a staff route. Every staff route sits behind the staff router's credential check;
 * a missing principal would be a wiring mistake, answered as 401.
 */
export function principal(ctx: { state: StaffRouteState }): StaffPrincipal {
  if (!ctx.state.staff) throw unauthorized();
  return ctx.state.staff;
}

/** The caller, when their role is one of `roles`; otherwise 403 `forbidden` naming the roles. */
export function requireRole(ctx: { state: StaffRouteState }, roles: readonly StaffRole[]): StaffPrincipal {
  const caller = principal(ctx);
  if (!roles.includes(caller.role)) throw roleForbidden(roles);
  return caller;
}
