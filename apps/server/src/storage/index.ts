import type { Config } from '../config/index.ts';
import { createLocalStorage } from './local.ts';
import type { MediaStorage } from './media-storage.ts';
import { createS3Storage } from './s3.ts';

export { createLocalStorage } from './local.ts';
export * from './media-storage.ts';
export { createS3Storage, type S3StorageOptions } from './s3.ts';

/** The media store the configuration asks for: local disk by default, S3 when MEDIA_STORAGE=s3. */
export function createStorageFromConfig(config: Config): MediaStorage {
  const { s3 } = config.media;
  if (config.media.storage === 's3' && s3) {
    // Without a public URL the app serves objects itself at /media/<key> (a private bucket works).
    return createS3Storage({ ...s3, publicUrl: s3.publicUrl ?? `${config.publicUrl}/media` });
  }
  return createLocalStorage(config.dataDir, `${config.publicUrl}/media`);
}
