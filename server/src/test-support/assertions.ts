import assert from 'node:assert/strict';
import { isApiError, type ApiError } from '@citizen-counter/sdk';

/** Asserts that `promise` fails with an ApiError of `code` (and `status` when given). */
export async function rejectsWith(promise: Promise<unknown>, code: string, status?: number): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isApiError(error), `expected an ApiError, got ${String(error)}`);
    assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    if (status !== undefined) assert.equal(error.status, status);
    return error;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

/** Reads a raw error answer: status and code. */
export async function errorOf(response: Response): Promise<{ status: number; code: string }> {
  const body = (await response.json()) as { error?: { code?: string } };
  return { status: response.status, code: body.error?.code ?? '' };
}
