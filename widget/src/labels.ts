import { msg } from '@lit/localize';
import type { RequestEventType, RequestStatus } from '@citizen-counter/sdk';

/** در حال بررسی / رد شده / تایید شده. */
export function statusLabel(status: RequestStatus): string {
  switch (status) {
    case 'under_review':
      return msg('Under review');
    case 'needs_documents':
      return msg('Documents needed');
    case 'rejected':
      return msg('Rejected');
    case 'approved':
      return msg('Approved');
  }
}

/** A timeline step's name. */
export function eventLabel(type: RequestEventType): string {
  switch (type) {
    case 'submitted':
      return msg('Request submitted');
    case 'referred':
      return msg('Referred to a unit');
    case 'returned':
      return msg('Returned to the secretariat');
    case 'documents_requested':
      return msg('More documents asked for');
    case 'supplemented':
      return msg('Documents sent');
    case 'approved':
    case 'rejected':
      return statusLabel(type);
    case 'replied':
      return msg('Reply');
    case 'appealed':
      return msg('Appeal');
  }
}
