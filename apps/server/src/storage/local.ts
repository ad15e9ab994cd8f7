import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  assertValidStorageKey,
  type ByteRange,
  contentTypeForKey,
  type MediaStorage,
  resolveRange,
  type StoredObject,
} from './media-storage.ts';

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}

/**
 * Files under `<dataDir>/media/<key>`, served by this app at `<publicUrl>/<key>` (publicUrl is
 * usually `${PUBLIC_URL}/media`). The Content-Type comes from the key's extension.
 */
export function createLocalStorage(dataDir: string, publicUrl: string): MediaStorage {
  const root = path.resolve(dataDir, 'media');
  const base = publicUrl.replace(/\/+$/, '');
  const fileFor = (key: string): string => {
    assertValidStorageKey(key);
    return path.join(root, ...key.split('/'));
  };

  return {
    async put(key, bytes) {
      const file = fileFor(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a reader (or a crash) never sees half a file under the key.
      const temp = `${file}.${randomBytes(6).toString('hex')}.part`;
      try {
        await writeFile(temp, bytes, { flag: 'wx' });
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },

    async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
      const file = fileFor(key);
      let size: number;
      try {
        const info = await stat(file);
        if (!info.isFile()) return null;
        size = info.size;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      const contentType = contentTypeForKey(key);
      const resolved = resolveRange(range, size);
      if (resolved === 'unsatisfiable')
        return { body: emptyStream(), contentType, size, unsatisfiable: true };
      const stream = createReadStream(file, resolved ?? {});
      return {
        body: Readable.toWeb(stream) as ReadableStream<Uint8Array>,
        contentType,
        size,
        range: resolved ?? undefined,
      };
    },

    async delete(key) {
      const file = fileFor(key);
      await rm(file, { force: true });
      // Remove the per-upload folders left empty, up to the store's root.
      let dir = path.dirname(file);
      while (dir.startsWith(root + path.sep)) {
        try {
          await rmdir(dir);
        } catch {
          break;
        }
        dir = path.dirname(dir);
      }
    },

    url(key) {
      assertValidStorageKey(key);
      return `${base}/${key}`;
    },
  };
}
