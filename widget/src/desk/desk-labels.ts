import { msg } from '@lit/localize';
import type { EventActor, StaffRole } from '@citizen-counter/sdk';

/** A staff role's name: مدیر، دبیرخانه، کارشناس واحد. */
export function roleLabel(role: StaffRole | string | null): string {
  switch (role) {
    case 'admin':
      return msg('Administrator');
    case 'registrar':
      return msg('Secretariat');
    case 'handler':
      return msg('Unit staff');
    case 'citizen':
      return msg('Citizen');
    default:
      return msg('Back-office system');
  }
}

/** Who did a step, as the desk shows it: a person with their role, a key's label, or the citizen. */
export function actorLabel(actor: EventActor): string {
  if (actor.type === 'citizen') return msg('Citizen');
  if (actor.type === 'system') return msg('System');
  const role = roleLabel(actor.type === 'api_key' ? null : actor.role);
  return actor.name ? `${actor.name} (${role})` : role;
}
