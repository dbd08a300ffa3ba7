/** A small valid PDF. */
export function pdfBytes(extra = ''): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n${extra}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);
}

/** A PDF of exactly `size` bytes. */
export function pdfOfSize(size: number): Uint8Array {
  const head = pdfBytes();
  const bytes = new Uint8Array(size);
  bytes.set(head.subarray(0, Math.min(head.length, size)));
  bytes.fill(0x20, head.length);
  return bytes;
}

/** The first bytes of a Windows executable. */
export function exeBytes(): Uint8Array {
  const bytes = new Uint8Array(512);
  bytes.set([0x4d, 0x5a, 0x90, 0x00, 0x03]);
  // file-type looks for the PE header offset at 0x3c.
  bytes[0x3c] = 0x80;
  bytes.set([0x50, 0x45, 0x00, 0x00], 0x80);
  return bytes;
}

/** A 1×1 PNG. */
export function pngBytes(): Uint8Array {
  return Uint8Array.from(
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
  );
}

/** A little-endian TIFF: its header and one directory with one entry (the image width). */
export function tiffBytes(): Uint8Array {
  const bytes = Buffer.alloc(64);
  bytes.write('II*\0', 0, 'latin1');
  bytes.writeUInt32LE(8, 4);
  bytes.writeUInt16LE(1, 8);
  bytes.writeUInt16LE(256, 10);
  bytes.writeUInt16LE(3, 12);
  bytes.writeUInt32LE(1, 14);
  bytes.writeUInt16LE(1, 18);
  return Uint8Array.from(bytes);
}

/** A file for FormData / the SDK. */
export function file(bytes: Uint8Array, name: string, type = 'application/octet-stream'): File {
  return new File([new Uint8Array(bytes)], name, { type });
}
