/** Polls on statuses: limits, input checks, storage, votes, the viewer's view and expiry. */
export { closeEndedPolls, type EndedPoll } from './expiry.ts';
export {
  assertPollWithoutMedia,
  guardPollOptions,
  type PollInput,
  type PreparedPoll,
  preparePoll,
} from './input.ts';
export { POLL_LIMITS } from './limits.ts';
export { notifyPollEnded } from './notify.ts';
export {
  applyPollEdit,
  findPollOfStatus,
  findPollRow,
  insertPoll,
  listEditPolls,
  recordEditPoll,
} from './store.ts';
export { isPollExpired, type PollView, viewPoll } from './view.ts';
export { getPollView, voteInPoll } from './votes.ts';
