/**
 * Verified credentials: members submit (submissions.ts), verifiers decide (review.ts), the account
 * row carries what shows as verified and the sweep expires it (records.ts). The licence number is
 * encrypted at rest (secret.ts) and never leaves this folder in the clear.
 */
export { type CredentialView, expireCredentials } from './records.ts';
export {
  type ApproveInput,
  approveCredential,
  askForMore,
  checkLicenceNumber,
  listCredentialAudit,
  listVerificationQueue,
  type QueueItem,
  rejectCredential,
  revokeCredential,
  setUserRole,
} from './review.ts';
export {
  type CredentialInput,
  listMyCredentials,
  submitCredential,
  updateCredential,
} from './submissions.ts';
export { describeCredential, PROFESSIONS, SPECIALTIES } from './vocabulary.ts';
