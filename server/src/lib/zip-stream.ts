import type { Readable } from 'node:stream';
import yazl from 'yazl';

/** A file of an archive whose content is opened only when the archive reaches it. */
export interface LazyZipEntry {
  path: string;
  open(): Promise<Readable>;
}

/**
 * A zip archive as a stream: the small `buffers` first (compressed), then each of `entries`,
 * opened one at a time as the archive is written and stored as they are (what people upload is
 * mostly compressed already), so neither the archive nor more than one content is ever held whole.
 * A content that fails to open or to read ends the stream with that error.
 */
export function zipStream(buffers: { path: string; content: Buffer }[], entries: LazyZipEntry[], mtime: Date): Readable {
  const zip = new yazl.ZipFile();
  for (const buffer of buffers) zip.addBuffer(buffer.content, buffer.path, { mtime });
  for (const entry of entries) {
    zip.addReadStreamLazy(entry.path, { mtime, compress: false }, (callback) => {
      entry.open().then(
        (stream) => callback(null, stream),
        (error: unknown) => callback(error, undefined as unknown as Readable),
      );
    });
  }
  zip.end();
  const output = zip.outputStream as Readable;
  // yazl reports a failed entry on the zip file; the reader must see the download fail, not end short.
  zip.on('error', (error: Error) => output.destroy(error));
  return output;
}
