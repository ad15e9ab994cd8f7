export {
  attachMediaToStatus,
  detachMediaFromStatus,
  listMediaForStatuses,
  type MediaAttributes,
} from './attach.ts';
export { deleteUnattachedMedia } from './cleanup.ts';
export { type CreateMediaInput, createMedia } from './create.ts';
export { ACCEPTED_FORMATS, detectFormat, SUPPORTED_MIME_TYPES } from './detect.ts';
export { normalizeDescription, parseFocus } from './input.ts';
export * from './limits.ts';
export {
  deleteMedia,
  findOwnMedia,
  getMedia,
  removeMediaFiles,
  type UpdateMediaInput,
  updateMedia,
} from './manage.ts';
