import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DetailedError, HttpResponse } from 'tus-js-client';
import { describeUploadError, shouldRetryUpload } from '../src/upload/upload-errors.ts';
import { wavesFromHeader } from '../src/upload/waves.ts';

function answered(status: number, body = ''): DetailedError {
  const response = { getStatus: () => status, getBody: () => body } as HttpResponse;
  return Object.assign(new Error('tus: unexpected response'), {
    originalResponse: response,
    originalRequest: {},
    causingError: null,
  }) as unknown as DetailedError;
}

function networkFailure(code: string): DetailedError {
  const cause = Object.assign(new Error(`connect ${code}`), { code });
  return Object.assign(new Error('tus: failed to create upload'), {
    originalResponse: null,
    originalRequest: {},
    causingError: cause,
  }) as unknown as DetailedError;
}

describe('Porthole-Waves header', () => {
  it('reads a whole number of waves', () => {
    assert.equal(wavesFromHeader('3'), 3);
    assert.equal(wavesFromHeader(' 0 '), 0);
  });

  it('counts a missing or malformed header as no waves', () => {
    for (const value of [undefined, null, '', '-2', '1.5', 'many', '99999999999']) {
      assert.equal(wavesFromHeader(value), 0, String(value));
    }
  });
});

describe('upload errors', () => {
  it('resumes after network failures and server errors', () => {
    assert.equal(shouldRetryUpload(networkFailure('ECONNRESET')), true);
    assert.equal(shouldRetryUpload(answered(503)), true);
    assert.equal(shouldRetryUpload(answered(409)), true, 'offset conflict: HEAD and resume');
    assert.equal(shouldRetryUpload(answered(429)), true);
  });

  it('gives up on a frame the relay refused', () => {
    for (const status of [401, 413, 415, 422]) assert.equal(shouldRetryUpload(answered(status)), false);
  });

  it('says what the relay answered, with a hint for a bad token', () => {
    assert.equal(
      describeUploadError(answered(413, 'frame too large\n')),
      'relay answered 413: frame too large',
    );
    assert.match(describeUploadError(answered(401, 'missing token')), /401: missing token \(check --token\)/);
  });

  it('says when the relay cannot be reached', () => {
    assert.equal(
      describeUploadError(networkFailure('ECONNREFUSED')),
      'cannot reach the relay (ECONNREFUSED)',
    );
  });
});
