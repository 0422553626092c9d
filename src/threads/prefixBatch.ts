import { readPrefixInto } from '../node/nodeFileSystem';

/** A batch of files whose first `maxBytes` a reading thread should read. */
export interface PrefixRequest {
  readonly paths: readonly string[];
  readonly maxBytes: number;
}

/**
 * The answer: file `i`'s bytes start at `i * (maxBytes + 1)` in `buffer`; `lengths[i]` is how many
 * were read (one more than `maxBytes` means the file goes on), or -1 when the file could not be
 * read, with what the read threw in `errors[i]`.
 */
export interface PrefixReply {
  readonly buffer: ArrayBuffer;
  readonly lengths: Int32Array;
  readonly errors: (ReadError | null)[];
}

/** What a failed read threw, as it crosses to the calling thread. */
export interface ReadError {
  readonly code: string;
  readonly message: string;
}

/** Reads every file of a request with blocking reads (the thread doing it has nothing else to do). */
export function readPrefixesInto(request: PrefixRequest): PrefixReply {
  const paths = Array.isArray(request?.paths) ? request.paths : [];
  const maxBytes = Number.isInteger(request?.maxBytes) && request.maxBytes > 0 ? request.maxBytes : 0;
  const slot = maxBytes + 1;
  const buffer = new ArrayBuffer(paths.length * slot);
  const bytes = new Uint8Array(buffer);
  const lengths = new Int32Array(paths.length);
  const errors = new Array<ReadError | null>(paths.length).fill(null);
  for (let i = 0; i < paths.length; i++) {
    try {
      lengths[i] = readPrefixInto(String(paths[i]), bytes, i * slot, maxBytes);
    } catch (err) {
      lengths[i] = -1;
      const e = err as { code?: unknown; message?: unknown } | null;
      errors[i] = { code: String(e?.code ?? 'EIO'), message: String(e?.message ?? err) };
    }
  }
  return { buffer, lengths, errors };
}

/** The bytes of file `i` of a reply, as the index's reader takes them; undefined when it failed. */
export function prefixAt(reply: PrefixReply, i: number, maxBytes: number): { bytes: Uint8Array; complete: boolean } | undefined {
  const length = reply.lengths[i];
  if (length < 0) return undefined;
  // One Buffer view per post (this runs for each of them): a Buffer's indexOf (the binary-file
  // test) runs natively, a plain Uint8Array's does not.
  return { bytes: Buffer.from(reply.buffer, i * (maxBytes + 1), Math.min(length, maxBytes)), complete: length <= maxBytes };
}
