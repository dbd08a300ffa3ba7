import { html } from 'lit-html';
import { msg } from '@lit/localize';
import type { CitizenRequest } from '@citizen-counter/sdk';
import { digits, formatDate, localized } from './format.js';
import { statusLabel } from './labels.js';

/**
 * The facts of one request, coloured by status, with the details the seeds list: reason and date
 * when rejected; letter number, tracking code and letter date when approved; while under review,
 * the day an answer is due (a calendar day: read at local noon, so no time zone moves it).
 */
export function requestFacts(r: CitizenRequest) {
  return html`
    <dl>
      <dt>${msg('Status')}</dt>
      <dd><span class="badge ${r.status}" part="status status-${r.status.replace('_', '-')}">${statusLabel(r.status)}</span></dd>
      <dt>${msg('Tracking code')}</dt>
      <dd>${digits(r.trackingCode)}</dd>
      <dt>${msg('Date sent')}</dt>
      <dd>${formatDate(r.createdAt)}</dd>
      <dt>${msg('Addressed organizational unit')}</dt>
      <dd>${localized(r.unit.name)}</dd>
      ${r.status === 'under_review' && r.expectedDate
        ? html`<dt>${msg('Expected answer by')}</dt><dd>${formatDate(`${r.expectedDate}T12:00`)}</dd>`
        : ''}
      ${r.status === 'rejected'
        ? html`<dt>${msg('Reason')}</dt><dd>${r.rejectionReason ?? ''}</dd>
            <dt>${msg('Date rejected')}</dt><dd>${r.rejectedAt ? formatDate(r.rejectedAt) : ''}</dd>`
        : ''}
      ${r.status === 'approved'
        ? html`<dt>${msg('Letter number')}</dt><dd>${digits(r.letterNumber ?? '')}</dd>
            <dt>${msg('Letter date')}</dt><dd>${r.letterDate ? formatDate(r.letterDate) : ''}</dd>`
        : ''}
    </dl>
  `;
}
