import { UnreadableFileError } from '../../store/readReportText.ts';

/** Little-endian magic of a zstd frame (28 B5 2F FD on disk). */
export const ZSTD_MAGIC = 0xfd2fb528;

/**
 * Splits concatenated zstd frames (RFC 8878 §3.1), skipping skippable frames: Node's zstd
 * decoder stops after the first frame, while the Collector's file exporter writes one frame per
 * flush or per write. Walks only the frame and block headers. Throws `UnreadableFileError`.
 */
export function zstdFrames(data: Uint8Array): Uint8Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const frames: Uint8Array[] = [];
  let at = 0;
  while (at < data.length) {
    need(data, at, 8);
    const magic = view.getUint32(at, true);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      at += 8 + view.getUint32(at + 4, true);
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw new UnreadableFileError(`has a bad zstd frame at byte ${at}`);
    const start = at;
    const descriptor = data[at + 4]!;
    const singleSegment = (descriptor & 0x20) !== 0;
    const contentSizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][descriptor >> 6]!;
    at += 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][descriptor & 3]! + contentSizeBytes;
    for (let last = false; !last;) {
      need(data, at, 3);
      const header = data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16);
      last = (header & 1) === 1;
      const type = (header >> 1) & 3;
      if (type === 3) throw new UnreadableFileError(`has a bad zstd block at byte ${at}`);
      at += 3 + (type === 1 ? 1 : header >>> 3);
    }
    if (descriptor & 0x04) at += 4;
    need(data, at, 0);
    frames.push(data.subarray(start, at));
  }
  return frames;
}

function need(data: Uint8Array, at: number, bytes: number): void {
  if (at + bytes > data.length) throw new UnreadableFileError('is truncated zstd data');
}
