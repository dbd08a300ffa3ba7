import { html } from 'lit-html';
import { msg, str } from '@lit/localize';
import type { UploadRules } from '@citizen-counter/sdk';
import { formatBytes, formatList } from './format.js';

/**
 * A file field under the org's upload rules, as the request form and the documents form show it:
 * the label (marked when the file is required), the picker (styled by `filePickerStyles`), the
 * chosen file and its error. The input's id is `id`; its hint and error are `<id>-hint` and `<id>-error`.
 */
export function fileField(id: string, label: string, file: File | null, error: string | undefined, rules: UploadRules, required = true) {
  return html`
    <div class="field">
      <label for=${id}>${label}${required ? requiredMark : ''}</label>
      <div class="file">
        <span class="pick" part="button file-button" aria-hidden="true">${msg('Choose file')}</span>
        <span id=${`${id}-hint`} class="hint">${file
          ? html`<bdi>${file.name}</bdi> (${formatBytes(file.size)})`
          : msg('No file chosen')}</span>
        <input id=${id} type="file" ?required=${required} accept=${rules.allowedExtensions.map((ext) => `.${ext}`).join(',')}
          aria-describedby=${`${id}-hint ${id}-error`} aria-invalid=${error ? 'true' : 'false'} />
      </div>
      <p id=${`${id}-error`} class="error" part="error">${error ?? ''}</p>
    </div>
  `;
}

/** The visible mark of a required field; the field's own `required` is what assistive technology announces. */
export const requiredMark = html`<span class="req" aria-hidden="true"> *</span>`;

/** The org's rules for one file, checked before anything is uploaded: what is wrong, or `undefined`. */
export function checkFile(file: File | null, rules: UploadRules): string | undefined {
  const extension = file?.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!file) return msg('Attach one body file.');
  if (!rules.allowedExtensions.includes(extension)) {
    return msg(str`This format is not accepted. Accepted: ${formatList(rules.allowedExtensions)}.`);
  }
  if (file.size > rules.maxFileBytes) {
    return msg(str`The file is ${formatBytes(file.size)}; the limit is ${formatBytes(rules.maxFileBytes)}.`);
  }
  return file.size === 0 ? msg('The file is empty.') : undefined;
}
