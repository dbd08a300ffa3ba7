import S3rver from 's3rver';

/** A running S3-compatible server on loopback with one bucket, for tests of the s3 store. */
export interface TestS3Server {
  /** `STORAGE_URL` of its bucket. */
  storageUrl: string;
  /** The keys it accepts, as `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts s3rver on an ephemeral loopback port, keeping its objects under `directory`. */
export async function startS3Server(directory: string, bucket = 'counter-files'): Promise<TestS3Server> {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  return {
    storageUrl: `s3://${bucket}?endpoint=${encodeURIComponent(`http://127.0.0.1:${address.port}`)}`,
    // s3rver's own fixed keys.
    env: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' },
    close: () => server.close(),
  };
}

/** The store the tests run on: `TEST_STORAGE` (database, filesystem or s3), filesystem by default as in production. */
export function testStorage(): 'database' | 'filesystem' | 's3' {
  const value = process.env['TEST_STORAGE'] ?? 'filesystem';
  if (value === 'database' || value === 'filesystem' || value === 's3') return value;
  throw new Error(`TEST_STORAGE must be database, filesystem or s3, not ${JSON.stringify(value)}.`);
}
